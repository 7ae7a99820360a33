package org.staticflow.processor.passes.autodiff;

import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * Element-wise functions with broadcasting, TensorFlow's {@code math_grad} rules; every operand's gradient
 * is summed over the axes along which it was broadcast:
 *
 * <pre>
 * unary f:        dx = dy * f'(x)                        (one UnaryGrad kernel, see Kernels.unaryGrad)
 * a + b:          da = dy,            db = dy
 * a - b:          da = dy,            db = -dy
 * a * b:          da = dy * b,        db = a * dy
 * a / b:          da = dy / b,        db = dy * ((-a / b) / b)
 * maximum(a, b):  da = a >= b ? dy : 0,  db = the rest    (minimum: a <= b)
 * bias_add(x, c): dx = dy,            dc = sum of dy over every axis but the last
 * </pre>
 */
final class ElementwiseGradients implements GradientFamily {

  @Override
  public boolean differentiate(Node node, Node dy, Backprop b) {
    if (node.op() instanceof Op.Unary u) {
      if (b.needs(0)) {
        b.contribute(0, b.op(u.kind().tfName() + "Grad", new Op.UnaryGrad(u.kind()), node.input(0).type(),
            node.input(0), node, dy));
      }
      return true;
    }
    if (node.op() instanceof Op.Binary bin) {
      binary(node, bin.kind(), dy, b);
      return true;
    }
    if (node.op() instanceof Op.BiasAdd) {
      if (b.needs(0)) {
        b.contribute(0, dy);
      }
      if (b.needs(1)) {
        int rank = dy.type().rank();
        int[] axes = java.util.stream.IntStream.range(0, rank - 1).toArray();
        b.contribute(1, b.op("BiasAddGrad", new Op.Reduce(org.staticflow.processor.ir.ReduceKind.SUM, axes, false), dy));
      }
      return true;
    }
    return false;
  }

  private static void binary(Node node, BinaryKind kind, Node dy, Backprop b) {
    Node x = node.input(0);
    Node y = node.input(1);
    switch (kind) {
      case ADD, SUB -> {
        if (b.needs(0)) {
          b.contribute(0, b.sumTo(dy, x));
        }
        if (b.needs(1)) {
          Node sum = b.sumTo(dy, y);
          b.contribute(1, kind == BinaryKind.ADD ? sum : b.negate(sum));
        }
      }
      case MUL -> {
        if (b.needs(0)) {
          b.contribute(0, b.sumTo(b.op("Mul", new Op.Binary(BinaryKind.MUL), dy, y), x));
        }
        if (b.needs(1)) {
          b.contribute(1, b.sumTo(b.op("Mul", new Op.Binary(BinaryKind.MUL), x, dy), y));
        }
      }
      case DIV -> {
        if (b.needs(0)) {
          b.contribute(0, b.sumTo(b.op("RealDiv", new Op.Binary(BinaryKind.DIV), dy, y), x));
        }
        if (b.needs(1)) {
          Node quotient = b.op("RealDiv", new Op.Binary(BinaryKind.DIV), b.negate(x), y);
          Node twice = b.op("RealDiv", new Op.Binary(BinaryKind.DIV), quotient, y);
          b.contribute(1, b.sumTo(b.op("Mul", new Op.Binary(BinaryKind.MUL), dy, twice), y));
        }
      }
      case MAXIMUM, MINIMUM -> {
        for (int operand = 0; operand < 2; operand++) {
          if (b.needs(operand)) {
            Node routed = b.op("Select", new Op.ExtremumGrad(kind, operand), dy.type(), x, y, dy);
            b.contribute(operand, b.sumTo(routed, node.input(operand)));
          }
        }
      }
    }
  }
}
