package org.staticflow.processor.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * Removes nodes that no output or loss needs (for example a layer's parameterless output nobody reads is
 * still computed, since it is an output; but the intermediate nodes of an abandoned branch are not).
 * Placeholders and variables always stay: they are the model's interface and state; so do the total
 * loss and the gradients of a trainable model.
 */
public final class DeadNodeElimination {
  private DeadNodeElimination() {}

  /** Applies the pass in place; returns how many nodes were removed. */
  public static int run(Graph graph) {
    List<Node> roots = new ArrayList<>(graph.outputs().values());
    // Training keeps the total loss and the gradients alive.
    if (graph.totalLoss() != null) {
      roots.add(graph.totalLoss());
    }
    graph.gradients().values().stream().filter(java.util.Objects::nonNull).forEach(roots::add);
    for (Node node : graph.nodes()) {
      if (node.op() instanceof Op.Placeholder || node.op() instanceof Op.Variable) {
        roots.add(node);
      }
    }
    Set<Node> live = Graph.ancestors(roots);
    int before = graph.nodes().size();
    List<Node> kept = graph.nodes().stream().filter(live::contains).toList();
    graph.retainNodes(kept);
    return before - kept.size();
  }
}
