package org.staticflow.runtime.interop.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Output;

/**
 * The TF1 tutorials' total loss of a network:
 * {@code reduce_mean(sparse_softmax_cross_entropy_with_logits(logits, argmax(labels, 1)))}, plus
 * {@code add_n} of the {@code scale * l2_loss(v)} of every regularized variable (TF1's collection of losses).
 */
final class TotalLoss {
  private TotalLoss() {}

  static Output<?> build(GraphBuilder g, TensorFlowNetwork network, Output<?> logits, Output<?> labels,
      Map<String, Output<?>> reads) {
    Output<?> classes = g.op("ArgMax", "ArgMax", labels, g.intScalar("ArgMax/dimension", 1));
    Output<?> crossEntropy = g.builder("SparseSoftmaxCrossEntropyWithLogits",
        "SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits", logits, classes).build().output(0);
    Output<?> loss = g.op("Mean", "Mean", crossEntropy, g.ints("Const", 0));
    List<Output<?>> regularizers = new ArrayList<>();
    for (TensorFlowNetwork.Variable variable : network.variables()) {
      if (variable.l2Scale() != 0f) {
        // tf.contrib.layers.l2_regularizer(scale)(v) = multiply(scale, l2_loss(v))
        String scope = variable.name() + "/Regularizer/l2_regularizer";
        regularizers.add(g.op("Mul", scope, g.scalar(scope + "/scale", variable.l2Scale()),
            g.op("L2Loss", scope + "/L2Loss", reads.get(variable.name()))));
      }
    }
    if (regularizers.isEmpty()) {
      return loss;
    }
    Output<?> sum = g.builder("AddN", "AddN").addInputList(regularizers.toArray(new Output<?>[0])).build().output(0);
    return g.op("Add", "add", loss, sum);
  }
}
