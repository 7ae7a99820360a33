package org.staticflow.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders checkpoint benchmark results: a table with one row per size and operation, Staticflow's and
 * TensorFlow's median throughput with the range of all samples, and the ratio of the medians; and the same
 * data as JSON.
 */
final class CheckpointReport {
  private final List<Measurement> measurements;
  private final List<PairedCheckpointRun.PairedRatio> paired;

  CheckpointReport(List<Measurement> measurements, List<PairedCheckpointRun.PairedRatio> paired) {
    this.paired = List.copyOf(paired);
    this.measurements = new ArrayList<>(measurements);
    this.measurements.sort(
        Comparator.comparingInt(Measurement::sizeMiB)
            .thenComparing(m -> List.of("save", "restore", "restoreToNewTensor").indexOf(m.operation()))
            .thenComparing(Measurement::engine));
  }

  /** One row per (size, operation) that has both engines: Staticflow's median over TensorFlow's. */
  record Ratio(int sizeMiB, String operation, double staticflowOverTensorFlow) {}

  List<Ratio> ratios() {
    List<Ratio> ratios = new ArrayList<>();
    for (Measurement staticflow : measurements) {
      if (!staticflow.engine().equals("staticflow")) {
        continue;
      }
      find(staticflow.sizeMiB(), staticflow.operation(), "tensorflow")
          .ifPresent(
              tensorflow ->
                  ratios.add(
                      new Ratio(
                          staticflow.sizeMiB(),
                          staticflow.operation(),
                          staticflow.medianMBps() / tensorflow.medianMBps())));
    }
    return ratios;
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-8s %-18s %26s %26s %9s%n",
            "size",
            "op",
            "Staticflow MB/s",
            "TensorFlow MB/s",
            "SF/TF"));
    measurements.stream()
        .map(m -> List.of(m.sizeMiB(), m.operation()))
        .distinct()
        .forEach(
            row -> {
              int sizeMiB = (Integer) row.get(0);
              String operation = (String) row.get(1);
              Optional<Measurement> staticflow = find(sizeMiB, operation, "staticflow");
              Optional<Measurement> tensorflow = find(sizeMiB, operation, "tensorflow");
              String ratio =
                  staticflow.isPresent() && tensorflow.isPresent()
                      ? String.format(
                          Locale.ROOT, "%.2fx", staticflow.get().medianMBps() / tensorflow.get().medianMBps())
                      : "-";
              out.append(
                  String.format(
                      Locale.ROOT,
                      "%-8s %-18s %26s %26s %9s%n",
                      sizeMiB + " MiB",
                      operation,
                      staticflow.map(CheckpointReport::cell).orElse("(failed)"),
                      tensorflow.map(CheckpointReport::cell).orElse("(failed)"),
                      ratio));
            });
    out.append("MB/s = 10^6 bytes per second of the median operation; (worst..best) over all samples.\n");
    out.append("restore: Staticflow's Saver reads into the existing variable array; TensorFlow's restore is\n");
    out.append("RestoreV2 into a new tensor, then Assign. restoreToNewTensor: Staticflow allocates a new tensor too.\n");
    if (!paired.isEmpty()) {
      out.append(String.format(Locale.ROOT, "%nPaired rounds in one JVM, engines alternating (robust to load drift):%n"));
      out.append(String.format(Locale.ROOT, "%-8s %-18s %7s %24s%n", "size", "op", "rounds", "SF/TF median (p25..p75)"));
      for (PairedCheckpointRun.PairedRatio r : paired) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-8s %-18s %7d %24s%n",
                r.sizeMiB() + " MiB",
                r.operation(),
                r.rounds(),
                String.format(Locale.ROOT, "%.2fx (%.2f..%.2f)", r.median(), r.p25(), r.p75())));
      }
    }
    return out.toString();
  }

  String json(String environment) {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"benchmark\": \"checkpoint save/restore, one float tensor\",\n");
    out.append("  \"unit\": \"MB/s = 10^6 bytes per second\",\n");
    out.append("  \"environment\": ").append(environment).append(",\n");
    out.append("  \"measurements\": [\n");
    for (int i = 0; i < measurements.size(); i++) {
      Measurement m = measurements.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "    {\"sizeMiB\": %d, \"operation\": \"%s\", \"engine\": \"%s\", \"samples\": %d,"
                  + " \"medianMs\": %.3f, \"minMs\": %.3f, \"maxMs\": %.3f,"
                  + " \"medianMBps\": %.1f, \"worstMBps\": %.1f, \"bestMBps\": %.1f}%s%n",
              m.sizeMiB(),
              m.operation(),
              m.engine(),
              m.samples(),
              m.medianMs(),
              m.minMs(),
              m.maxMs(),
              m.medianMBps(),
              m.worstMBps(),
              m.bestMBps(),
              i + 1 < measurements.size() ? "," : ""));
    }
    out.append("  ],\n  \"ratios\": [\n");
    List<Ratio> ratios = ratios();
    for (int i = 0; i < ratios.size(); i++) {
      Ratio r = ratios.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "    {\"sizeMiB\": %d, \"operation\": \"%s\", \"staticflowOverTensorflow\": %.3f}%s%n",
              r.sizeMiB(),
              r.operation(),
              r.staticflowOverTensorFlow(),
              i + 1 < ratios.size() ? "," : ""));
    }
    out.append("  ],\n  \"paired\": [\n");
    for (int i = 0; i < paired.size(); i++) {
      PairedCheckpointRun.PairedRatio r = paired.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "    {\"sizeMiB\": %d, \"operation\": \"%s\", \"rounds\": %d,"
                  + " \"staticflowOverTensorflowMedian\": %.3f, \"p25\": %.3f, \"p75\": %.3f}%s%n",
              r.sizeMiB(),
              r.operation(),
              r.rounds(),
              r.median(),
              r.p25(),
              r.p75(),
              i + 1 < paired.size() ? "," : ""));
    }
    return out.append("  ]\n}\n").toString();
  }

  private static String cell(Measurement m) {
    return String.format(Locale.ROOT, "%.0f (%.0f..%.0f)", m.medianMBps(), m.worstMBps(), m.bestMBps());
  }

  private Optional<Measurement> find(int sizeMiB, String operation, String engine) {
    return measurements.stream()
        .filter(m -> m.sizeMiB() == sizeMiB && m.operation().equals(operation) && m.engine().equals(engine))
        .findFirst();
  }
}
