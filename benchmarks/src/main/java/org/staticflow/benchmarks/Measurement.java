package org.staticflow.benchmarks;

/**
 * The samples of one benchmark configuration, as throughput: bytes per second from the wall time of each
 * single save or restore.
 *
 * @param sizeMiB checkpoint tensor size
 * @param operation {@code save} or {@code restore}
 * @param engine {@code staticflow} or {@code tensorflow}
 * @param samples number of measured operations
 * @param medianMs median time of one operation
 * @param minMs fastest operation
 * @param maxMs slowest operation
 */
record Measurement(int sizeMiB, String operation, String engine, long samples, double medianMs, double minMs, double maxMs) {
  /** Decimal megabytes (10^6 bytes), as "MB/s" is usually meant. */
  static final double MEGABYTE = 1e6;

  long bytes() {
    return (long) sizeMiB << 20;
  }

  double medianMBps() {
    return throughput(medianMs);
  }

  /** Throughput of the slowest operation. */
  double worstMBps() {
    return throughput(maxMs);
  }

  /** Throughput of the fastest operation. */
  double bestMBps() {
    return throughput(minMs);
  }

  private double throughput(double millis) {
    return bytes() / MEGABYTE / (millis / 1000);
  }
}
