package org.staticflow.processor.passes.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.VariableDef;

/**
 * Reverse-mode differentiation of a model's losses. Adds to the graph, in the forward pass, the total loss
 * TensorFlow 1.x minimises,
 *
 * <pre>
 * total_loss = (loss_1 + ... + loss_n) + AddN(scale_v * l2_loss(v) for every v with regularizer l2(scale_v))
 * </pre>
 *
 * ({@code loss + tf.add_n(tf.get_collection("losses"))}), then, in the backward pass, one sweep in reverse
 * topological order from {@code d total_loss / d total_loss = 1}: the gradient of each node is the sum of the
 * contributions of its consumers ({@code AddN}), and its op's rule turns it into contributions to its inputs.
 * Only edges that carry a gradient ({@link Differentiability}) from nodes that depend on a trainable variable
 * are followed, so non-trainable variables and inputs get no gradient code. The gradient of each trainable
 * variable is recorded with {@link Graph#setGradient}.
 */
public final class Differentiation {
  private static final List<GradientFamily> FAMILIES = List.of(
      new ElementwiseGradients(), new MatMulGradients(), new ShapeGradients(), new ReductionGradients(),
      new NeuralNetGradients(), new LossGradients());

  private Differentiation() {}

  /**
   * Differentiates {@code graph} in place if it has losses.
   *
   * @param lossLocations where each {@code @Loss} member is declared, by member name, for diagnostics
   * @throws CompileError {@code LossNotTrainable} or {@code NoGradient} for a loss that training cannot change
   */
  public static void run(Graph graph, Map<String, Location> lossLocations) {
    if (graph.losses().isEmpty()) {
      return;
    }
    Set<Node> needsGradient = needsGradient(graph);
    for (String loss : graph.losses()) {
      check(graph, loss, graph.outputs().get(loss), needsGradient, lossLocations.get(loss));
    }
    Node total = totalLoss(graph);
    graph.setTotalLoss(total);
    needsGradient = needsGradient(graph);

    List<Node> forward = List.copyOf(graph.nodes());
    graph.beginBackward();
    Backprop backprop = new Backprop(graph, needsGradient);
    backprop.seed(total, graph.add(graph.uniqueName("gradients/Fill"), new Op.Const(1.0), List.of(), total.type()));
    java.util.HashMap<VariableDef, Node> gradients = new java.util.HashMap<>();
    for (int i = forward.size() - 1; i >= 0; i--) {
      Node node = forward.get(i);
      Node dy = backprop.gradientOf(node);
      if (dy == null) {
        continue;
      }
      if (node.op() instanceof Op.Variable v) {
        gradients.put(v.variable(), dy);
        graph.note(dy, "d loss / d " + v.variable().name());
        continue;
      }
      backprop.at(node);
      boolean handled = false;
      for (GradientFamily family : FAMILIES) {
        if (family.differentiate(node, dy, backprop)) {
          handled = true;
          break;
        }
      }
      if (!handled) {
        throw new IllegalStateException("no gradient rule for " + node);
      }
    }
    for (VariableDef variable : graph.variables()) {
      if (isTrainable(variable)) {
        graph.setGradient(variable, gradients.get(variable));
      }
    }
  }

  private static boolean isTrainable(VariableDef variable) {
    return variable.trainable() && variable.type().dtype() == DType.FLOAT32;
  }

  /** The nodes with a gradient-carrying path from a trainable variable. */
  private static Set<Node> needsGradient(Graph graph) {
    Set<Node> needs = new HashSet<>();
    for (Node node : graph.nodes()) {
      if (node.op() instanceof Op.Variable v) {
        if (isTrainable(v.variable())) {
          needs.add(node);
        }
        continue;
      }
      for (int i = 0; i < node.inputs().size(); i++) {
        if (Differentiability.passes(node, i) && needs.contains(node.input(i))) {
          needs.add(node);
          break;
        }
      }
    }
    return needs;
  }

  /** Rejects a loss that has no gradient with respect to any trainable variable. */
  private static void check(Graph graph, String member, Node loss, Set<Node> needsGradient, Location location) {
    if (needsGradient.contains(loss)) {
      return;
    }
    // The gradient stops somewhere: find the first cut edge behind which a trainable variable lies.
    Deque<Node> work = new ArrayDeque<>(List.of(loss));
    Set<Node> seen = new HashSet<>();
    while (!work.isEmpty()) {
      Node node = work.pop();
      if (!seen.add(node)) {
        continue;
      }
      for (int i = 0; i < node.inputs().size(); i++) {
        if (Differentiability.passes(node, i) || node.input(i).type().dtype() != DType.FLOAT32) {
          // An integer or boolean value has no gradient anyway; the cut is where a float value lost it.
          work.add(node.input(i));
        } else {
          VariableDef variable = trainableBehind(node.input(i));
          if (variable != null) {
            throw new CompileError(DiagnosticId.NoGradient,
                Messages.noGradient(member, Differentiability.functionName(node, i), variable.name()), location);
          }
        }
      }
    }
    throw new CompileError(DiagnosticId.LossNotTrainable, Messages.lossNotTrainable(member), location);
  }

  /** A trainable variable that {@code start} depends on through any edges, or null. */
  private static VariableDef trainableBehind(Node start) {
    Deque<Node> work = new ArrayDeque<>(List.of(start));
    Set<Node> seen = new HashSet<>();
    while (!work.isEmpty()) {
      Node node = work.pop();
      if (!seen.add(node)) {
        continue;
      }
      if (node.op() instanceof Op.Variable v && isTrainable(v.variable())) {
        return v.variable();
      }
      work.addAll(node.inputs());
    }
    return null;
  }

  /** Builds {@code loss + add_n(regularization losses)} in the forward pass. */
  private static Node totalLoss(Graph graph) {
    TensorType scalar = new TensorType(DType.FLOAT32);
    Node sum = null;
    for (String member : graph.losses()) {
      Node loss = graph.outputs().get(member);
      sum = sum == null ? loss : graph.add(graph.uniqueName("add"), new Op.Binary(BinaryKind.ADD), List.of(sum, loss), scalar);
    }
    List<Node> regularizers = new ArrayList<>();
    for (VariableDef variable : graph.variables()) {
      if (variable.l2Scale() != 0 && variable.type().dtype() == DType.FLOAT32) {
        Node value = graph.nodes().stream()
            .filter(n -> n.op() instanceof Op.Variable v && v.variable() == variable).findFirst().orElseThrow();
        // tf.contrib.layers.l2_regularizer(scale)(v), created by get_variable in scope <v>/Regularizer.
        String scope = variable.name() + "/Regularizer/l2_regularizer";
        Node scale = graph.add(graph.uniqueName(scope + "/scale"), new Op.Const(variable.l2Scale()), List.of(), scalar);
        Node l2 = graph.add(graph.uniqueName(scope + "/L2Loss"), new Op.L2Loss(), List.of(value), scalar);
        regularizers.add(graph.add(graph.uniqueName(scope), new Op.Binary(BinaryKind.MUL), List.of(scale, l2), scalar));
      }
    }
    if (regularizers.isEmpty()) {
      return sum;
    }
    Node penalty = regularizers.get(0);
    for (int i = 1; i < regularizers.size(); i++) {
      penalty = graph.add(graph.uniqueName("AddN"), new Op.Binary(BinaryKind.ADD), List.of(penalty, regularizers.get(i)), scalar);
    }
    return graph.add(graph.uniqueName("total_loss"), new Op.Binary(BinaryKind.ADD), List.of(sum, penalty), scalar);
  }
}
