package org.staticflow.processor.passes.autodiff;

import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.ReduceKind;

/**
 * Reductions: the gradient is spread back over the reduced axes.
 *
 * <pre>
 * reduce_sum(x):   dx[i] = dy[o(i)]
 * reduce_mean(x):  dx[i] = dy[o(i)] / group size
 * reduce_max(x):   dx[i] = x[i] == y[o(i)] ? dy[o(i)] / (number of maxima in the group) : 0
 * l2_loss(x):      dx = x * dy                 (dy a scalar)
 * </pre>
 */
final class ReductionGradients implements GradientFamily {

  @Override
  public boolean differentiate(Node node, Node dy, Backprop b) {
    if (node.op() instanceof Op.Reduce r) {
      if (b.needs(0)) {
        Node x = node.input(0);
        Op.ReduceGrad grad = new Op.ReduceGrad(r.kind(), r.axes());
        b.contribute(0, r.kind() == ReduceKind.MAX
            ? b.op(grad.typeName(), grad, x.type(), x, node, dy)
            : b.op(grad.typeName(), grad, x.type(), dy));
      }
      return true;
    }
    if (node.op() instanceof Op.L2Loss) {
      if (b.needs(0)) {
        b.contribute(0, b.op("mul", new Op.Binary(BinaryKind.MUL), node.input(0), dy));
      }
      return true;
    }
    return false;
  }
}
