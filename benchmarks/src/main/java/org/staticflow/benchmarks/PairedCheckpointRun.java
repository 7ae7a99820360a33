package org.staticflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.staticflow.runtime.tensor.Shape;

/**
 * A paired measurement that complements the JMH run on a machine whose load drifts: both engines live in
 * one JVM and alternate operation by operation (Staticflow then TensorFlow, then the other way round), so
 * each round's two timings see the same machine state. The statistic is the per-round ratio of
 * TensorFlow's time to Staticflow's, i.e. Staticflow's throughput over TensorFlow's.
 */
final class PairedCheckpointRun {
  /** Per-round ratios of one operation at one size: Staticflow throughput / TensorFlow throughput. */
  record PairedRatio(int sizeMiB, String operation, int rounds, double median, double p25, double p75) {}

  private interface Operation {
    void run(CheckpointEngine engine) throws IOException;
  }

  private PairedCheckpointRun() {}

  static List<PairedRatio> run(int sizeMiB, int warmupRounds, int rounds, Path scratch) throws IOException {
    float[] values = CheckpointBenchmark.values(sizeMiB);
    Shape shape = Shape.of(values.length / 1024, 1024);
    Path directory = Files.createTempDirectory(Files.createDirectories(scratch), "paired-checkpoint-");
    Path saveDirectory = Files.createDirectories(directory.resolve("save"));
    Path restorePrefix = directory.resolve("restore/model.ckpt");
    Files.createDirectories(restorePrefix.getParent());
    List<PairedRatio> ratios = new ArrayList<>();
    try (CheckpointEngine staticflow = CheckpointBenchmark.create("staticflow", values, shape);
        CheckpointEngine tensorflow = CheckpointBenchmark.create("tensorflow", values, shape)) {
      staticflow.save(restorePrefix); // both engines write identical bundles (see the interop tests)
      Path savePrefix = saveDirectory.resolve("model.ckpt");
      ratios.add(
          measure(sizeMiB, "save", staticflow, tensorflow, e -> e.save(savePrefix), saveDirectory, warmupRounds, rounds));
      ratios.add(
          measure(sizeMiB, "restore", staticflow, tensorflow, e -> e.restore(restorePrefix), null, warmupRounds, rounds));
      ratios.add(
          measure(
              sizeMiB,
              "restoreToNewTensor",
              staticflow,
              tensorflow,
              e -> e.restoreToNewTensor(restorePrefix),
              null,
              warmupRounds,
              rounds));
    } finally {
      ScratchFiles.writeBackAndDelete(saveDirectory);
      ScratchFiles.writeBackAndDelete(restorePrefix.getParent());
      Files.delete(saveDirectory);
      Files.delete(restorePrefix.getParent());
      Files.delete(directory);
    }
    return ratios;
  }

  private static PairedRatio measure(
      int sizeMiB,
      String name,
      CheckpointEngine staticflow,
      CheckpointEngine tensorflow,
      Operation operation,
      Path cleanAfterEach,
      int warmupRounds,
      int rounds)
      throws IOException {
    double[] ratios = new double[rounds];
    for (int round = -warmupRounds; round < rounds; round++) {
      boolean staticflowFirst = Math.floorMod(round, 2) == 0;
      long first = time(staticflowFirst ? staticflow : tensorflow, operation, cleanAfterEach);
      long second = time(staticflowFirst ? tensorflow : staticflow, operation, cleanAfterEach);
      if (round >= 0) {
        long staticflowNanos = staticflowFirst ? first : second;
        long tensorflowNanos = staticflowFirst ? second : first;
        ratios[round] = (double) tensorflowNanos / staticflowNanos;
      }
    }
    return new PairedRatio(
        sizeMiB, name, rounds, Percentiles.of(ratios, 0.5), Percentiles.of(ratios, 0.25), Percentiles.of(ratios, 0.75));
  }

  private static long time(CheckpointEngine engine, Operation operation, Path cleanAfter) throws IOException {
    long start = System.nanoTime();
    operation.run(engine);
    long nanos = System.nanoTime() - start;
    if (cleanAfter != null) {
      ScratchFiles.writeBackAndDelete(cleanAfter); // outside the timing, as in the JMH benchmark
    }
    return nanos;
  }
}
