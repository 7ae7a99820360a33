package org.staticflow.runtime.train;

import java.util.List;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * {@code tf.train.AdamOptimizer} (TensorFlow 1.x), TensorFlow's {@code ApplyAdam} kernel. Slots {@code Adam}
 * (m) and {@code Adam_1} (v), zeros; non-slot scalars {@code beta1_power} and {@code beta2_power} created
 * as {@code beta1} and {@code beta2} and multiplied by them after every step. Per step:
 *
 * <pre>
 * alpha = lr * sqrt(1 - beta2_power) / (1 - beta1_power)
 * m += (g - m) * (1 - beta1)
 * v += (g * g - v) * (1 - beta2)
 * var -= m * alpha / (sqrt(v) + epsilon)          (epsilon outside the root: TF1's placement)
 * </pre>
 */
public final class AdamOptimizer extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final float epsilon;

  /** TensorFlow's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8. */
  public AdamOptimizer(LearningRate learningRate) {
    this(learningRate, 0.9f, 0.999f, 1e-8f);
  }

  public AdamOptimizer(LearningRate learningRate, float beta1, float beta2, float epsilon) {
    super("Adam", learningRate);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public BoundOptimizer bind(List<String> names, List<FloatTensor> variables) {
    return new BoundOptimizer(this, names, variables) {
      private final float[][] m = new float[size()][];
      private final float[][] v = new float[size()][];
      private final float[] beta1Power = {beta1};
      private final float[] beta2Power = {beta2};
      private float alpha;

      {
        // TensorFlow creates the non-slot variables first, then each variable's m and v.
        register("beta1_power", FloatTensor.of(org.staticflow.runtime.tensor.Shape.scalar(), beta1Power));
        register("beta2_power", FloatTensor.of(org.staticflow.runtime.tensor.Shape.scalar(), beta2Power));
        for (int i = 0; i < size(); i++) {
          m[i] = slot(i, "Adam", 0f);
          v[i] = slot(i, "Adam_1", 0f);
        }
      }

      @Override
      protected void beginStep(float rate) {
        alpha = rate * (float) Math.sqrt(1f - beta2Power[0]) / (1f - beta1Power[0]);
      }

      @Override
      protected void update(int index, float[] variable, float[] gradient, float rate, int from, int to) {
        float[] mi = m[index];
        float[] vi = v[index];
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        for (int j = from; j < to; j++) {
          float g = gradient[j];
          mi[j] += (g - mi[j]) * oneMinusBeta1;
          vi[j] += (g * g - vi[j]) * oneMinusBeta2;
          variable[j] -= (mi[j] * alpha) / ((float) Math.sqrt(vi[j]) + epsilon);
        }
      }

      @Override
      protected void finishStep() {
        beta1Power[0] *= beta1;
        beta2Power[0] *= beta2;
      }
    };
  }
}
