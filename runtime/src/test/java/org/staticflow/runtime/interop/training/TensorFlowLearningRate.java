package org.staticflow.runtime.interop.training;

import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/**
 * A TF1 learning rate as a float32 graph value: a constant, or a schedule of {@code global_step} built from
 * the ops {@code tf.train.exponential_decay} builds, so that the rate each {@code Apply*} kernel receives
 * is computed by TensorFlow from the variable {@code global_step} at the time of the update.
 */
public sealed interface TensorFlowLearningRate {

  /** Adds the rate to the graph; {@code globalStep} is the int64 variable. */
  Output<?> build(GraphBuilder graph, String scope, Output<?> globalStep);

  /** A fixed rate ({@code _prepare}'s constant). */
  record Constant(float value) implements TensorFlowLearningRate {
    @Override
    public Output<?> build(GraphBuilder g, String scope, Output<?> globalStep) {
      return g.scalar(scope + "/learning_rate", value);
    }

    @Override
    public String toString() {
      return Float.toString(value);
    }
  }

  /**
   * {@code tf.train.exponential_decay(rate, global_step, decay_steps, decay_rate, staircase)}:
   * {@code rate * decay_rate ^ (global_step / decay_steps)}, the exponent floored when {@code staircase},
   * all in float32.
   */
  record ExponentialDecay(float rate, long decaySteps, float decayRate, boolean staircase)
      implements TensorFlowLearningRate {
    @Override
    public Output<?> build(GraphBuilder g, String scope, Output<?> globalStep) {
      String name = "ExponentialDecay";
      Output<?> step = g.builder("Cast", name + "/Cast", globalStep).setAttr("DstT", DataType.DT_FLOAT).build().output(0);
      Output<?> p = g.op("RealDiv", name + "/truediv", step, g.scalar(name + "/Cast_1", decaySteps));
      if (staircase) {
        p = g.op("Floor", name + "/Floor", p);
      }
      return g.op("Mul", name, g.scalar(name + "/learning_rate", rate),
          g.op("Pow", name + "/Pow", g.scalar(name + "/Cast_2", decayRate), p));
    }
  }
}
