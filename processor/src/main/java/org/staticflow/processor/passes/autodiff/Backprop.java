package org.staticflow.processor.passes.autodiff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.ReduceKind;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.UnaryKind;
import org.staticflow.processor.passes.ShapeInference;

/**
 * The state of one backward sweep and the tools gradient rules use: creating gradient nodes (named as
 * TensorFlow names them, {@code gradients/<forward node>_grad/<Op>}), reducing a broadcast gradient back to
 * an operand's shape, and handing a contribution to a forward node's input (contributions to one node are
 * summed before its own rule runs).
 */
final class Backprop {
  private final Graph graph;
  private final Set<Node> needsGradient;
  private final Map<Node, List<Node>> contributions = new HashMap<>();
  private Node forward;

  Backprop(Graph graph, Set<Node> needsGradient) {
    this.graph = graph;
    this.needsGradient = needsGradient;
  }

  /** Starts the rule of forward node {@code node}. */
  void at(Node node) {
    this.forward = node;
  }

  /** Whether input {@code index} of the current forward node needs a gradient (and its edge carries one). */
  boolean needs(int index) {
    return Differentiability.passes(forward, index) && needsGradient.contains(forward.input(index));
  }

  /** Adds {@code gradient} (of the shape of input {@code index}) to that input's gradient. */
  void contribute(int index, Node gradient) {
    Node input = forward.input(index);
    if (!java.util.Arrays.equals(gradient.type().dims(), input.type().dims())) {
      throw new IllegalStateException("gradient " + gradient + " does not fit input " + input + " of " + forward);
    }
    contributions.computeIfAbsent(input, n -> new ArrayList<>()).add(gradient);
    if (!(gradient.op() instanceof Op.Const) && graph.noteOf(gradient) == null) {
      graph.note(gradient, "d loss / d " + input.name() + ", through " + forward.name());
    }
  }

  /** Seeds the sweep: {@code gradient} is the gradient of {@code node}. */
  void seed(Node node, Node gradient) {
    contributions.computeIfAbsent(node, n -> new ArrayList<>()).add(gradient);
  }

  /**
   * The summed gradient of {@code node} ({@code AddN} of its contributions), or null when nothing reached it.
   */
  Node gradientOf(Node node) {
    List<Node> parts = contributions.remove(node);
    if (parts == null) {
      return null;
    }
    Node sum = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      sum = graph.add(graph.uniqueName("gradients/AddN"), new Op.Binary(org.staticflow.processor.ir.BinaryKind.ADD),
          List.of(sum, parts.get(i)), sum.type());
    }
    return sum;
  }

  /** A gradient node of the current forward node whose type follows from the op's type rule. */
  Node op(String opName, Op op, Node... inputs) {
    List<TensorType> types = new ArrayList<>();
    for (Node input : inputs) {
      types.add(input.type());
    }
    return op(opName, op, ShapeInference.infer(opName, op, types), inputs);
  }

  /** A gradient node of the current forward node with an explicit type. */
  Node op(String opName, Op op, TensorType type, Node... inputs) {
    return graph.add(graph.uniqueName("gradients/" + forward.name() + "_grad/" + opName), op, List.of(inputs), type);
  }

  /** A float32 scalar constant. */
  Node constant(String name, double value) {
    return graph.add(graph.uniqueName(name), new Op.Const(value), List.of(), new TensorType(DType.FLOAT32));
  }

  /** {@code -x}. */
  Node negate(Node x) {
    return op("Neg", new Op.Unary(UnaryKind.NEG), x);
  }

  /**
   * {@code gradient} (of the broadcast result shape) summed over the axes along which {@code operand} was
   * broadcast and reshaped to {@code operand}'s shape: TensorFlow's
   * {@code reshape(reduce_sum(grad, broadcast_gradient_args), shape(x))}.
   */
  Node sumTo(Node gradient, Node operand) {
    int[] out = gradient.type().dims();
    int[] target = operand.type().dims();
    if (java.util.Arrays.equals(out, target)) {
      return gradient;
    }
    int lead = out.length - target.length;
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      if (i < lead || (target[i - lead] == 1 && out[i] != 1)) {
        axes.add(i);
      }
    }
    Node sum = gradient;
    if (!axes.isEmpty()) {
      sum = op("Sum", new Op.Reduce(ReduceKind.SUM, axes.stream().mapToInt(Integer::intValue).toArray(), false), gradient);
    }
    if (!java.util.Arrays.equals(sum.type().dims(), target)) {
      sum = op("Reshape", new Op.Reshape(target), sum);
    }
    return sum;
  }
}
