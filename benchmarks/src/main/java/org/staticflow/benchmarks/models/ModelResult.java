package org.staticflow.benchmarks.models;

/**
 * One measured configuration: time per operation over JMH's measurement iterations, and the bytes the
 * Java heap allocated per operation (JMH's {@code gc.alloc.rate.norm}; NaN when not profiled).
 *
 * @param workload e.g. {@code mlp-train}
 * @param engine {@code staticflow} or {@code tensorflow}
 * @param medianMs median over the iterations
 * @param minMs fastest iteration
 * @param maxMs slowest iteration
 * @param allocatedBytes heap bytes allocated per operation
 */
record ModelResult(String workload, String engine, double medianMs, double minMs, double maxMs, double allocatedBytes) {}
