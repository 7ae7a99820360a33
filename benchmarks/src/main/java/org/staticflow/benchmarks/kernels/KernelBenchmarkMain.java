package org.staticflow.benchmarks.kernels;

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
 * Runs {@link PeakFlopsBenchmark}, {@link GemmBenchmark} and {@link Conv2dBenchmark} with JMH in one run
 * and reports GFLOP/s of Staticflow SIMD, Staticflow portable and TensorFlow side by side, against the
 * measured peak; then a {@link PairedKernelRun} (skipped with {@code --paired-rounds 0}); a table on
 * standard output and a JSON file.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     org.staticflow.benchmarks.kernels.KernelBenchmarkMain [--forks N] [--warmup N] [--iterations N]
 *     [--shapes mlp.fc1,...] [--convs cnn.conv1,...] [--engines simd,portable,tensorflow]
 *     [--paired-rounds N] [--json FILE]
 * </pre>
 */
public final class KernelBenchmarkMain {
  private static final String USAGE =
      "usage: KernelBenchmarkMain [--forks N] [--warmup N] [--iterations N] [--shapes mlp.fc1,...] [--convs cnn.conv1,...] [--engines simd,portable,tensorflow] [--paired-rounds N] [--json FILE]";

  private KernelBenchmarkMain() {}

  public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
    Integer forks = null;
    Integer warmup = null;
    Integer iterations = null;
    String shapes = null;
    String engines = null;
    String convs = null;
    int pairedRounds = 10;
    Path json = defaultJsonPath();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--forks" -> forks = Integer.parseInt(require(value, args[i]));
        case "--warmup" -> warmup = Integer.parseInt(require(value, args[i]));
        case "--iterations" -> iterations = Integer.parseInt(require(value, args[i]));
        case "--shapes" -> shapes = require(value, args[i]);
        case "--engines" -> engines = require(value, args[i]);
        case "--convs" -> convs = require(value, args[i]);
        case "--paired-rounds" -> pairedRounds = Integer.parseInt(require(value, args[i]));
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
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(PeakFlopsBenchmark.class.getName() + "\\.")
        .include(GemmBenchmark.class.getName() + "\\.")
        .include(Conv2dBenchmark.class.getName() + "\\.");
    if (shapes != null) {
      options.param("shape", shapes.split(","));
    }
    if (convs != null) {
      options.param("conv", convs.split(","));
    }
    if (engines != null) {
      options.param("engine", engines.split(","));
    }
    if (forks != null) options.forks(forks);
    if (warmup != null) options.warmupIterations(warmup);
    if (iterations != null) options.measurementIterations(iterations);
    Collection<RunResult> runs = new Runner(options.build()).run();

    List<PairedKernelRun.PairedRatio> paired = new ArrayList<>();
    if (pairedRounds > 0) {
      System.out.println("# Paired run: SIMD, TensorFlow and the peak loop back to back, " + pairedRounds + " rounds per shape");
      paired = PairedKernelRun.run(pairedRounds);
    }
    KernelReport report = new KernelReport(results(runs), paired);
    System.out.println();
    System.out.print(report.table());
    if (json.toAbsolutePath().getParent() != null) {
      Files.createDirectories(json.toAbsolutePath().getParent());
    }
    Files.writeString(json, report.json(environment()));
    System.out.println("JSON written to " + json);
  }

  private static List<KernelResult> results(Collection<RunResult> runs) {
    List<KernelResult> results = new ArrayList<>();
    for (RunResult run : runs) {
      BenchmarkParams params = run.getParams();
      String name = params.getBenchmark();
      Statistics statistics = run.getPrimaryResult().getStatistics();
      if (statistics.getN() == 0) {
        continue;
      }
      String benchmark;
      String shape;
      String engine;
      double flops;
      if (name.startsWith(PeakFlopsBenchmark.class.getName())) {
        benchmark = "peak";
        shape = name.endsWith("fmaOneThread") ? "1-thread" : "2-threads";
        engine = "vector-fma";
        flops = PeakFlopsBenchmark.FLOPS;
      } else if (name.startsWith(GemmBenchmark.class.getName())) {
        benchmark = "gemm";
        shape = params.getParam("shape");
        engine = params.getParam("engine");
        flops = GemmShape.named(shape).flops();
      } else {
        benchmark = "conv2d";
        shape = params.getParam("conv");
        engine = params.getParam("engine");
        flops = ConvShape.named(shape).flops();
      }
      // Throughput in operations per second; for the two-thread peak JMH already sums the threads.
      double median = statistics.getPercentile(50);
      results.add(new KernelResult(benchmark, shape, engine, statistics.getN(), median * flops / 1e9,
          statistics.getMin() * flops / 1e9, statistics.getMax() * flops / 1e9,
          1e3 / median));
    }
    return results;
  }

  private static String environment() {
    return String.format(Locale.ROOT,
        "{\"time\": \"%s\", \"java\": \"%s\", \"vm\": \"%s\", \"os\": \"%s %s\", \"processors\": %d,"
            + " \"vectorBits\": %d, \"tensorflow\": \"TensorFlow Java 1.0.0 (Session, MatMul / Conv2D on variables)\"}",
        Instant.now(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
        System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
        PeakFlopsBenchmark.SPECIES.vectorBitSize());
  }

  private static Path defaultJsonPath() {
    try {
      Path jar = Path.of(KernelBenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.getParent().resolve("kernel-benchmark.json");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("kernel-benchmark.json");
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
