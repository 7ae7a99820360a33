package org.staticflow.processor.codegen;

import java.util.HashSet;
import java.util.Set;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * Decides where each variable's gradient lives. {@code gradients()} must hand out the same tensors for the
 * life of the model, so a gradient is kept in a buffer allocated once with the model: the gradient node's own
 * buffer when the node computes into a buffer of its own that no other variable's gradient shares ("owned"),
 * otherwise a separate buffer that the backward pass copies into (a view, a constant, a node shared by two
 * variables such as the {@code dy} of {@code v + w}) or that stays zero (no gradient path).
 */
record GradientBuffers(Set<Node> owned) {

  static GradientBuffers plan(Graph graph) {
    Set<Node> owned = new HashSet<>();
    Set<Node> claimed = new HashSet<>();
    for (Node node : graph.gradients().values()) {
      if (node == null || !claimed.add(node)) {
        continue;
      }
      Op op = node.op();
      boolean ownBuffer = !(op instanceof Op.Const || op instanceof Op.Variable || op instanceof Op.Placeholder
          || op instanceof Op.Reshape || op instanceof Op.Identity || op instanceof Op.StopGradient);
      if (ownBuffer && !node.type().hasBatch()) {
        owned.add(node);
      }
    }
    return new GradientBuffers(java.util.Collections.unmodifiableSet(owned));
  }
}
