package org.staticflow.samples.kotlinmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.Checkpoints;
import org.staticflow.runtime.cli.StaticflowCli;

/**
 * The Kotlin-declared MLP, trained from Kotlin by {@code staticflow sample kotlin-mlp} (shortened, on the
 * embedded subset), writes checkpoints that the Java {@code staticflow sample evaluate} restores with the
 * moving-average mapping and finds accurate.
 */
class KotlinMlpSampleTest {
  private static final Pattern VALIDATION =
      Pattern.compile("After 600 training step\\(s\\), validation accuracy = ([0-9.]+)");

  @Test
  void kotlinTrainingWritesCheckpointsTheJavaEvaluatorReads(@TempDir Path dir) throws Exception {
    Path modelDir = dir.resolve("model-kotlin");
    Run training = run("sample", "kotlin-mlp", "--steps", "600", "--model-dir", modelDir.toString());
    assertEquals(0, training.status, training.err);
    List<String> lines = training.out.lines().toList();
    assertEquals("Training on the embedded MNIST subset (--data DIR for the full set)", lines.get(0));
    assertTrue(lines.get(1).matches("After 500 training step\\(s\\), loss on training batch is 0\\.[0-9]+\\."), lines.get(1));
    assertEquals("Saved " + modelDir.resolve("model.ckpt-600") + " (global step 600); training curves in "
        + modelDir.resolve("training-curves.png"), lines.get(2));
    assertEquals(3, lines.size(), training.out);
    // Every 500 steps, and after the last.
    assertTrue(Files.exists(modelDir.resolve("model.ckpt-500.index")));
    assertEquals(modelDir.resolve("model.ckpt-600"), Checkpoints.latestCheckpoint(modelDir).orElseThrow());
    assertTrue(Files.size(modelDir.resolve("training-curves.png")) > 1000);

    Run evaluation = run("sample", "evaluate", "--model-dir", modelDir.toString(), "--once");
    assertEquals(0, evaluation.status, evaluation.err);
    Matcher accuracy = VALIDATION.matcher(evaluation.out);
    assertTrue(accuracy.find(), evaluation.out);
    // Measured: 0.938 (seed 0, embedded subset). An untrained model scores about 0.1.
    assertTrue(Double.parseDouble(accuracy.group(1)) > 0.88, evaluation.out);
  }

  @Test
  void badStepsAreRefusedByName(@TempDir Path dir) {
    Run run = run("sample", "kotlin-mlp", "--steps", "0", "--model-dir", dir.toString());
    assertEquals(2, run.status);
    assertTrue(run.err.contains("--steps must be positive, got 0"), run.err);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = StaticflowCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }
}
