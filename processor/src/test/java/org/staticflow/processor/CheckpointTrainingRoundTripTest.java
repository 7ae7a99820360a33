package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.staticflow.processor.TrainingParity.Model;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.interop.training.InitialValues;
import org.staticflow.runtime.interop.training.MnistBatches;
import org.staticflow.runtime.interop.training.StateComparison;
import org.staticflow.runtime.interop.training.TensorFlowTraining;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.train.ExponentialMovingAverage;
import org.staticflow.runtime.train.Trainer;

/**
 * Training of the MNIST MLP and the small CNN resumes across the two implementations with its whole state (weights, Adam's slots and beta
 * powers, {@code global_step}, moving averages): Staticflow trains 5 steps and saves with its Saver,
 * TensorFlow restores that checkpoint ({@code RestoreV2}) and trains 5 more; TensorFlow trains 5 and saves
 * ({@code SaveV2}), Staticflow restores into its {@link Trainer} and trains 5 more. Both end where 10
 * uninterrupted steps end, on either side, within Adam's parity tolerance
 * ({@link TrainingParity#ADAM_TOLERANCE}, where the reason is measured; the round trip itself adds nothing:
 * restoring is exact).
 *
 * <p>Each resumed run starts from different initial values than the run that saved, so whatever it ends
 * with came through the checkpoint.
 */
class CheckpointTrainingRoundTripTest {
  private static final float DECAY = 0.99f;

  @TempDir Path temp;

  private Model model;
  private List<MnistBatches.Batch> batches;

  static Stream<Model> models() {
    return Stream.of(TrainingParity.MLP, TrainingParity.CNN);
  }

  private void use(Model model) {
    this.model = model;
    this.batches = MnistBatches.first(10, model.batchSize());
  }

  private Trainer staticflowTrainer(long seed) {
    return Trainer.builder(TrainingParity.newModel(model, seed), TrainingParity.ADAM.staticflow().get())
        .movingAverage(new ExponentialMovingAverage(DECAY)).build();
  }

  private TensorFlowTraining tensorflowTraining(Map<String, float[]> start) {
    return TensorFlowTraining.builder(model.network(), start).optimizer(TrainingParity.ADAM.tensorflow())
        .movingAverage(DECAY).build();
  }

  private void train(Trainer trainer, int from, int to) {
    for (int step = from; step < to; step++) {
      TrainingParity.feed(trainer.model(), batches.get(step));
      trainer.step();
    }
  }

  private void train(TensorFlowTraining tensorflow, int from, int to) {
    for (int step = from; step < to; step++) {
      tensorflow.step(batches.get(step).images(), batches.get(step).oneHotLabels());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void staticflowSavesAfterFiveStepsTensorFlowRestoresAndTrainsFiveMore(Model model) throws IOException {
    use(model);
    Trainer ours = staticflowTrainer(7);
    Map<String, float[]> start = TrainingParity.initialValues(ours.model());
    train(ours, 0, 5);
    Path prefix = Saver.builder(ours.variables()).build().save(temp.resolve("staticflow/model.ckpt"), 5);
    Map<String, Tensor> saved = TrainingParity.snapshot(ours.variables());

    Map<String, Tensor> uninterrupted;
    try (TensorFlowTraining tensorflow = tensorflowTraining(start)) {
      train(tensorflow, 0, 10);
      uninterrupted = tensorflow.variables();
    }
    Map<String, Tensor> resumed;
    try (TensorFlowTraining tensorflow = tensorflowTraining(InitialValues.tutorial(model.network(), 0.1f, 99))) {
      tensorflow.restore(prefix);
      assertEquals(5, tensorflow.globalStep());
      StateComparison.assertClose("TensorFlow restored Staticflow's checkpoint", saved, tensorflow.variables(), 0);
      train(tensorflow, 5, 10);
      resumed = tensorflow.variables();
    }
    report("Staticflow 5 + TensorFlow 5 vs TensorFlow 10", uninterrupted, resumed);
    train(ours, 5, 10);
    report("Staticflow 5 + TensorFlow 5 vs Staticflow 10", TrainingParity.snapshot(ours.variables()), resumed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void tensorflowSavesAfterFiveStepsStaticflowRestoresAndTrainsFiveMore(Model model) throws IOException {
    use(model);
    Trainer uninterrupted = staticflowTrainer(8);
    Map<String, float[]> start = TrainingParity.initialValues(uninterrupted.model());
    Path prefix = temp.resolve("tensorflow/model.ckpt-5");
    Map<String, Tensor> tensorflowTen;
    Map<String, Tensor> saved;
    try (TensorFlowTraining tensorflow = tensorflowTraining(start)) {
      train(tensorflow, 0, 5);
      tensorflow.save(prefix);
      saved = tensorflow.variables();
      train(tensorflow, 5, 10);
      tensorflowTen = tensorflow.variables();
    }
    train(uninterrupted, 0, 10);

    Trainer resumed = staticflowTrainer(9);
    Saver.builder(resumed.variables()).build().restore(prefix);
    assertEquals(5, resumed.globalStep().get());
    StateComparison.assertClose("Staticflow restored TensorFlow's checkpoint", saved,
        TrainingParity.snapshot(resumed.variables()), 0);
    train(resumed, 5, 10);
    Map<String, Tensor> ours = TrainingParity.snapshot(resumed.variables());
    report("TensorFlow 5 + Staticflow 5 vs TensorFlow 10", tensorflowTen, ours);
    report("TensorFlow 5 + Staticflow 5 vs Staticflow 10", TrainingParity.snapshot(uninterrupted.variables()), ours);
  }

  private void report(String what, Map<String, Tensor> expected, Map<String, Tensor> actual) {
    double max = StateComparison.assertClose(model.name() + ", " + what, expected, actual,
        TrainingParity.ADAM.tolerance());
    System.out.printf("%s, %s: largest relative difference %.3g%n", model.name(), what, max);
  }
}
