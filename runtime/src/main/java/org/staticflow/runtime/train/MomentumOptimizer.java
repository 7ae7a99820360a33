package org.staticflow.runtime.train;

import java.util.List;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * {@code tf.train.MomentumOptimizer}, TensorFlow's {@code ApplyMomentum} kernel. Slot {@code Momentum}
 * (zeros): {@code accum = accum * momentum + g}; plain: {@code var -= accum * lr}; Nesterov:
 * {@code var -= g * lr + accum * momentum * lr}.
 */
public final class MomentumOptimizer extends Optimizer {
  private final float momentum;
  private final boolean nesterov;

  public MomentumOptimizer(LearningRate learningRate, float momentum, boolean nesterov) {
    super("Momentum", learningRate);
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  @Override
  public BoundOptimizer bind(List<String> names, List<FloatTensor> variables) {
    return new BoundOptimizer(this, names, variables) {
      private final float[][] accumulators = new float[size()][];

      {
        for (int i = 0; i < size(); i++) {
          accumulators[i] = slot(i, "Momentum", 0f);
        }
      }

      @Override
      protected void update(int index, float[] variable, float[] gradient, float rate, int from, int to) {
        float[] accum = accumulators[index];
        for (int j = from; j < to; j++) {
          accum[j] = accum[j] * momentum + gradient[j];
          if (nesterov) {
            variable[j] -= gradient[j] * rate + accum[j] * momentum * rate;
          } else {
            variable[j] -= accum[j] * rate;
          }
        }
      }
    };
  }
}
