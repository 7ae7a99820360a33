package org.staticflow.benchmarks.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link ModelBenchmark} (with JMH's allocation profiler) and {@link ProcessorBenchmark}, then a {@link
 * PairedModelRun} (skipped with {@code --paired-rounds 0}), prints the {@link ModelReport} table and writes it as
 * JSON.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.staticflow.benchmarks.models.ModelBenchmarkMain
 *     [--workloads mlp-train,cnn-train,...] [--forks N] [--warmup N] [--iterations N] [--no-processor]
 *     [--paired-rounds N] [--json FILE]
 * </pre>
 */
public final class ModelBenchmarkMain {
  private ModelBenchmarkMain() {}

  public static void main(String[] args) throws RunnerException, IOException {
    String workloads = String.join(",", Workloads.NAMES);
    Integer forks = null;
    Integer warmup = null;
    Integer iterations = null;
    boolean processor = true;
    int pairedRounds = 10;
    Path json = Path.of("benchmarks/target/model-benchmark.json");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--workloads" -> { workloads = value; i++; }
        case "--forks" -> { forks = Integer.parseInt(value); i++; }
        case "--warmup" -> { warmup = Integer.parseInt(value); i++; }
        case "--iterations" -> { iterations = Integer.parseInt(value); i++; }
        case "--json" -> { json = Path.of(value); i++; }
        case "--no-processor" -> processor = false;
        case "--paired-rounds" -> { pairedRounds = Integer.parseInt(value); i++; }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ChainedOptionsBuilder models = new OptionsBuilder()
        .include(ModelBenchmark.class.getName() + "\\.")
        .param("workload", workloads.split(","))
        .addProfiler(GCProfiler.class);
    if (forks != null) {
      models.forks(forks);
    }
    if (warmup != null) {
      models.warmupIterations(warmup);
    }
    if (iterations != null) {
      models.measurementIterations(iterations);
    }
    List<ModelResult> results = results(new Runner(models.build()).run(), "workload", "engine");
    List<ModelResult> processing = new ArrayList<>();
    if (processor) {
      processing = results(new Runner(new OptionsBuilder().include(ProcessorBenchmark.class.getName() + "\\.").build()).run(),
          null, "processing");
    }
    List<PairedModelRun.PairedRatio> paired =
        pairedRounds > 0 ? PairedModelRun.run(List.of(workloads.split(",")), pairedRounds) : List.of();
    ModelReport report = new ModelReport(results, processing, paired);
    System.out.println();
    System.out.print(report.table());
    if (json.toAbsolutePath().getParent() != null) {
      Files.createDirectories(json.toAbsolutePath().getParent());
    }
    Files.writeString(json, report.json(environment()));
    System.out.println("JSON written to " + json);
  }

  private static List<ModelResult> results(Collection<RunResult> runs, String workloadParam, String engineParam) {
    List<ModelResult> results = new ArrayList<>();
    for (RunResult run : runs) {
      BenchmarkParams params = run.getParams();
      Statistics statistics = run.getPrimaryResult().getStatistics();
      Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
      results.add(new ModelResult(
          workloadParam == null ? "annotation-processing" : params.getParam(workloadParam),
          params.getParam(engineParam),
          statistics.getPercentile(50), statistics.getMin(), statistics.getMax(),
          allocation == null ? Double.NaN : allocation.getScore()));
    }
    return results;
  }

  private static String environment() {
    return String.format(Locale.ROOT,
        "{\"time\": \"%s\", \"java\": \"%s\", \"processors\": %d, \"tensorflow\": \"TensorFlow Java 1.0.0\","
            + " \"staticflowKernels\": \"forks run with --add-modules jdk.incubator.vector\"}",
        Instant.now(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
  }
}
