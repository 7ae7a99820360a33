package org.staticflow.processor.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;

/**
 * Proves a buffer assignment safe by running the step symbolically: slots hold the name of the value last written
 * to them, and every read must find the value it expects. It checks the plan independently of how
 * {@link BufferAssignment} computed lifetimes, and runs on every model the processor compiles, so a wrong
 * assignment is a compiler bug reported at compile time, never a silently wrong gradient.
 */
final class BufferCheck {
  private BufferCheck() {}

  /**
   * @throws IllegalStateException naming the value and the kernel, if a kernel would read a value whose slot was
   *     overwritten, or write into a slot its other inputs still occupy (other than the in-place operand)
   */
  static void verify(Graph graph, Fusion fusion, BufferAssignment buffers) {
    Map<Integer, Node> holder = new HashMap<>();
    List<Node> order = new ArrayList<>();
    for (Node node : graph.nodes()) {
      if (!graph.isBackward(node)) {
        order.add(node);
      }
    }
    for (Node node : graph.nodes()) {
      if (graph.isBackward(node)) {
        order.add(node);
      }
    }
    for (Node node : order) {
      if (!runs(node, fusion)) {
        continue;
      }
      List<Node> reads = reads(node, fusion);
      for (Node input : reads) {
        Integer slot = buffers.slot(input);
        if (slot != null && holder.get(slot) != BufferAssignment.root(input)) {
          throw new IllegalStateException("buffer plan: " + node.name() + " reads " + input.name() + " from slot " + slot
              + " after " + (holder.get(slot) == null ? "nothing" : holder.get(slot).name()) + " was written there");
        }
      }
      List<Node> writes = new ArrayList<>(List.of(node));
      Node sums = fusion.columnSumsOf().get(node);
      if (sums != null) {
        writes.add(sums);
      }
      if (sums != null && buffers.slot(sums) != null && buffers.slot(sums).equals(buffers.slot(node))) {
        throw new IllegalStateException("buffer plan: " + node.name() + " and " + sums.name() + " share a slot");
      }
      for (Node output : writes) {
        Integer slot = buffers.slot(output);
        if (slot == null) {
          continue;
        }
        for (Node input : reads) {
          if (slot.equals(buffers.slot(input)) && !mayAlias(node, input, fusion)) {
            throw new IllegalStateException("buffer plan: " + output.name() + " would overwrite its input "
                + input.name() + " (slot " + slot + ") while its kernel reads it");
          }
        }
        holder.put(slot, output);
      }
    }
  }

  /** Whether {@code node} has a kernel call of its own (not an input, variable, constant, view or fused node). */
  static boolean runs(Node node, Fusion fusion) {
    Op op = node.op();
    return !(op instanceof Op.Placeholder || op instanceof Op.Variable || op instanceof Op.Const)
        && !BufferAssignment.isView(node) && !fusion.isElided(node) && fusion.computedWith(node) == null;
  }

  /** The values the kernel of {@code node} reads, after fusion. */
  static List<Node> reads(Node node, Fusion fusion) {
    Node bias = fusion.biasOf().get(node);
    if (bias != null) {
      return bias.inputs();
    }
    List<Node> reads = new ArrayList<>();
    for (Node input : node.inputs()) {
      if (fusion.isFusedBias(input)) {
        // A gradient of a fused activation reads the activation's output in place of the elided sum.
        reads.add(node.input(1));
      } else if (fusion.productOf().get(node) == input) {
        // A sum with its product fused in reads the product's factors.
        reads.addAll(input.inputs());
      } else {
        reads.add(input);
      }
    }
    return reads;
  }

  /** Whether the kernel of {@code node} may write its output over {@code input} (its contract allows it). */
  static boolean mayAlias(Node node, Node input, Fusion fusion) {
    Node operand = inPlaceOperand(node, fusion);
    return operand != null && BufferAssignment.root(input) == BufferAssignment.root(operand);
  }

  /** The operand a kernel may overwrite with its output, or null. */
  static Node inPlaceOperand(Node node, Fusion fusion) {
    Node bias = fusion.biasOf().get(node);
    if (bias != null) {
      return bias.input(1 - Fusion.biasRow(bias));
    }
    Node product = fusion.productOf().get(node);
    if (product != null) {
      return node.input(node.input(0) == product ? 1 : 0);
    }
    if (node.op() instanceof Op.Unary) {
      return node.input(0);
    }
    if (node.op() instanceof Op.UnaryGrad) {
      return node.input(2);
    }
    return null;
  }
}
