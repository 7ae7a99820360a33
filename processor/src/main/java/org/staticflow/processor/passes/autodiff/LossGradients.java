package org.staticflow.processor.passes.autodiff;

import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * The fused cross entropies, differentiated with respect to the logits in one kernel each:
 *
 * <pre>
 * softmax_cross_entropy_with_logits:         dlogits = dy[r] * (softmax(logits) - labels)
 *                                            dlabels = -dy[r] * log_softmax(logits)     (_v2 only)
 * sparse_softmax_cross_entropy_with_logits:  dlogits = dy[r] * (softmax(logits) - one_hot(labels))
 * sigmoid_cross_entropy_with_logits:         dlogits = dy * (sigmoid(logits) - labels),  dlabels = -dy * logits
 * </pre>
 *
 * The labels of {@code softmax_cross_entropy_with_logits} get no gradient (TF1 stops it), those of
 * {@code _v2} do; the sigmoid loss is a composite in TensorFlow, so its labels do too.
 */
final class LossGradients implements GradientFamily {

  @Override
  public boolean differentiate(Node node, Node dy, Backprop b) {
    Op.CrossEntropyGrad.Kind kind;
    if (node.op() instanceof Op.SoftmaxCrossEntropy) {
      kind = Op.CrossEntropyGrad.Kind.SOFTMAX;
    } else if (node.op() instanceof Op.SparseSoftmaxCrossEntropy) {
      kind = Op.CrossEntropyGrad.Kind.SPARSE_SOFTMAX;
    } else if (node.op() instanceof Op.SigmoidCrossEntropy) {
      kind = Op.CrossEntropyGrad.Kind.SIGMOID;
    } else {
      return false;
    }
    Node labels = node.input(0);
    Node logits = node.input(1);
    if (b.needs(1)) {
      Op.CrossEntropyGrad grad = new Op.CrossEntropyGrad(kind);
      b.contribute(1, b.op(grad.typeName(), grad, logits.type(), labels, logits, dy));
    }
    if (kind == Op.CrossEntropyGrad.Kind.SIGMOID && b.needs(0)) {
      b.contribute(0, b.negate(b.op("mul", new Op.Binary(BinaryKind.MUL), dy, logits)));
    }
    if (kind == Op.CrossEntropyGrad.Kind.SOFTMAX && b.needs(0)) {
      // v2 only (v1's labels do not pass): dlabels = dy[r] * -log_softmax(logits).
      int[] dims = dy.type().dims();
      int[] column = java.util.Arrays.copyOf(dims, dims.length + 1);
      column[dims.length] = 1;
      Node logSoftmax = b.op("LogSoftmax", new Op.Softmax(true), logits);
      Node scaled = b.op("mul", new Op.Binary(BinaryKind.MUL), b.op("ExpandDims", new Op.Reshape(column), dy), logSoftmax);
      b.contribute(0, b.negate(scaled));
    }
    return true;
  }
}
