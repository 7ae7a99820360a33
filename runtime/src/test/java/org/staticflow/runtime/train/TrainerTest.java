package org.staticflow.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The trainer's step order, subsets, moving averages and variable naming, on a hand-written model whose
 * gradients are known in closed form: {@code L = mean((x * w + b - y)^2)} with scalars {@code w}, {@code b}
 * and a frozen (non-trainable) scalar {@code scale}.
 */
class TrainerTest {

  /** {@code L = mean((x * w + b - y)^2)}, {@code dL/dw = mean(2 e x)}, {@code dL/db = mean(2 e)}. */
  private static final class LinearModel implements TrainableModel {
    final FloatTensor w = FloatTensor.scalar(0.5f);
    final FloatTensor b = FloatTensor.scalar(-1f);
    final FloatTensor scale = FloatTensor.scalar(3f);
    final FloatTensor dw = FloatTensor.scalar(0f);
    final FloatTensor db = FloatTensor.scalar(0f);
    final FloatTensor x = FloatTensor.of(Shape.of(4), 1f, 2f, 3f, 4f);
    final FloatTensor y = FloatTensor.of(Shape.of(4), 3f, 5f, 7f, 9f);
    final FloatTensor lossTensor = FloatTensor.scalar(0f);
    final List<VariableEntry> variables = List.of(
        new VariableEntry("w", Shape.scalar(), DataType.FLOAT, true, w),
        new VariableEntry("scale", Shape.scalar(), DataType.FLOAT, false, scale),
        new VariableEntry("b", Shape.scalar(), DataType.FLOAT, true, b));

    @Override public void initializeVariables(long seed) {}
    @Override public void seed(long seed) {}
    @Override public void batchSize(int batchSize) {}
    @Override public int batchSize() { return 4; }

    @Override
    public void forward() {
      float sum = 0;
      for (int i = 0; i < 4; i++) {
        float e = x.data()[i] * w.data()[0] + b.data()[0] - y.data()[i];
        sum += e * e;
      }
      lossTensor.data()[0] = sum / 4;
    }

    @Override public List<VariableEntry> variables() { return variables; }
    @Override public Tensor input(String name) { return name.equals("x") ? x : y; }
    @Override public Tensor output(String name) { return lossTensor; }
    @Override public List<VariableEntry> trainableVariables() { return List.of(variables.get(0), variables.get(2)); }

    @Override
    public void computeGradients() {
      forward();
      float gw = 0;
      float gb = 0;
      for (int i = 0; i < 4; i++) {
        float e = x.data()[i] * w.data()[0] + b.data()[0] - y.data()[i];
        gw += 2 * e * x.data()[i] / 4;
        gb += 2 * e / 4;
      }
      dw.data()[0] = gw;
      db.data()[0] = gb;
    }

    @Override public List<FloatTensor> gradients() { return List.of(dw, db); }
    @Override public FloatTensor gradient(String name) { return name.equals("w") ? dw : db; }
    @Override public float totalLoss() { return lossTensor.data()[0]; }
  }

  @Test
  void gradientDescentStepsUpdateVariablesAndCountSteps() {
    LinearModel model = new LinearModel();
    Trainer trainer = Trainer.of(model, new GradientDescentOptimizer(LearningRate.constant(0.05f)));
    // e = 0.5x - 1 - y = {-3.5, -5, -6.5, -8}: L = (12.25 + 25 + 42.25 + 64) / 4
    float loss = trainer.step();
    assertEquals((12.25f + 25f + 42.25f + 64f) / 4, loss, 1e-5f);
    float gw = 2 * (-3.5f * 1 - 5f * 2 - 6.5f * 3 - 8f * 4) / 4;
    float gb = 2 * (-3.5f - 5f - 6.5f - 8f) / 4;
    assertEquals(0.5f - 0.05f * gw, model.w.data()[0], 1e-6f);
    assertEquals(-1f - 0.05f * gb, model.b.data()[0], 1e-6f);
    assertEquals(3f, model.scale.data()[0]);
    assertEquals(1, trainer.globalStep().get());
    float previous = loss;
    for (int i = 0; i < 50; i++) {
      float next = trainer.step();
      assertEquals(true, next < previous, "loss falls at step " + i);
      previous = next;
    }
    assertEquals(51, trainer.globalStep().get());
  }

  @Test
  void aSubsetLeavesTheOtherVariablesAloneAndGetsSlotsOnlyForItself() {
    LinearModel model = new LinearModel();
    Trainer trainer = Trainer.builder(model, new AdamOptimizer(LearningRate.constant(0.1f)))
        .trainOnly(List.of("b")).build();
    trainer.step();
    trainer.step();
    assertEquals(0.5f, model.w.data()[0]);
    assertEquals(List.of("b"), trainer.trainedVariables());
    assertEquals(List.of("w", "scale", "b", "global_step", "beta1_power", "beta2_power", "b/Adam", "b/Adam_1"),
        trainer.variables().names());
    assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(new LinearModel(), new AdamOptimizer(LearningRate.constant(0.1f)))
            .trainOnly(List.of("scale")).build());
  }

  @Test
  void movingAveragesFollowTheUpdatedVariablesWithNumUpdatesGlobalStep() {
    LinearModel model = new LinearModel();
    ExponentialMovingAverage averages = new ExponentialMovingAverage(0.99f);
    Trainer trainer = Trainer.builder(model, new MomentumOptimizer(LearningRate.constant(0.01f), 0.9f, false))
        .movingAverage(averages).build();
    float shadowW = model.w.data()[0];
    for (long step = 1; step <= 3; step++) {
      trainer.step();
      float decay = Math.min(0.99f, (1f + step) / (10f + step));
      shadowW -= (shadowW - model.w.data()[0]) * (1f - decay);
      assertEquals(shadowW, averages.shadow("w").data()[0], 1e-7f);
    }
    assertEquals(List.of("w", "scale", "b", "global_step", "w/ExponentialMovingAverage", "b/ExponentialMovingAverage",
        "w/Momentum", "b/Momentum"), trainer.variables().names());
    assertEquals(3L, ((org.staticflow.runtime.tensor.LongTensor) trainer.variables().tensor("global_step")).data()[0]);
    Map<String, String> restore = averages.variablesToRestore(List.of("w", "scale", "b"));
    assertEquals("w", restore.get("w/ExponentialMovingAverage"));
    assertArrayEquals(new float[] {model.w.data()[0]}, ((FloatTensor) trainer.variables().tensor("w")).data());
  }
}
