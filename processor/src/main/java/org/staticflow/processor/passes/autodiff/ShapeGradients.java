package org.staticflow.processor.passes.autodiff;

import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * Functions that move elements without computing: the gradient moves them back.
 *
 * <pre>
 * reshape(x):          dx = reshape(dy, shape(x))
 * transpose(x, p):     dx = transpose(dy, inverse(p))
 * concat(x_i, axis):   dx_i = the slice of dy along axis where x_i went
 * identity(x):         dx = dy          (also cast float32 -> float32)
 * </pre>
 */
final class ShapeGradients implements GradientFamily {

  @Override
  public boolean differentiate(Node node, Node dy, Backprop b) {
    Op op = node.op();
    if (op instanceof Op.Reshape) {
      if (b.needs(0)) {
        b.contribute(0, b.op("Reshape", new Op.Reshape(node.input(0).type().dims()), dy));
      }
      return true;
    }
    if (op instanceof Op.Transpose t) {
      if (b.needs(0)) {
        int[] inverse = new int[t.perm().length];
        for (int i = 0; i < inverse.length; i++) {
          inverse[t.perm()[i]] = i;
        }
        b.contribute(0, b.op("transpose", new Op.Transpose(inverse), dy));
      }
      return true;
    }
    if (op instanceof Op.Concat c) {
      int begin = 0;
      for (int i = 0; i < node.inputs().size(); i++) {
        Node input = node.input(i);
        if (b.needs(i)) {
          b.contribute(i, b.op("Slice", new Op.Slice(c.axis(), begin), input.type(), dy));
        }
        begin += input.type().dim(c.axis());
      }
      return true;
    }
    if (op instanceof Op.Identity || (op instanceof Op.Cast && node.input(0).type().dtype() == DType.FLOAT32)) {
      if (b.needs(0)) {
        b.contribute(0, dy);
      }
      return true;
    }
    return false;
  }
}
