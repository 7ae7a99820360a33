package org.staticflow.processor.passes.autodiff;

import org.staticflow.processor.ir.Node;

/** The gradient rules of one family of ops. */
interface GradientFamily {

  /**
   * If {@code node}'s op belongs to this family, hands the gradients of its inputs that need one to
   * {@link Backprop#contribute}, given {@code dy}, the gradient of its output, and returns true.
   */
  boolean differentiate(Node node, Node dy, Backprop b);
}
