package org.staticflow.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/**
 * Every optimizer's update, step by step, against TensorFlow's own kernels (ApplyGradientDescent,
 * ApplyMomentum, ApplyAdam, ApplyRMSProp, ApplyCenteredRMSProp, ApplyAdagrad) from the same start and the
 * same gradients; also the names of the state each optimizer creates.
 */
class OptimizerParityTest {
  private static final int STEPS = 12;
  private static final long[] DIMS = {3, 5};

  /**
   * The kernels do the same float32 operations in the same order, so results are bit-identical; only
   * Adagrad differs by an ulp at times, because Eigen's vectorised rsqrt is not exactly 1 / sqrt.
   */
  private static final float EXACT = 0f;
  private static final float ONE_ULP_OR_SO = 1e-6f;

  private final Random random = new Random(42);
  private final float[] start = gaussian(15, 1f);
  private final List<float[]> gradients = new ArrayList<>();

  OptimizerParityTest() {
    for (int step = 0; step < STEPS; step++) {
      gradients.add(gaussian(15, step % 3 == 0 ? 0.01f : 2f));
    }
  }

  private float[] gaussian(int n, float scale) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian() * scale;
    }
    return values;
  }

  /** Trains a copy of {@code start} with Staticflow; returns the variable after each step. */
  private List<float[]> staticflow(Optimizer optimizer, Map<String, Tensor>[] stateOut) {
    FloatTensor variable = FloatTensor.of(Shape.of(DIMS), start.clone());
    FloatTensor gradient = FloatTensor.zeros(Shape.of(DIMS));
    BoundOptimizer bound = optimizer.bind(List.of("layer/w"), List.of(variable));
    List<float[]> trajectory = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      System.arraycopy(gradients.get(step), 0, gradient.data(), 0, 15);
      bound.apply(List.of(gradient), step);
      trajectory.add(variable.data().clone());
    }
    stateOut[0] = bound.stateVariables();
    return trajectory;
  }

  /**
   * Trains with TensorFlow: {@code build} receives the variable and a gradient constant per step and returns
   * the ops to run for that step, in order.
   */
  private List<float[]> tensorflow(
      Function<TensorFlowKernels, Function<Output<?>[], GraphOperation[]>> build) {
    try (TensorFlowKernels tf = new TensorFlowKernels()) {
      Output<?> variable = tf.variable("w", start, DIMS);
      Function<Output<?>[], GraphOperation[]> stepOps = build.apply(tf);
      List<float[]> trajectory = new ArrayList<>();
      for (int step = 0; step < STEPS; step++) {
        Output<?> gradient = tf.constant(gradients.get(step), DIMS);
        for (GraphOperation op : stepOps.apply(new Output<?>[] {variable, gradient, tf.scalar(step)})) {
          tf.run(op);
        }
        trajectory.add(tf.read(variable));
      }
      return trajectory;
    }
  }

  private static void assertClose(List<float[]> expected, List<float[]> actual) {
    assertClose(expected, actual, EXACT);
  }

  private static void assertClose(List<float[]> expected, List<float[]> actual, float tolerance) {
    for (int step = 0; step < expected.size(); step++) {
      float[] e = expected.get(step);
      float[] a = actual.get(step);
      for (int i = 0; i < e.length; i++) {
        float scale = Math.max(1e-3f, Math.abs(e[i]));
        if (Math.abs(e[i] - a[i]) > tolerance * scale) {
          throw new AssertionError("step " + step + ", element " + i + ": TensorFlow " + e[i] + ", Staticflow " + a[i]);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Tensor>[] stateHolder() {
    return new Map[1];
  }

  @Test
  void gradientDescent() {
    var state = stateHolder();
    List<float[]> ours = staticflow(new GradientDescentOptimizer(LearningRate.constant(0.3f)), state);
    List<float[]> theirs = tensorflow(tf -> in -> new GraphOperation[] {
        tf.op("ApplyGradientDescent", List.of(in[0], tf.scalar(0.3f), in[1]))});
    assertClose(theirs, ours);
    assertEquals(List.of(), List.copyOf(state[0].keySet()));
  }

  @Test
  void momentumPlainAndNesterov() {
    for (boolean nesterov : new boolean[] {false, true}) {
      var state = stateHolder();
      List<float[]> ours = staticflow(new MomentumOptimizer(LearningRate.constant(0.1f), 0.9f, nesterov), state);
      List<float[]> theirs = tensorflow(tf -> {
        Output<?> accum = tf.variable("accum", new float[15], DIMS);
        return in -> new GraphOperation[] {tf.op("ApplyMomentum",
            List.of(in[0], accum, tf.scalar(0.1f), in[1], tf.scalar(0.9f)), "use_nesterov", nesterov)};
      });
      assertClose(theirs, ours);
      assertEquals(List.of("layer/w/Momentum"), List.copyOf(state[0].keySet()));
    }
  }

  @Test
  void adamWithBetaPowersUpdatedAfterEachStep() {
    var state = stateHolder();
    List<float[]> ours = staticflow(new AdamOptimizer(LearningRate.constant(0.01f)), state);
    List<float[]> theirs = tensorflow(tf -> {
      Output<?> m = tf.variable("m", new float[15], DIMS);
      Output<?> v = tf.variable("v", new float[15], DIMS);
      Output<?> beta1Power = tf.variable("beta1_power", new float[] {0.9f});
      Output<?> beta2Power = tf.variable("beta2_power", new float[] {0.999f});
      return in -> new GraphOperation[] {
        tf.op("ApplyAdam", List.of(in[0], m, v, beta1Power, beta2Power, tf.scalar(0.01f), tf.scalar(0.9f),
            tf.scalar(0.999f), tf.scalar(1e-8f), in[1])),
        tf.op("Assign", List.of(beta1Power, tf.op("Mul", List.of(beta1Power, tf.scalar(0.9f))).output(0))),
        tf.op("Assign", List.of(beta2Power, tf.op("Mul", List.of(beta2Power, tf.scalar(0.999f))).output(0)))
      };
    });
    assertClose(theirs, ours);
    assertEquals(List.of("beta1_power", "beta2_power", "layer/w/Adam", "layer/w/Adam_1"),
        List.copyOf(state[0].keySet()));
    float expectedBeta1Power = 0.9f;
    for (int i = 0; i < STEPS; i++) {
      expectedBeta1Power *= 0.9f;
    }
    assertArrayEquals(new float[] {expectedBeta1Power}, ((FloatTensor) state[0].get("beta1_power")).data());
  }

  @Test
  void rmsPropPlainAndCentered() {
    for (boolean centered : new boolean[] {false, true}) {
      var state = stateHolder();
      List<float[]> ours =
          staticflow(new RMSPropOptimizer(LearningRate.constant(0.01f), 0.9f, 0.5f, 1e-10f, centered), state);
      float[] ones = new float[15];
      java.util.Arrays.fill(ones, 1f);
      List<float[]> theirs = tensorflow(tf -> {
        Output<?> ms = tf.variable("ms", ones, DIMS);
        Output<?> mg = tf.variable("mg", new float[15], DIMS);
        Output<?> mom = tf.variable("mom", new float[15], DIMS);
        return in -> new GraphOperation[] {centered
            ? tf.op("ApplyCenteredRMSProp", List.of(in[0], mg, ms, mom, tf.scalar(0.01f), tf.scalar(0.9f),
                tf.scalar(0.5f), tf.scalar(1e-10f), in[1]))
            : tf.op("ApplyRMSProp", List.of(in[0], ms, mom, tf.scalar(0.01f), tf.scalar(0.9f), tf.scalar(0.5f),
                tf.scalar(1e-10f), in[1]))};
      });
      assertClose(theirs, ours);
      assertEquals(centered
              ? List.of("layer/w/RMSProp", "layer/w/RMSProp_1", "layer/w/RMSProp_2")
              : List.of("layer/w/RMSProp", "layer/w/RMSProp_1"),
          List.copyOf(state[0].keySet()));
    }
  }

  @Test
  void adagradWithInitialAccumulator() {
    var state = stateHolder();
    List<float[]> ours = staticflow(new AdagradOptimizer(LearningRate.constant(0.5f)), state);
    float[] initial = new float[15];
    java.util.Arrays.fill(initial, 0.1f);
    List<float[]> theirs = tensorflow(tf -> {
      Output<?> accum = tf.variable("accum", initial, DIMS);
      return in -> new GraphOperation[] {tf.op("ApplyAdagrad", List.of(in[0], accum, tf.scalar(0.5f), in[1]))};
    });
    assertClose(theirs, ours, ONE_ULP_OR_SO);
    assertEquals(List.of("layer/w/Adagrad"), List.copyOf(state[0].keySet()));
  }
}
