package org.staticflow.benchmarks.kernels;

/**
 * One benchmark configuration's result in GFLOP/s: the median over all measured iterations (of all
 * forks) and the lowest and highest iteration, plus the median time of one operation.
 *
 * @param benchmark {@code gemm}, {@code conv2d} or {@code peak}
 * @param shape the shape name (for peak: {@code 1-thread} or {@code 2-threads})
 * @param engine {@code simd}, {@code portable}, {@code tensorflow} (for peak: {@code vector-fma})
 */
record KernelResult(String benchmark, String shape, String engine, long samples, double medianGflops, double minGflops, double maxGflops, double medianMs) {}
