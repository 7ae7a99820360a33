package org.staticflow.processor.passes.autodiff;

import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * {@code matmul(a, b, transpose_a, transpose_b)}, TensorFlow's {@code _MatMulGrad}: each gradient is one
 * product of {@code dy} with the other operand, transposed so that no transpose is materialised.
 *
 * <pre>
 * a @ b:        da = dy @ b^T      db = a^T @ dy
 * a @ b^T:      da = dy @ b        db = dy^T @ a
 * a^T @ b:      da = b @ dy^T      db = a @ dy
 * a^T @ b^T:    da = b^T @ dy^T    db = dy^T @ a^T
 * </pre>
 */
final class MatMulGradients implements GradientFamily {

  @Override
  public boolean differentiate(Node node, Node dy, Backprop b) {
    if (!(node.op() instanceof Op.MatMul m)) {
      return false;
    }
    Node a = node.input(0);
    Node w = node.input(1);
    boolean ta = m.transposeA();
    boolean tb = m.transposeB();
    if (b.needs(0)) {
      Node da;
      if (!ta && !tb) {
        da = b.op("MatMul", new Op.MatMul(false, true), dy, w);
      } else if (!ta) {
        da = b.op("MatMul", new Op.MatMul(false, false), dy, w);
      } else if (!tb) {
        da = b.op("MatMul", new Op.MatMul(false, true), w, dy);
      } else {
        da = b.op("MatMul", new Op.MatMul(true, true), w, dy);
      }
      b.contribute(0, da);
    }
    if (b.needs(1)) {
      Node db;
      if (!ta && !tb) {
        db = b.op("MatMul", new Op.MatMul(true, false), a, dy);
      } else if (!ta) {
        db = b.op("MatMul", new Op.MatMul(true, false), dy, a);
      } else if (!tb) {
        db = b.op("MatMul", new Op.MatMul(false, false), a, dy);
      } else {
        db = b.op("MatMul", new Op.MatMul(true, true), dy, a);
      }
      b.contribute(1, db);
    }
    return true;
  }
}
