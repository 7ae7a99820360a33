package org.staticflow.benchmarks.kernels;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders the kernel benchmark results: the measured peak, then one row per GEMM shape and per
 * convolution with each engine's GFLOP/s (median and range), Staticflow SIMD's time over TensorFlow's
 * (below 1: faster), and SIMD's share of the two-core peak; and the same as JSON.
 */
final class KernelReport {
  private final List<KernelResult> results;
  private final List<PairedKernelRun.PairedRatio> paired;

  KernelReport(List<KernelResult> results, List<PairedKernelRun.PairedRatio> paired) {
    this.results = List.copyOf(results);
    this.paired = List.copyOf(paired);
  }

  Optional<KernelResult> find(String benchmark, String shape, String engine) {
    return results.stream()
        .filter(r -> r.benchmark().equals(benchmark) && r.shape().equals(shape) && r.engine().equals(engine))
        .findFirst();
  }

  double peak(String threads) {
    return find("peak", threads, "vector-fma").map(KernelResult::medianGflops).orElse(Double.NaN);
  }

  String table() {
    StringBuilder out = new StringBuilder();
    double peak1 = peak("1-thread");
    double peak2 = peak("2-threads");
    out.append(String.format(Locale.ROOT, "Measured peak (Vector API FMA loop, %d-bit vectors): 1 core %s GFLOP/s, 2 cores %s GFLOP/s%n%n",
        PeakFlopsBenchmark.SPECIES.vectorBitSize(),
        find("peak", "1-thread", "vector-fma").map(KernelReport::cell).orElse("-"),
        find("peak", "2-threads", "vector-fma").map(KernelReport::cell).orElse("-")));
    String header = "%-11s %-24s %20s %18s %20s %8s %9s%n";
    out.append(String.format(Locale.ROOT, header, "GEMM", "dims", "SIMD GFLOP/s", "portable", "TensorFlow", "SIMD/TF", "%peak(2c)"));
    for (GemmShape s : GemmShape.ALL) {
      row(out, header, "gemm", s.name(), s.dims(), peak2);
    }
    out.append(String.format(Locale.ROOT, "%n"));
    out.append(String.format(Locale.ROOT, header, "conv2d", "input*filter", "SIMD GFLOP/s", "portable", "TensorFlow", "SIMD/TF", "%peak(2c)"));
    for (ConvShape s : ConvShape.ALL) {
      row(out, header, "conv2d", s.name(), s.dims(), peak2);
    }
    out.append("GFLOP/s: median over all measured iterations (lowest..highest). SIMD/TF: Staticflow SIMD's time over\n");
    out.append("TensorFlow's (below 1 is faster). %peak(2c): SIMD's median over the two-core measured peak.\n");
    if (!Double.isNaN(peak1)) {
      out.append(String.format(Locale.ROOT, "Goal (issue 6): GEMM on the MLP shapes at least half of the measured peak, %.0f GFLOP/s on 2 cores.%n", peak2 / 2));
    }
    if (!paired.isEmpty()) {
      out.append(String.format(Locale.ROOT, "%nPaired rounds in one JVM (SIMD, TensorFlow, 2-thread peak loop back to back; robust to load drift):%n"));
      out.append(String.format(Locale.ROOT, "%-7s %-11s %7s %26s %26s %14s%n", "", "shape", "rounds", "SIMD/peak(2c) med (p25..p75)",
          "SIMD/TF time med (p25..p75)", "peak GFLOP/s"));
      for (PairedKernelRun.PairedRatio r : paired) {
        out.append(String.format(Locale.ROOT, "%-7s %-11s %7d %26s %26s %14.0f%n", r.benchmark(), r.shape(), r.rounds(),
            quartiles(r.shareOfPeak()), quartiles(r.simdOverTf()), r.medianPeakGflops()));
      }
    }
    return out.toString();
  }

  private void row(StringBuilder out, String format, String benchmark, String shape, String dims, double peak2) {
    Optional<KernelResult> simd = find(benchmark, shape, "simd");
    Optional<KernelResult> portable = find(benchmark, shape, "portable");
    Optional<KernelResult> tf = find(benchmark, shape, "tensorflow");
    if (simd.isEmpty() && portable.isEmpty() && tf.isEmpty()) {
      return;
    }
    String ratio = simd.isPresent() && tf.isPresent()
        ? String.format(Locale.ROOT, "%.2f", tf.get().medianGflops() / simd.get().medianGflops())
        : "-";
    String share = simd.isPresent() && !Double.isNaN(peak2)
        ? String.format(Locale.ROOT, "%.0f%%", 100 * simd.get().medianGflops() / peak2)
        : "-";
    out.append(String.format(Locale.ROOT, format, shape, dims,
        simd.map(KernelReport::cell).orElse("-"), portable.map(KernelReport::cell).orElse("-"),
        tf.map(KernelReport::cell).orElse("-"), ratio, share));
  }

