package org.staticflow.processor.passes.autodiff;

import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * Which edges of the graph carry a gradient, TensorFlow's rules: only {@code float32} values are
 * differentiated; {@code stop_gradient} cuts; {@code argmax}, {@code equal}, {@code one_hot} and casts to
 * integers or {@code bool} have integer or boolean results and so no gradient (nor do the integer labels of
 * the sparse cross entropy); the labels of {@code softmax_cross_entropy_with_logits} are treated as constants
 * (TF1 wraps them in {@code stop_gradient}; {@code _v2} differentiates them), and so is dropout's
 * {@code keep_prob}.
 */
final class Differentiability {
  private Differentiability() {}

  /** Whether the gradient of {@code node}'s output flows into its input {@code index}. */
  static boolean passes(Node node, int index) {
    Op op = node.op();
    if (op instanceof Op.StopGradient) {
      return false;
    }
    if (op instanceof Op.SoftmaxCrossEntropy s && index == 0 && !s.labelsGradient()) {
      return false;
    }
    if (op instanceof Op.Dropout && index == 1) {
      return false;
    }
    return node.type().dtype() == DType.FLOAT32 && node.input(index).type().dtype() == DType.FLOAT32;
  }

  /**
   * The function of the model language that {@code node}'s op comes from, for messages about a cut edge
   * into input {@code index}: {@code argmax}, {@code cast to int64}, {@code stop_gradient}, ...
   */
  static String functionName(Node node, int index) {
    Op op = node.op();
    if (op instanceof Op.StopGradient) {
      return "stop_gradient";
    } else if (op instanceof Op.ArgMax) {
      return "argmax";
    } else if (op instanceof Op.Equal) {
      return "equal";
    } else if (op instanceof Op.OneHot) {
      return "one_hot";
    } else if (op instanceof Op.Cast c) {
      return "cast to " + c.to();
    } else if (op instanceof Op.SoftmaxCrossEntropy) {
      return "the labels of softmax_cross_entropy_with_logits";
    } else if (op instanceof Op.SparseSoftmaxCrossEntropy) {
      return "the labels of sparse_softmax_cross_entropy_with_logits";
    } else if (op instanceof Op.Dropout) {
      return "the keep_prob of dropout";
    }
    return op.typeName() + " input " + index;
  }
}
