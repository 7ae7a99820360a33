package org.staticflow.runtime.train;

import java.util.List;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * {@code tf.train.AdagradOptimizer}, TensorFlow's {@code ApplyAdagrad} kernel. Slot {@code Adagrad}
 * initialised to {@code initialAccumulatorValue} (default 0.1): {@code accum += g * g};
 * {@code var -= g * lr * rsqrt(accum)}.
 */
public final class AdagradOptimizer extends Optimizer {
  private final float initialAccumulatorValue;

  /** TensorFlow's default initial accumulator, 0.1. */
  public AdagradOptimizer(LearningRate learningRate) {
    this(learningRate, 0.1f);
  }

  public AdagradOptimizer(LearningRate learningRate, float initialAccumulatorValue) {
    super("Adagrad", learningRate);
    if (!(initialAccumulatorValue > 0)) {
      throw new IllegalArgumentException("Adagrad: initial_accumulator_value must be positive, got "
          + initialAccumulatorValue);
    }
    this.initialAccumulatorValue = initialAccumulatorValue;
  }

  @Override
  public BoundOptimizer bind(List<String> names, List<FloatTensor> variables) {
    return new BoundOptimizer(this, names, variables) {
      private final float[][] accumulators = new float[size()][];

      {
        for (int i = 0; i < size(); i++) {
          accumulators[i] = slot(i, "Adagrad", initialAccumulatorValue);
        }
      }

      @Override
      protected void update(int index, float[] variable, float[] gradient, float rate, int from, int to) {
        float[] accum = accumulators[index];
        for (int j = from; j < to; j++) {
          float g = gradient[j];
          accum[j] += g * g;
          variable[j] -= g * rate * (1f / (float) Math.sqrt(accum[j]));
        }
      }
    };
  }
}