  private static String quartiles(double[] v) {
    return String.format(Locale.ROOT, "%.2f (%.2f..%.2f)", PairedKernelRun.percentile(v, 0.5),
        PairedKernelRun.percentile(v, 0.25), PairedKernelRun.percentile(v, 0.75));
  }

  private static String cell(KernelResult r) {
    return String.format(Locale.ROOT, "%.1f (%.0f..%.0f)", r.medianGflops(), r.minGflops(), r.maxGflops());
  }

  String json(String environment) {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"benchmark\": \"kernels: GEMM and conv2d GFLOP/s, Staticflow SIMD / portable / TensorFlow, against the measured peak\",\n");
    out.append("  \"unit\": \"GFLOP/s = 10^9 floating-point operations per second (2mkn per product)\",\n");
    out.append("  \"environment\": ").append(environment).append(",\n");
    out.append(String.format(Locale.ROOT, "  \"peakGflops\": {\"oneCore\": %.2f, \"twoCores\": %.2f},%n", peak("1-thread"), peak("2-threads")));
    out.append("  \"measurements\": [\n");
    for (int i = 0; i < results.size(); i++) {
      KernelResult r = results.get(i);
      out.append(String.format(Locale.ROOT,
          "    {\"benchmark\": \"%s\", \"shape\": \"%s\", \"engine\": \"%s\", \"samples\": %d, \"medianGflops\": %.3f,"
              + " \"minGflops\": %.3f, \"maxGflops\": %.3f, \"medianMs\": %.4f}%s%n",
          r.benchmark(), r.shape(), r.engine(), r.samples(), r.medianGflops(), r.minGflops(), r.maxGflops(), r.medianMs(),
          i + 1 < results.size() ? "," : ""));
    }
    out.append("  ],\n  \"ratios\": [\n");
    List<String> rows = new java.util.ArrayList<>();
    for (KernelResult simd : results) {
      if (!simd.engine().equals("simd")) continue;
      find(simd.benchmark(), simd.shape(), "tensorflow").ifPresent(tf -> rows.add(String.format(Locale.ROOT,
          "    {\"benchmark\": \"%s\", \"shape\": \"%s\", \"simdTimeOverTensorflow\": %.3f, \"simdShareOfTwoCorePeak\": %.3f}",
          simd.benchmark(), simd.shape(), tf.medianGflops() / simd.medianGflops(), simd.medianGflops() / peak("2-threads"))));
    }
    out.append(String.join(",\n", rows)).append(rows.isEmpty() ? "" : "\n");
    out.append("  ],\n  \"paired\": [\n");
    List<String> pairs = new java.util.ArrayList<>();
    for (PairedKernelRun.PairedRatio r : paired) {
      pairs.add(String.format(Locale.ROOT,
          "    {\"benchmark\": \"%s\", \"shape\": \"%s\", \"rounds\": %d, \"simdShareOfTwoCorePeakMedian\": %.3f,"
              + " \"p25\": %.3f, \"p75\": %.3f, \"simdTimeOverTensorflowMedian\": %.3f, \"ratioP25\": %.3f,"
              + " \"ratioP75\": %.3f, \"peakGflopsMedian\": %.2f}",
          r.benchmark(), r.shape(), r.rounds(), PairedKernelRun.percentile(r.shareOfPeak(), 0.5),
          PairedKernelRun.percentile(r.shareOfPeak(), 0.25), PairedKernelRun.percentile(r.shareOfPeak(), 0.75),
          PairedKernelRun.percentile(r.simdOverTf(), 0.5), PairedKernelRun.percentile(r.simdOverTf(), 0.25),
          PairedKernelRun.percentile(r.simdOverTf(), 0.75), r.medianPeakGflops()));
    }
    out.append(String.join(",\n", pairs)).append(pairs.isEmpty() ? "" : "\n");
    return out.append("  ]\n}\n").toString();
  }
}
