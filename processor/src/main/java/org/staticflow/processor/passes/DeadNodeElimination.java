package org.staticflow.processor.passes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
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
    Set<Node> live = new HashSet<>();
    Deque<Node> work = new ArrayDeque<>(graph.outputs().values());
    // Training keeps the total loss and the gradients alive.
    if (graph.totalLoss() != null) {
      work.add(graph.totalLoss());
    }
    graph.gradients().values().stream().filter(java.util.Objects::nonNull).forEach(work::add);
    for (Node node : graph.nodes()) {
      if (node.op() instanceof Op.Placeholder || node.op() instanceof Op.Variable) {
        work.add(node);
      }
    }
    while (!work.isEmpty()) {
      Node node = work.pop();
      if (live.add(node)) {
        work.addAll(node.inputs());
      }
    }
    int before = graph.nodes().size();
    List<Node> kept = graph.nodes().stream().filter(live::contains).toList();
    graph.retainNodes(kept);
    return before - kept.size();
  }
}
