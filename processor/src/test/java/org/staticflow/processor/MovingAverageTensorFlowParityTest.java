package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.processor.TrainingParity.Model;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.interop.training.MnistBatches;
import org.staticflow.runtime.interop.training.StateComparison;
import org.staticflow.runtime.interop.training.TensorFlowTraining;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.train.ExponentialMovingAverage;
import org.staticflow.runtime.train.Trainer;

/**
 * Moving averages as TensorFlow keeps them: {@code ExponentialMovingAverage(0.99, num_updates=global_step)}
 * of every trainable variable, updated after each of 10 steps of the MNIST MLP, gives the same shadow
 * values {@code V/ExponentialMovingAverage} on both sides; and restoring a Staticflow checkpoint with
 * {@code variablesToRestore()} loads the shadows into the plain variables of a fresh model, whose forward
 * pass then equals TensorFlow's after TensorFlow restores the same checkpoint with the same mapping.
 */
class MovingAverageTensorFlowParityTest {
  private static final Model MODEL = TrainingParity.MLP;
  private static final int STEPS = 10;

  @TempDir Path temp;

  @Test
  void shadowsAfterTenStepsAndRestoringThemForEvaluation() throws IOException {
    TrainableModel ours = TrainingParity.newModel(MODEL, 11);
    ExponentialMovingAverage averages = new ExponentialMovingAverage(0.99f);
    Trainer trainer = Trainer.builder(ours, TrainingParity.MOMENTUM.staticflow().get()).movingAverage(averages).build();
    List<MnistBatches.Batch> batches = MnistBatches.first(STEPS + 1, MODEL.batchSize());
    List<String> names = ours.variables().stream().map(VariableEntry::name).toList();
    try (TensorFlowTraining tensorflow = TensorFlowTraining.builder(MODEL.network(), TrainingParity.initialValues(ours))
        .optimizer(TrainingParity.MOMENTUM.tensorflow()).movingAverage(0.99f).build()) {
      for (int step = 0; step < STEPS; step++) {
        TrainingParity.feed(ours, batches.get(step));
        trainer.step();
        tensorflow.step(batches.get(step).images(), batches.get(step).oneHotLabels());
      }
      Map<String, Tensor> theirs = tensorflow.variables();
      Map<String, Tensor> theirShadows = new LinkedHashMap<>();
      Map<String, Tensor> ourShadows = new LinkedHashMap<>();
      for (String name : names) {
        String shadow = ExponentialMovingAverage.averageName(name);
        theirShadows.put(shadow, theirs.get(shadow));
        ourShadows.put(shadow, averages.shadow(name));
      }
      double max = StateComparison.assertClose("shadows after " + STEPS + " steps", theirShadows, ourShadows,
          TrainingParity.TOLERANCE);
      System.out.printf("moving averages after %d steps: largest relative difference from TensorFlow %.3g%n",
          STEPS, max);

      Path prefix = Saver.builder(trainer.variables()).build().save(temp.resolve("model.ckpt"), STEPS);
      Map<String, String> toRestore = averages.variablesToRestore(names);
      assertEquals(names.stream().map(ExponentialMovingAverage::averageName).toList(), List.copyOf(toRestore.keySet()));

      // A fresh model for evaluation, other initial values: restoring must overwrite them with the shadows.
      TrainableModel evaluation = TrainingParity.newModel(MODEL, 12);
      Saver.builder(evaluation.variableTensors()).variablesByCheckpointKey(toRestore).build().restore(prefix);
      for (String name : names) {
        assertArrayEquals(averages.shadow(name).data(), ((FloatTensor) evaluation.variableTensors().get(name)).data(),
            name + " holds its shadow");
      }
      tensorflow.restore(prefix, toRestore);
      MnistBatches.Batch held = batches.get(STEPS);
      TrainingParity.feed(evaluation, held);
      evaluation.forward();
      Map<String, Tensor> expected = Map.of("logits", FloatTensor.of(
          evaluation.output("logits").shape(), tensorflow.logits(held.images())));
      Map<String, Tensor> actual = Map.of("logits", evaluation.output("logits"));
      double logits = StateComparison.assertClose("logits of the averaged model", expected, actual,
          TrainingParity.TOLERANCE);
      System.out.printf("logits with restored averages: largest relative difference from TensorFlow %.3g%n", logits);
    }
  }
}
