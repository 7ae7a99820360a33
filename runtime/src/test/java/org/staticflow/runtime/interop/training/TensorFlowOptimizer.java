package org.staticflow.runtime.interop.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/**
 * A TensorFlow 1.x optimizer as {@code tf.train.*Optimizer.apply_gradients} builds it: its slot and
 * non-slot variables under TF1's names and creation order, one raw {@code Apply*} kernel per variable, and
 * the ops of {@code _finish} (Adam's beta-power updates), which TF1 runs after every variable is updated.
 * Hyperparameters are float32 constants, as {@code _prepare} makes them; the learning rate is a constant or
 * a schedule of {@code global_step} ({@link TensorFlowLearningRate}), which must exist before the optimizer.
 */
public sealed interface TensorFlowOptimizer {

  /** The optimizer's TF1 name: the suffix of its slots and the scope of its ops. */
  String name();

  /** Ops of one update: {@code apply} for every variable, then {@code finish}. */
  record Update(List<GraphOperation> apply, List<GraphOperation> finish) {}

  /**
   * Creates the optimizer's state in {@code variables} and the update ops of variables {@code names}
   * (parallel to {@code gradients}, the values to apply).
   */
  Update build(GraphBuilder graph, TensorFlowVariables variables, List<String> names, List<Output<?>> gradients);

  /** The learning rate, evaluated from {@code global_step} at each update. */
  TensorFlowLearningRate learningRate();

  /** {@code tf.train.GradientDescentOptimizer}: {@code ApplyGradientDescent}, no state. */
  record GradientDescent(TensorFlowLearningRate learningRate) implements TensorFlowOptimizer {
    public GradientDescent(float learningRate) {
      this(new TensorFlowLearningRate.Constant(learningRate));
    }

    @Override
    public String name() {
      return "GradientDescent";
    }

    @Override
    public Update build(GraphBuilder g, TensorFlowVariables variables, List<String> names, List<Output<?>> gradients) {
      Output<?> rate = learningRate.build(g, "GradientDescent", variables.ref("global_step"));
      List<GraphOperation> apply = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        apply.add(g.operation("ApplyGradientDescent", "GradientDescent/update_" + names.get(i) + "/ApplyGradientDescent",
            variables.ref(names.get(i)), rate, gradients.get(i)));
      }
      return new Update(apply, List.of());
    }
  }

  /** {@code tf.train.MomentumOptimizer}: slot {@code V/Momentum} (zeros), {@code ApplyMomentum}. */
  record Momentum(TensorFlowLearningRate learningRate, float momentum, boolean nesterov) implements TensorFlowOptimizer {
    public Momentum(float learningRate, float momentum, boolean nesterov) {
      this(new TensorFlowLearningRate.Constant(learningRate), momentum, nesterov);
    }

    @Override
    public String name() {
      return "Momentum";
    }

    @Override
    public Update build(GraphBuilder g, TensorFlowVariables variables, List<String> names, List<Output<?>> gradients) {
      List<Output<?>> accumulators = new ArrayList<>();
      for (String name : names) {
        accumulators.add(zerosSlot(variables, name, "Momentum"));
      }
      Output<?> rate = learningRate.build(g, "Momentum", variables.ref("global_step"));
      Output<?> momentumValue = g.scalar("Momentum/momentum", momentum);
      List<GraphOperation> apply = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        apply.add(g.builder("ApplyMomentum", "Momentum/update_" + names.get(i) + "/ApplyMomentum",
                variables.ref(names.get(i)), accumulators.get(i), rate, gradients.get(i), momentumValue)
            .setAttr("use_nesterov", nesterov)
            .build());
      }
      return new Update(apply, List.of());
    }
  }

  /**
   * {@code tf.train.AdamOptimizer}: non-slot {@code beta1_power} and {@code beta2_power} (created first,
   * starting at beta1 and beta2), slots {@code V/Adam} and {@code V/Adam_1} (zeros), {@code ApplyAdam}, and
   * in {@code _finish} the beta powers multiplied by beta1 and beta2.
   */
  record Adam(TensorFlowLearningRate learningRate, float beta1, float beta2, float epsilon)
      implements TensorFlowOptimizer {
    /** TensorFlow's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8. */
    public Adam(float learningRate) {
      this(new TensorFlowLearningRate.Constant(learningRate), 0.9f, 0.999f, 1e-8f);
    }

    @Override
    public String name() {
      return "Adam";
    }

    @Override
    public Update build(GraphBuilder g, TensorFlowVariables variables, List<String> names, List<Output<?>> gradients) {
      Output<?> beta1Power = variables.createFloat("beta1_power", new float[] {beta1});
      Output<?> beta2Power = variables.createFloat("beta2_power", new float[] {beta2});
      List<Output<?>> m = new ArrayList<>();
      List<Output<?>> v = new ArrayList<>();
      for (String name : names) {
        m.add(zerosSlot(variables, name, "Adam"));
        v.add(zerosSlot(variables, name, "Adam_1"));
      }
      Output<?> rate = learningRate.build(g, "Adam", variables.ref("global_step"));
      Output<?> beta1Value = g.scalar("Adam/beta1", beta1);
      Output<?> beta2Value = g.scalar("Adam/beta2", beta2);
      Output<?> epsilonValue = g.scalar("Adam/epsilon", epsilon);
      List<GraphOperation> apply = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        apply.add(g.operation("ApplyAdam", "Adam/update_" + names.get(i) + "/ApplyAdam", variables.ref(names.get(i)),
            m.get(i), v.get(i), beta1Power, beta2Power, rate, beta1Value, beta2Value, epsilonValue, gradients.get(i)));
      }
      List<GraphOperation> finish = List.of(
          g.operation("Assign", "Adam/Assign", beta1Power, g.op("Mul", "Adam/mul", beta1Power, beta1Value)),
          g.operation("Assign", "Adam/Assign", beta2Power, g.op("Mul", "Adam/mul", beta2Power, beta2Value)));
      return new Update(apply, finish);
    }
  }

  private static Output<?> zerosSlot(TensorFlowVariables variables, String variable, String slot) {
    long[] dims = variables.dims(variable);
    int size = Math.toIntExact(org.staticflow.runtime.tensor.Shape.of(dims).numElements());
    return variables.createFloat(variable + "/" + slot, new float[size], dims);
  }
}
