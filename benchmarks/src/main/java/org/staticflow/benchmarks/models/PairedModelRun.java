package org.staticflow.benchmarks.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.staticflow.benchmarks.Percentiles;
import org.staticflow.runtime.kernels.Backends;

/**
 * Ratios that stay meaningful on a shared machine whose load drifts within minutes (on the build VM the same
 * Staticflow MLP step measured 0.68 ms in one JMH run and 1.36 ms in the next, and JMH times the two engines
 * minutes apart): in this JVM, for each workload, rounds that time Staticflow and TensorFlow back to back, the
 * order swapped every round, so both see the same load; per round Staticflow's time over TensorFlow's, reported
 * as median and quartiles.
 */
final class PairedModelRun {
  /** One workload's per-round ratios, summarised. */
  record PairedRatio(String workload, int rounds, double median, double p25, double p75) {}

  /** About how long each engine runs in a round, and the fewest operations it times. */
  private static final long ROUND_NANOS = 300_000_000L;
  private static final int MIN_OPERATIONS = 3;
  private static final long WARMUP_NANOS = 3_000_000_000L;

  private PairedModelRun() {}

  static List<PairedRatio> run(List<String> workloads, int rounds) {
    System.out.printf(Locale.ROOT, "# Paired model run: %d rounds per workload, Staticflow on the %s kernels%n", rounds,
        Backends.name());
    List<PairedRatio> ratios = new ArrayList<>();
    for (String name : workloads) {
      try (Workload staticflow = Workloads.create(name, "staticflow");
          Workload tensorflow = Workloads.create(name, "tensorflow")) {
        nanosPerOperation(staticflow, WARMUP_NANOS);
        nanosPerOperation(tensorflow, WARMUP_NANOS);
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          boolean staticflowFirst = r % 2 == 0;
          double first = nanosPerOperation(staticflowFirst ? staticflow : tensorflow, ROUND_NANOS);
          double second = nanosPerOperation(staticflowFirst ? tensorflow : staticflow, ROUND_NANOS);
          ratio[r] = staticflowFirst ? first / second : second / first;
        }
        PairedRatio result = new PairedRatio(name, rounds, Percentiles.of(ratio, 0.5), Percentiles.of(ratio, 0.25),
            Percentiles.of(ratio, 0.75));
        System.out.printf(Locale.ROOT, "# paired %-13s SF/TF time %.2f (%.2f..%.2f)%n", name, result.median(), result.p25(),
            result.p75());
        ratios.add(result);
      }
    }
    return ratios;
  }

  /** Mean time of {@code workload}'s operations over about {@code nanos}. */
  private static double nanosPerOperation(Workload workload, long nanos) {
    float sink = 0;
    long start = System.nanoTime();
    long operations = 0;
    long elapsed;
    do {
      sink += workload.run();
      operations++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < nanos || operations < MIN_OPERATIONS);
    if (sink == 42.4242f) {
      System.out.print(""); // keeps the results alive
    }
    return (double) elapsed / operations;
  }
}
