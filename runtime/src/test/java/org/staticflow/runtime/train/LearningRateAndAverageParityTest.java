package org.staticflow.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/**
 * Learning-rate schedules and moving averages against the same float32 TensorFlow ops that
 * {@code tf.train.exponential_decay}, {@code polynomial_decay} and {@code ExponentialMovingAverage} build.
 */
class LearningRateAndAverageParityTest {

  private static void assertRelative(float expected, float actual, float tolerance, String what) {
    if (Math.abs(expected - actual) > tolerance * Math.max(1e-30f, Math.abs(expected))) {
      throw new AssertionError(what + ": TensorFlow " + expected + ", Staticflow " + actual);
    }
  }

  @Test
  void exponentialDecaySmoothAndStaircase() {
    try (TensorFlowKernels tf = new TensorFlowKernels()) {
      for (boolean staircase : new boolean[] {false, true}) {
        LearningRate rate = LearningRates.exponentialDecay(0.8f, 550, 0.99f, staircase);
        for (long step : new long[] {0, 1, 549, 550, 551, 1000, 12345, 30000}) {
          Output<?> p = tf.op("RealDiv", List.of(tf.scalar(step), tf.scalar(550f))).output(0);
          if (staircase) {
            p = tf.op("Floor", List.of(p)).output(0);
          }
          GraphOperation lr = tf.op("Mul", List.of(tf.scalar(0.8f), tf.op("Pow", List.of(tf.scalar(0.99f), p)).output(0)));
          // powf and Java's correctly rounded pow may differ in the last bit.
          assertRelative(tf.read(lr.output(0))[0], rate.at(step), 2e-7f, "exponential_decay step " + step);
        }
      }
    }
  }

  @Test
  void polynomialDecayWithAndWithoutCycle() {
    try (TensorFlowKernels tf = new TensorFlowKernels()) {
      for (boolean cycle : new boolean[] {false, true}) {
        LearningRate rate = LearningRates.polynomialDecay(0.1f, 1000, 0.001f, 2f, cycle);
        for (long step : new long[] {0, 1, 500, 999, 1000, 1001, 2500}) {
          float steps = 1000f;
          float globalStep = step;
          if (cycle) {
            float multiplier = step == 0 ? 1f : tf.read(tf.op("Ceil", List.of(
                tf.op("RealDiv", List.of(tf.scalar(globalStep), tf.scalar(1000f))).output(0))).output(0))[0];
            steps = tf.read(tf.op("Mul", List.of(tf.scalar(1000f), tf.scalar(multiplier))).output(0))[0];
          } else {
            globalStep = Math.min(globalStep, steps);
          }
          Output<?> p = tf.op("RealDiv", List.of(tf.scalar(globalStep), tf.scalar(steps))).output(0);
          Output<?> decayed = tf.op("Pow", List.of(tf.op("Sub", List.of(tf.scalar(1f), p)).output(0), tf.scalar(2f))).output(0);
          GraphOperation lr = tf.op("Add", List.of(
              tf.op("Mul", List.of(tf.op("Sub", List.of(tf.scalar(0.1f), tf.scalar(0.001f))).output(0), decayed)).output(0),
              tf.scalar(0.001f)));
          assertRelative(tf.read(lr.output(0))[0], rate.at(step), 2e-7f, "polynomial_decay step " + step);
        }
      }
    }
  }

  @Test
  void piecewiseConstantBoundariesAreInclusive() {
    LearningRate rate = LearningRates.piecewiseConstant(new long[] {100, 200}, new float[] {1f, 0.5f, 0.1f});
    assertEquals(1f, rate.at(0));
    assertEquals(1f, rate.at(100));
    assertEquals(0.5f, rate.at(101));
    assertEquals(0.5f, rate.at(200));
    assertEquals(0.1f, rate.at(201));
    assertThrows(IllegalArgumentException.class,
        () -> LearningRates.piecewiseConstant(new long[] {100}, new float[] {1f}));
    assertThrows(IllegalArgumentException.class,
        () -> LearningRates.piecewiseConstant(new long[] {200, 100}, new float[] {1f, 2f, 3f}));
  }

  @Test
  void movingAverageWithNumUpdatesMatchesTensorFlowsOps() {
    float[] start = {1f, -2f, 0.5f, 4f};
    FloatTensor variable = FloatTensor.of(Shape.of(2, 2), start.clone());
    ExponentialMovingAverage average = new ExponentialMovingAverage(0.99f);
    average.apply(List.of("layer1/weights"), List.of(variable));
    try (TensorFlowKernels tf = new TensorFlowKernels()) {
      Output<?> tfVariable = tf.variable("w", start.clone(), 2, 2);
      Output<?> shadow = tf.variable("w/ExponentialMovingAverage", start.clone(), 2, 2);
      for (int step = 0; step < 30; step++) {
        float[] next = new float[4];
        for (int i = 0; i < 4; i++) {
          next[i] = variable.data()[i] * 0.9f + step * 0.1f - i;
        }
        System.arraycopy(next, 0, variable.data(), 0, 4);
        tf.run(tf.op("Assign", List.of(tfVariable, tf.constant(next, 2, 2))));
        average.update(step);
        Output<?> n = tf.scalar(step);
        Output<?> decay = tf.op("Minimum", List.of(tf.scalar(0.99f), tf.op("RealDiv", List.of(
            tf.op("Add", List.of(tf.scalar(1f), n)).output(0), tf.op("Add", List.of(tf.scalar(10f), n)).output(0)))
            .output(0))).output(0);
        Output<?> oneMinus = tf.op("Sub", List.of(tf.scalar(1f), decay)).output(0);
        tf.run(tf.op("AssignSub", List.of(shadow,
            tf.op("Mul", List.of(tf.op("Sub", List.of(shadow, tfVariable)).output(0), oneMinus)).output(0))));
        float[] expected = tf.read(shadow);
        float[] actual = average.shadow("layer1/weights").data();
        for (int i = 0; i < 4; i++) {
          assertRelative(expected[i], actual[i], 0f, "shadow element " + i + " after step " + step);
        }
      }
    }
    assertEquals(List.of("layer1/weights/ExponentialMovingAverage"), List.copyOf(average.shadowVariables().keySet()));
    assertEquals(Map.of("layer1/weights/ExponentialMovingAverage", "layer1/weights", "layer1/biases", "layer1/biases"),
        average.variablesToRestore(List.of("layer1/weights", "layer1/biases")));
  }

  @Test
  void globalStepIsAnInt64ScalarNamedLikeTensorFlows() {
    GlobalStep step = new GlobalStep();
    assertEquals(0, step.get());
    assertEquals(1, step.increment());
    step.set(1000);
    assertEquals(1000, step.tensor().data()[0]);
    assertEquals(Shape.scalar(), step.tensor().shape());
    assertEquals("global_step", GlobalStep.NAME);
  }
}
