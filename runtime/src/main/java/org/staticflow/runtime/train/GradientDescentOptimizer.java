package org.staticflow.runtime.train;

import java.util.List;
import org.staticflow.runtime.tensor.FloatTensor;

/** {@code tf.train.GradientDescentOptimizer}: {@code var -= lr * g}. No state. */
public final class GradientDescentOptimizer extends Optimizer {
  public GradientDescentOptimizer(LearningRate learningRate) {
    super("GradientDescent", learningRate);
  }

  @Override
  public BoundOptimizer bind(List<String> names, List<FloatTensor> variables) {
    return new BoundOptimizer(this, names, variables) {
      @Override
      protected void update(int index, float[] variable, float[] gradient, float rate, int from, int to) {
        for (int j = from; j < to; j++) {
          variable[j] -= gradient[j] * rate;
        }
      }
    };
  }
}
