package org.staticflow.benchmarks.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.staticflow.benchmarks.Percentiles;
import org.staticflow.runtime.kernels.Backends;
import org.staticflow.runtime.kernels.Kernels;

/**
 * Ratios that stay meaningful on a shared machine whose load drifts between JMH forks: in one JVM, for
 * each shape, rounds that time Staticflow SIMD, TensorFlow and the two-thread peak loop back to back
 * (about 60 ms each), so the three see the same load; per round, SIMD's share of the peak and SIMD's
 * time over TensorFlow's; reported as median and quartiles over the rounds.
 */
final class PairedKernelRun {
  /** One shape's per-round ratios, summarised. */
  record PairedRatio(String benchmark, String shape, int rounds, double[] shareOfPeak, double[] simdOverTf, double medianPeakGflops) {
    double median(double[] v) {
      return percentile(v, 0.5);
    }
  }

  private static final long ROUND_NANOS = 60_000_000L;

  private PairedKernelRun() {}

  static List<PairedRatio> run(int rounds) throws InterruptedException {
    Kernels simd = Backends.simd();
    List<PairedRatio> ratios = new ArrayList<>();
    for (GemmShape s : GemmShape.ALL) {
      float[] a = KernelCheck.values(1, s.m() * s.k());
      float[] b = KernelCheck.values(2, s.k() * s.n());
      float[] out = new float[s.m() * s.n()];
      try (TensorFlowKernel tf = TensorFlowKernel.matmul(s, a, b)) {
        Runnable simdOp = () -> simd.matmul(a, b, out, s.m(), s.k(), s.n(), s.transposeA(), s.transposeB());
        ratios.add(measure("gemm", s.name(), s.flops(), simdOp, tf::run, rounds));
      }
    }
    for (ConvShape s : ConvShape.ALL) {
      var g = s.geometry();
      float[] x = KernelCheck.values(3, g.batch() * g.inHeight() * g.inWidth() * g.inChannels());
      float[] f = KernelCheck.values(4, g.kernelHeight() * g.kernelWidth() * g.inChannels() * g.outChannels());
      float[] out = new float[g.batch() * g.outHeight() * g.outWidth() * g.outChannels()];
      try (TensorFlowKernel tf = TensorFlowKernel.conv2d(s, x, f)) {
        ratios.add(measure("conv2d", s.name(), s.flops(), () -> simd.conv2d(x, f, out, g), tf::run, rounds));
      }
    }
    return ratios;
  }

  private static PairedRatio measure(String benchmark, String shape, double flops, Runnable simd, Runnable tf, int rounds)
      throws InterruptedException {
    for (int i = 0; i < 3; i++) { // warm-up: JIT for SIMD, first-run set-up for TensorFlow
      gflops(simd, flops);
      gflops(tf, flops);
      peakGflops();
    }
    double[] share = new double[rounds];
    double[] ratio = new double[rounds];
    double[] peaks = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double s = gflops(simd, flops);
      double t = gflops(tf, flops);
      double p = peakGflops();
      share[r] = s / p;
      ratio[r] = t / s;
      peaks[r] = p;
    }
    PairedRatio result = new PairedRatio(benchmark, shape, rounds, share, ratio, percentile(peaks, 0.5));
    System.out.printf(Locale.ROOT, "# paired %-7s %-11s SIMD/peak %.2f, SIMD/TF time %.2f%n", benchmark, shape,
        percentile(share, 0.5), percentile(ratio, 0.5));
    return result;
  }

  /** GFLOP/s of {@code op} run repeatedly for about one round. */
  private static double gflops(Runnable op, double flops) {
    long start = System.nanoTime();
    long ops = 0;
    long elapsed;
    do {
      op.run();
      ops++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < ROUND_NANOS);
    return ops * flops / elapsed;
  }

  /** The two-core peak: the FMA loop on two threads at once for about one round. */
  private static double peakGflops() throws InterruptedException {
    long[] ops = new long[2];
    long[] nanos = new long[2];
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long begin = System.nanoTime();
        float sink = 0;
        long n = 0;
        do {
          sink += PeakFlopsBenchmark.fmaLoop(0.999f, 0.001f, 1f + id);
          n++;
        } while (System.nanoTime() - begin < ROUND_NANOS);
        nanos[id] = System.nanoTime() - begin;
        ops[id] = sink == 42f ? n + 1 : n; // keeps the loop's result alive
      });
      threads[t].start();
    }
    start.countDown();
    for (Thread t : threads) t.join();
    return (ops[0] * PeakFlopsBenchmark.FLOPS / nanos[0]) + (ops[1] * PeakFlopsBenchmark.FLOPS / nanos[1]);
  }

  static double percentile(double[] values, double q) {
    return Percentiles.of(values, q);
  }
}
