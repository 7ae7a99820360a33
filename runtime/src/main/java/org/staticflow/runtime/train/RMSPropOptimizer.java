package org.staticflow.runtime.train;

import java.util.List;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * {@code tf.train.RMSPropOptimizer}, TensorFlow's {@code ApplyRMSProp} / {@code ApplyCenteredRMSProp}
 * kernels. Slots, in TensorFlow's creation order: {@code RMSProp} (ms, initialised to ones), when centered
 * {@code RMSProp_1} (mg, zeros), then the momentum (zeros: {@code RMSProp_1}, or {@code RMSProp_2} when
 * centered). Per step:
 *
 * <pre>
 * ms += (g * g - ms) * (1 - decay)
 * mg += (g - mg) * (1 - decay)                     (centered only)
 * denom = ms + epsilon,  or ms - mg * mg + epsilon (centered)
 * mom = mom * momentum + g * lr / sqrt(denom)
 * var -= mom
 * </pre>
 */
public final class RMSPropOptimizer extends Optimizer {
  private final float decay;
  private final float momentum;
  private final float epsilon;
  private final boolean centered;

  /** TensorFlow's defaults: decay 0.9, momentum 0, epsilon 1e-10, not centered. */
  public RMSPropOptimizer(LearningRate learningRate) {
    this(learningRate, 0.9f, 0f, 1e-10f, false);
  }

  public RMSPropOptimizer(LearningRate learningRate, float decay, float momentum, float epsilon, boolean centered) {
    super("RMSProp", learningRate);
    this.decay = decay;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  @Override
  public BoundOptimizer bind(List<String> names, List<FloatTensor> variables) {
    return new BoundOptimizer(this, names, variables) {
      private final float[][] ms = new float[size()][];
      private final float[][] mg = new float[size()][];
      private final float[][] mom = new float[size()][];

      {
        for (int i = 0; i < size(); i++) {
          ms[i] = slot(i, "RMSProp", 1f);
          if (centered) {
            mg[i] = slot(i, "RMSProp_1", 0f);
          }
          mom[i] = slot(i, centered ? "RMSProp_2" : "RMSProp_1", 0f);
        }
      }

      @Override
      protected void update(int index, float[] variable, float[] gradient, float rate, int from, int to) {
        float[] msi = ms[index];
        float[] mgi = mg[index];
        float[] momi = mom[index];
        float oneMinusDecay = 1f - decay;
        for (int j = from; j < to; j++) {
          float g = gradient[j];
          msi[j] += (g * g - msi[j]) * oneMinusDecay;
          float denominator;
          if (centered) {
            mgi[j] += (g - mgi[j]) * oneMinusDecay;
            denominator = (msi[j] - mgi[j] * mgi[j]) + epsilon;
          } else {
            denominator = msi[j] + epsilon;
          }
          momi[j] = momi[j] * momentum + (g * rate) / (float) Math.sqrt(denominator);
          variable[j] -= momi[j];
        }
      }
    };
  }
}
