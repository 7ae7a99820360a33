package org.staticflow.processor.schedule;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.VariableDef;

/**
 * Decides where each variable's gradient lives. {@code gradients()} must hand out the same tensors for the
 * life of the model, so a gradient is kept in a buffer allocated once with the model: the gradient node's own
 * buffer when the node computes into a buffer of its own and no earlier variable already uses it (the
 * variable "owns" the node), otherwise a separate buffer that the backward pass copies into (a view, a
 * constant, a node shared with another variable such as the {@code dy} of {@code v + w}) or that stays zero
 * (no gradient path).
 *
 * @param owned the gradient nodes whose buffers are allocated once, with the model
 * @param owners the variables whose gradient is their node's own buffer
 */
public record GradientBuffers(Set<Node> owned, Set<VariableDef> owners) {

  public static GradientBuffers plan(Graph graph) {
    Set<Node> owned = new HashSet<>();
    Set<VariableDef> owners = new HashSet<>();
    for (Map.Entry<VariableDef, Node> entry : graph.gradients().entrySet()) {
      Node node = entry.getValue();
      if (node == null || owned.contains(node)) {
        continue;
      }
      Op op = node.op();
      boolean ownBuffer = !(op instanceof Op.Const || op instanceof Op.Variable || op instanceof Op.Placeholder
          || BufferAssignment.isView(node));
      if (ownBuffer && !node.type().hasBatch()) {
        owned.add(node);
        owners.add(entry.getKey());
      }
    }
    return new GradientBuffers(Collections.unmodifiableSet(owned), Collections.unmodifiableSet(owners));
  }

  /** Whether {@code variable}'s gradient is its node's own buffer (no copy). */
  public boolean owns(VariableDef variable) {
    return owners.contains(variable);
  }
}
