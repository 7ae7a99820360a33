package org.staticflow.samples.tutorials.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.cli.StaticflowCli;
import org.staticflow.runtime.data.DataSet;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.train.ExponentialMovingAverage;
import org.staticflow.runtime.train.GradientDescentOptimizer;
import org.staticflow.runtime.train.LearningRates;
import org.staticflow.runtime.train.Trainer;
import org.staticflow.samples.tutorials.MnistData;
import org.staticflow.samples.tutorials.PythonFormat;
import org.staticflow.samples.tutorials.SampleRun;

/**
 * {@code staticflow sample evaluate} (mnist_eval.py): no checkpoint, a checkpoint that appears while it
 * watches, and what it restores ({@code variables_to_restore()}: the moving averages into the plain variables).
 */
class EvaluateSampleTest {
  private static final String[] VARIABLES = {"layer1/weights", "layer1/biases", "layer2/weights", "layer2/biases"};

  @Test
  void withoutACheckpointSaysSoAndStops(@TempDir Path dir) {
    SampleRun empty = SampleRun.of("sample", "evaluate", "--model-dir", dir.toString());
    assertEquals(0, empty.status(), empty::toString);
    assertEquals("No checkpoint file found\n", empty.out().replace("\r\n", "\n"));

    SampleRun missing = SampleRun.of("sample", "evaluate", "--model-dir", dir.resolve("never-trained").toString());
    assertEquals(0, missing.status(), missing::toString);
    assertEquals("No checkpoint file found\n", missing.out().replace("\r\n", "\n"));
  }

  @Test
  void rejectsAnIntervalThatIsNotPositive(@TempDir Path dir) {
    SampleRun run = SampleRun.of("sample", "evaluate", "--model-dir", dir.toString(), "--interval", "-1");
    assertEquals(2, run.status(), run::toString);
    assertEquals("staticflow: --interval must be a positive number of seconds, got -1.0\n",
        run.err().replace("\r\n", "\n"));
  }

  @Test
  void watcherEvaluatesACheckpointWrittenAfterItStartedWithTheMovingAverages(@TempDir Path dir) throws Exception {
    Training training = new Training(dir.resolve("model"));
    training.run(10);
    Path first = training.save();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      // Polls every 50 ms; stops 5 s after the last new checkpoint, which leaves the test ample time to write
      // the second one once the first is evaluated.
      Future<Integer> watcher = executor.submit(() -> StaticflowCli.run(new String[] {"sample", "evaluate",
          "--model-dir", dir.resolve("model").toString(), "--interval", "0.05", "--idle-timeout", "5"},
          new PrintWriter(out, true), new PrintWriter(err, true)));
      awaitLine(out, "After 10 training step(s), validation accuracy = ", watcher);

      training.run(10);
      Path second = training.save();
      assertEquals(0, watcher.get(60, TimeUnit.SECONDS), () -> out + "\n" + err);

      List<String> lines = out.toString().lines().toList();
      assertEquals(List.of(
              "After 10 training step(s), validation accuracy = " + averagedAccuracy(first),
              "After 20 training step(s), validation accuracy = " + averagedAccuracy(second)),
          lines);
      // The figures tell the averages from the raw weights (which a wrong mapping would load).
      assertNotEquals(averagedAccuracy(second), rawAccuracy(second));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void evaluatorRestoresTheMovingAveragesNotTheRawWeights(@TempDir Path dir) throws IOException {
    Training training = new Training(dir);
    training.run(10);
    Path prefix = training.save();

    MlpEvaluator evaluator = new MlpEvaluator();
    evaluator.restore(prefix);
    Map<String, Tensor> restored = evaluator.model().variableTensors();
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      for (String name : VARIABLES) {
        Tensor average = reader.getTensor(ExponentialMovingAverage.averageName(name));
        assertEquals(average, restored.get(name), name);
        if (name.endsWith("weights")) {
          // After 10 steps the averages (decay min(0.99, 11/20)) are well behind the weights.
          assertNotEquals(reader.getTensor(name), restored.get(name), name);
        }
      }
    }
  }

  /** A few steps of the training program's setup, saving into a model directory as it does. */
  private static final class Training {
    final Mnist mnist = MnistData.embedded(7);
    final Staticflow_MnistMlp model = new Staticflow_MnistMlp();
    final Trainer trainer;
    final Saver saver;
    final Path modelDir;

    Training(Path modelDir) throws IOException {
      this.modelDir = modelDir;
      model.initializeVariables(7);
      model.batchSize(TrainSample.BATCH_SIZE);
      trainer = Trainer.builder(model, new GradientDescentOptimizer(LearningRates.exponentialDecay(
              TrainSample.LEARNING_RATE_BASE, 55, TrainSample.LEARNING_RATE_DECAY, true)))
          .movingAverage(new ExponentialMovingAverage(MlpEvaluator.MOVING_AVERAGE_DECAY))
          .build();
      saver = Saver.builder(trainer.variables()).build();
    }

    void run(int steps) {
      for (int i = 0; i < steps; i++) {
        mnist.train().nextBatch(model.x(), model.labels());
        trainer.step();
      }
    }

    Path save() throws IOException {
      return saver.save(modelDir.resolve(TrainSample.MODEL_NAME), trainer.globalStep().get());
    }
  }

  /** The validation accuracy, as printed, of a model holding the checkpoint's moving averages. */
  private static String averagedAccuracy(Path prefix) throws IOException {
    return accuracyWith(prefix, true);
  }

  private static String rawAccuracy(Path prefix) throws IOException {
    return accuracyWith(prefix, false);
  }

  private static String accuracyWith(Path prefix, boolean averages) throws IOException {
    Staticflow_MnistMlp model = new Staticflow_MnistMlp();
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      for (String name : VARIABLES) {
        reader.readInto(averages ? ExponentialMovingAverage.averageName(name) : name, model.variableTensors().get(name));
      }
    }
    DataSet validation = MnistData.embedded(0).validation();
    return PythonFormat.g(MlpEvaluator.accuracy(model, validation));
  }

  private static void awaitLine(StringWriter out, String line, Future<Integer> watcher) throws Exception {
    // A bound so that a broken watcher fails the test instead of hanging it; not a speed requirement.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!out.toString().contains(line)) {
      assertFalse(watcher.isDone(), () -> "the watcher stopped before printing '" + line + "':\n" + out);
      assertTrue(System.nanoTime() < deadline, () -> "no '" + line + "' within 60 s:\n" + out);
      Thread.sleep(20);
    }
  }
}
