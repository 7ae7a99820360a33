package org.staticflow.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link CheckpointBenchmark} with JMH, then a {@link PairedCheckpointRun} per size (skipped with
 * {@code --paired-rounds 0}), and reports Staticflow against TensorFlow: a table on standard output and a
 * JSON file.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--sizes 64,512] [--warmup 3] [--iterations 10]
 *     [--forks 1] [--paired-rounds 10] [--dir SCRATCH_DIR] [--json FILE]
 * </pre>
 */
public final class CheckpointBenchmarkMain {
  private static final String USAGE =
      "usage: java -jar benchmarks/target/benchmarks.jar [--sizes 64,512] [--warmup N] [--iterations N]"
          + " [--forks N] [--paired-rounds N] [--dir SCRATCH_DIR] [--json FILE]";

  private CheckpointBenchmarkMain() {}

  public static void main(String[] args) throws RunnerException, IOException {
    String sizes = "64,512";
    Integer warmup = null;
    Integer iterations = null;
    Integer forks = null;
    int pairedRounds = 10;
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
    Path json = defaultJsonPath();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--sizes" -> sizes = require(value, args[i]);
        case "--warmup" -> warmup = Integer.parseInt(require(value, args[i]));
        case "--iterations" -> iterations = Integer.parseInt(require(value, args[i]));
        case "--forks" -> forks = Integer.parseInt(require(value, args[i]));
        case "--paired-rounds" -> pairedRounds = Integer.parseInt(require(value, args[i]));
        case "--dir" -> scratch = Path.of(require(value, args[i]));
        case "--json" -> json = Path.of(require(value, args[i]));
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return;
        }
        default -> {
          System.err.println("unknown argument " + args[i] + "\n" + USAGE);
          System.exit(2);
        }
      }
      i++;
    }

    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(CheckpointBenchmark.class.getName() + "\\.")
            .param("sizeMiB", sizes.split(","))
            .jvmArgsAppend("-D" + CheckpointBenchmark.DIRECTORY_PROPERTY + "=" + scratch.toAbsolutePath());
    if (warmup != null) {
      options.warmupIterations(warmup);
    }
    if (iterations != null) {
      options.measurementIterations(iterations);
    }
    if (forks != null) {
      options.forks(forks);
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    List<PairedCheckpointRun.PairedRatio> paired = new ArrayList<>();
    if (pairedRounds > 0) {
      for (String size : sizes.split(",")) {
        System.out.println("# Paired run, " + size + " MiB, " + pairedRounds + " rounds");
        paired.addAll(PairedCheckpointRun.run(Integer.parseInt(size.trim()), 3, pairedRounds, scratch));
      }
    }

    CheckpointReport report = new CheckpointReport(measurements(results), paired);
    System.out.println();
    System.out.print(report.table());
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, report.json(environment(scratch)));
    System.out.println("JSON written to " + json);
  }

  private static List<Measurement> measurements(Collection<RunResult> results) {
    List<Measurement> measurements = new ArrayList<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      String benchmark = params.getBenchmark();
      Statistics statistics = result.getPrimaryResult().getStatistics();
      measurements.add(
          new Measurement(
              Integer.parseInt(params.getParam("sizeMiB")),
              benchmark.substring(benchmark.lastIndexOf('.') + 1),
              params.getParam("engine"),
              statistics.getN(),
              statistics.getPercentile(50),
              statistics.getMin(),
              statistics.getMax()));
    }
    return measurements;
  }

  private static String environment(Path scratch) throws IOException {
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "{\"time\": \"%s\", \"java\": \"%s\", \"vm\": \"%s\", \"os\": \"%s %s\", \"processors\": %d,"
            + " \"tensorflow\": \"TensorFlow Java 1.0.0 (Session.save/restore)\","
            + " \"staticflow\": \"Saver.save / Saver.restore / CheckpointReader.getTensor\", \"scratchFileStore\": \"%s\"}",
        Instant.now(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        runtime.availableProcessors(),
        Files.getFileStore(scratch).type());
  }

  /** {@code checkpoint-benchmark.json} next to the benchmarks jar (benchmarks/target), else here. */
  private static Path defaultJsonPath() {
    try {
      Path jar = Path.of(CheckpointBenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.getParent().resolve("checkpoint-benchmark.json");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("checkpoint-benchmark.json");
    }
  }

  private static String require(String value, String option) {
    if (value == null) {
      System.err.println(option + " needs a value\n" + USAGE);
      System.exit(2);
    }
    return value;
  }
}
