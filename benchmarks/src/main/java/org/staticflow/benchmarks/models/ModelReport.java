package org.staticflow.benchmarks.models;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model benchmarks as a table (one row per workload: both engines' times, the ratio
 * Staticflow/TensorFlow against the project's goal, and heap allocation per operation; then the paired ratios)
 * and as JSON.
 */
final class ModelReport {
  /** The goals of the speed issue: the highest acceptable Staticflow/TensorFlow time ratio. */
  private static final Map<String, Double> GOALS = Map.of(
      "mlp-train", 1.0, "cnn-train", 1.5, "mlp-infer-1", 0.5, "mlp-infer-100", 1.0);

  private final List<ModelResult> results;
  private final List<ModelResult> processor;
  private final List<PairedModelRun.PairedRatio> paired;

  ModelReport(List<ModelResult> results, List<ModelResult> processor, List<PairedModelRun.PairedRatio> paired) {
    this.results = results;
    this.processor = processor;
    this.paired = paired;
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-14s %26s %26s %8s %6s %14s %14s%n", "workload", "Staticflow ms (min-max)",
        "TensorFlow ms (min-max)", "SF/TF", "goal", "SF alloc B/op", "TF alloc B/op"));
    for (String workload : Workloads.NAMES) {
      Optional<ModelResult> sf = find(workload, "staticflow");
      Optional<ModelResult> tf = find(workload, "tensorflow");
      if (sf.isEmpty() && tf.isEmpty()) {
        continue;
      }
      String ratio = sf.isPresent() && tf.isPresent() ? String.format(Locale.ROOT, "%.2f", sf.get().medianMs() / tf.get().medianMs()) : "-";
      String goal = GOALS.containsKey(workload) ? String.format(Locale.ROOT, "<=%.1f", GOALS.get(workload)) : "";
      out.append(String.format(Locale.ROOT, "%-14s %26s %26s %8s %6s %14s %14s%n", workload, time(sf), time(tf), ratio, goal,
          bytes(sf), bytes(tf)));
    }
    for (ModelResult p : processor) {
      out.append(String.format(Locale.ROOT, "javac on the CNN model, annotation processing %-9s %s%n", p.engine() + ":",
          time(Optional.of(p))));
    }
    if (!paired.isEmpty()) {
      out.append(String.format(Locale.ROOT,
          "%nPaired rounds in one JVM (Staticflow and TensorFlow back to back, order swapped each round; robust to load drift):%n"));
      out.append(String.format(Locale.ROOT, "%-14s %6s %26s %6s%n", "workload", "rounds", "SF/TF time med (p25..p75)", "goal"));
      for (PairedModelRun.PairedRatio r : paired) {
        String goal = GOALS.containsKey(r.workload()) ? String.format(Locale.ROOT, "<=%.1f", GOALS.get(r.workload())) : "";
        out.append(String.format(Locale.ROOT, "%-14s %6d %26s %6s%n", r.workload(), r.rounds(),
            String.format(Locale.ROOT, "%.2f (%.2f..%.2f)", r.median(), r.p25(), r.p75()), goal));
      }
    }
    return out.toString();
  }

  String json(String environment) {
    StringBuilder out = new StringBuilder("{\n  \"environment\": ").append(environment).append(",\n  \"results\": [\n");
    for (int i = 0; i < results.size(); i++) {
      out.append("    ").append(json(results.get(i))).append(i + 1 < results.size() ? ",\n" : "\n");
    }
    out.append("  ],\n  \"annotationProcessing\": [\n");
    for (int i = 0; i < processor.size(); i++) {
      out.append("    ").append(json(processor.get(i))).append(i + 1 < processor.size() ? ",\n" : "\n");
    }
    out.append("  ],\n  \"paired\": [\n");
    for (int i = 0; i < paired.size(); i++) {
      PairedModelRun.PairedRatio r = paired.get(i);
      out.append(String.format(Locale.ROOT,
          "    {\"workload\": \"%s\", \"rounds\": %d, \"staticflowOverTensorflowMedian\": %.4f, \"p25\": %.4f, \"p75\": %.4f}",
          r.workload(), r.rounds(), r.median(), r.p25(), r.p75())).append(i + 1 < paired.size() ? ",\n" : "\n");
    }
    return out.append("  ]\n}\n").toString();
  }

  private static String json(ModelResult r) {
    return String.format(Locale.ROOT,
        "{\"workload\": \"%s\", \"engine\": \"%s\", \"medianMs\": %.4f, \"minMs\": %.4f, \"maxMs\": %.4f, \"allocatedBytesPerOp\": %s}",
        r.workload(), r.engine(), r.medianMs(), r.minMs(), r.maxMs(),
        Double.isNaN(r.allocatedBytes()) ? "null" : String.format(Locale.ROOT, "%.1f", r.allocatedBytes()));
  }

  private Optional<ModelResult> find(String workload, String engine) {
    return results.stream().filter(r -> r.workload().equals(workload) && r.engine().equals(engine)).findFirst();
  }

  private static String time(Optional<ModelResult> r) {
    return r.map(m -> String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", m.medianMs(), m.minMs(), m.maxMs())).orElse("-");
  }

  private static String bytes(Optional<ModelResult> r) {
    return r.filter(m -> !Double.isNaN(m.allocatedBytes()))
        .map(m -> String.format(Locale.ROOT, "%.0f", m.allocatedBytes())).orElse("-");
  }
}
