package org.staticflow.processor.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * Computes each distinct value once: a node with the same op, attributes and inputs as an earlier node
 * is replaced by it (the later name disappears, as TensorFlow's common-subgraph elimination drops it).
 * Placeholders, variables and dropout (which draws random numbers) are never merged.
 */
public final class CommonSubexpressionElimination {
  private CommonSubexpressionElimination() {}

  /** Applies the pass in place; returns how many nodes were merged into earlier ones. */
  public static int run(Graph graph) {
    Map<List<Object>, Node> seen = new HashMap<>();
    Map<Node, Node> replacements = new HashMap<>();
    for (Node node : graph.nodes()) {
      Op op = node.op();
      if (op instanceof Op.Placeholder || op instanceof Op.Variable || op instanceof Op.Dropout) {
        continue;
      }
      List<Object> key = new ArrayList<>();
      key.add(attributes(op));
      key.add(node.type());
      for (Node input : node.inputs()) {
        key.add(replacements.getOrDefault(input, input));
      }
      Node earlier = seen.putIfAbsent(key, node);
      if (earlier != null) {
        replacements.put(node, earlier);
      }
    }
    if (!replacements.isEmpty()) {
      graph.replace(replacements);
    }
    return replacements.size();
  }

  /** The op's identity for comparison: records compare arrays by reference, so arrays are unpacked. */
  private static List<Object> attributes(Op op) {
    List<Object> parts = new ArrayList<>();
    parts.add(op.getClass());
    for (var component : op.getClass().getRecordComponents()) {
      try {
        Object value = component.getAccessor().invoke(op);
        parts.add(value instanceof int[] ints ? Arrays.toString(ints) : value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component, e);
      }
    }
    return parts;
  }
}
