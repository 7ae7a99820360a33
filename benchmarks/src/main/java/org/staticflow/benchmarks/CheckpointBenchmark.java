package org.staticflow.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.staticflow.runtime.tensor.Shape;

/**
 * Save and restore of a single float checkpoint of {@code sizeMiB} MiB, by Staticflow and by TensorFlow,
 * each in its own forked JVM. One invocation is one whole save or restore (single-shot timing), so each
 * measured sample is the wall time of one checkpoint operation, including opening and closing files.
 *
 * <p>Both engines write the same bundle bytes (the runtime's interop tests {@code TensorFlowSessionSaverTest}
 * and {@code SaverInteropTest} check it) to the same file system, so they compete on equal terms; neither
 * syncs to disk on save, and the page cache is warm for restores on both sides (the checkpoint was just
 * written).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class CheckpointBenchmark {
  /** System property naming the directory for checkpoint files (default: the temporary directory). */
  public static final String DIRECTORY_PROPERTY = "staticflow.benchmark.dir";

  /** Size of the float tensor in MiB. */
  @Param({"64", "512"})
  public int sizeMiB;

  /** {@code staticflow} or {@code tensorflow}. */
  @Param({"staticflow", "tensorflow"})
  public String engine;

  private Path directory;
  private CheckpointEngine implementation;
  private Path savePrefix;
  private Path restorePrefix;

  /** Builds the variable, writes the checkpoint restores read, and checks the engine round-trips it. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    float[] values = values(sizeMiB);
    Shape shape = Shape.of(values.length / 1024, 1024);
    Path base = Path.of(System.getProperty(DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")));
    Files.createDirectories(base);
    directory = Files.createTempDirectory(base, "checkpoint-benchmark-");
    savePrefix = directory.resolve("save/model.ckpt");
    restorePrefix = directory.resolve("restore/model.ckpt");
    Files.createDirectories(savePrefix.getParent());
    Files.createDirectories(restorePrefix.getParent());

    try {
      implementation = create(engine, values, shape);
      implementation.save(restorePrefix);
      // A second engine that starts from zeros must end up holding the values, or the numbers are void.
      try (CheckpointEngine check = create(engine, new float[values.length], shape)) {
        check.restore(restorePrefix);
        if (!check.holds(values)) {
          throw new IllegalStateException(engine + " did not restore the values it saved");
        }
      }
    } catch (IOException | RuntimeException e) {
      tearDown(); // JMH does not call the trial tear-down when set-up fails
      throw e;
    }
  }

  @Benchmark
  public void save() throws IOException {
    implementation.save(savePrefix);
  }

  @Benchmark
  public void restore() throws IOException {
    implementation.restore(restorePrefix);
  }

  @Benchmark
  public void restoreToNewTensor() throws IOException {
    implementation.restoreToNewTensor(restorePrefix);
  }

  /**
   * Writes the just-saved files through to disk and deletes them, outside the timed section. Neither engine
   * syncs on save, so without this each save would pay at random moments for the write-back of earlier
   * iterations' (or the previous fork's) dirty pages; and each save's final rename would replace the
   * previous checkpoint, charging it with freeing that file's blocks (a sampling profile of a 512 MiB save
   * showed a fifth of its time in {@code rename}). With it every timed save starts from the same state.
   */
  @TearDown(Level.Iteration)
  public void writeBackAndDelete() throws IOException {
    ScratchFiles.writeBackAndDelete(savePrefix.getParent());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (implementation != null) {
      implementation.close();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(CheckpointBenchmark::delete);
    }
  }

  static CheckpointEngine create(String engine, float[] values, Shape shape) {
    return switch (engine) {
      case "staticflow" -> new StaticflowEngine(values, shape);
      case "tensorflow" -> new TensorFlowEngine(values, shape);
      default -> throw new IllegalArgumentException("unknown engine " + engine);
    };
  }

  /** {@code sizeMiB} MiB of floats in [-1, 1), like trained weights (random, so nothing compresses). */
  static float[] values(int sizeMiB) {
    float[] values = new float[sizeMiB * (1 << 20) / Float.BYTES];
    SplittableRandom random = new SplittableRandom(sizeMiB);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
