package org.staticflow.processor.passes.autodiff;

import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * The {@code tf.nn} functions other than losses, each with its own backward kernel:
 *
 * <pre>
 * softmax:       dx = (dy - sum_j(dy * y)) * y            log_softmax: dx = dy - exp(y) * sum_j(dy)
 * conv2d(x, f):  dx = Conv2DBackpropInput(f, dy)          df = Conv2DBackpropFilter(x, dy)
 * max_pool:      dy routed to each window's maximum       avg_pool: dy shared over each window
 * dropout:       dx = mask ? dy / keep_prob : 0           (the mask the forward pass drew)
 * </pre>
 */
final class NeuralNetGradients implements GradientFamily {

  @Override
  public boolean differentiate(Node node, Node dy, Backprop b) {
    Op op = node.op();
    Node x = node.inputs().isEmpty() ? null : node.input(0);
    if (op instanceof Op.Softmax s) {
      if (b.needs(0)) {
        Op.SoftmaxGrad grad = new Op.SoftmaxGrad(s.log());
        b.contribute(0, b.op(grad.typeName(), grad, x.type(), node, dy));
      }
      return true;
    }
    if (op instanceof Op.Conv2D c) {
      Node filter = node.input(1);
      if (b.needs(0)) {
        b.contribute(0, b.op("Conv2DBackpropInput", new Op.Conv2DBackpropInput(c.strides(), c.same()), x.type(),
            filter, dy));
      }
      if (b.needs(1)) {
        b.contribute(1, b.op("Conv2DBackpropFilter", new Op.Conv2DBackpropFilter(c.strides(), c.same()),
            filter.type(), x, dy));
      }
      return true;
    }
    if (op instanceof Op.Pool p) {
      if (b.needs(0)) {
        Op.PoolGrad grad = new Op.PoolGrad(p.max(), p.ksize(), p.strides(), p.same());
        b.contribute(0, p.max() ? b.op(grad.typeName(), grad, x.type(), x, node, dy)
            : b.op(grad.typeName(), grad, x.type(), dy));
      }
      return true;
    }
    if (op instanceof Op.Dropout) {
      if (b.needs(0)) {
        b.contribute(0, b.op("DropoutGrad", new Op.DropoutGrad(), x.type(), node, node.input(1), dy));
      }
      return true;
    }
    return false;
  }
}
