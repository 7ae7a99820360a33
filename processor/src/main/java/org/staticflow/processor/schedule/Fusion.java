package org.staticflow.processor.schedule;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.ReduceKind;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.UnaryKind;

/**
 * Decides which element-wise tails of a layer run as one fused kernel instead of one pass per node. The IR
 * is left as it is (graph export still sees TensorFlow's ops); only the kernel calls change:
 *
 * <ul>
 *   <li><b>bias + activation</b> (forward): {@code y = act(x + bias)}, an {@code Add} or {@code BiasAdd} of a
 *       bias row read by nothing but the activation, runs as one {@code biasActivation} pass, and the sum is
 *       never stored ({@linkplain #isElided elided}). The activation's gradient, if any, then reads the
 *       activation's output instead of the sum, which is exact for the activations whose derivative is a
 *       function of their output ({@link #OUTPUT_DERIVATIVES}: {@code x > 0} exactly when {@code relu(x) > 0},
 *       {@code 0 < x < 6} exactly when {@code 0 < relu6(x) < 6}, the others read only the output), as
 *       TensorFlow's own {@code ReluGrad(dy, y)} does.
 *   <li><b>activation gradient + bias gradient</b> (backward): {@code dx = act'(dy)} and the bias gradient
 *       {@code sum(dx)} over every axis but the last run as one {@code unaryGradColumnSums} pass.
 *   <li><b>scaled sum</b>: {@code x * s + y} with {@code s} a one-element tensor, {@code x} and {@code y} of the
 *       sum's shape, and the product read by nothing but the sum, runs as one {@code scaledAdd} pass and the
 *       product is never stored. This is the L2 regulariser's gradient {@code w * (scale * dLoss) + dW} in the
 *       backward pass, one pass over the weights instead of two.
 * </ul>
 *
 * The fused kernels are bit-for-bit the composition they replace (the scaled sum rounds the product before
 * adding, as two kernels do), so fusion never changes a result.
 *
 * @param biasOf the bias add fused into each activation
 * @param columnSumsOf the bias-gradient reduction computed with each activation gradient
 * @param productOf the scaled product fused into each sum
 */
public record Fusion(Map<Node, Node> biasOf, Map<Node, Node> columnSumsOf, Map<Node, Node> productOf) {
  /** Activations whose derivative can be computed from their output alone. */
  public static final Set<UnaryKind> OUTPUT_DERIVATIVES = Collections.unmodifiableSet(java.util.EnumSet.of(
      UnaryKind.RELU, UnaryKind.RELU6, UnaryKind.SIGMOID, UnaryKind.TANH, UnaryKind.EXP, UnaryKind.SQRT,
      UnaryKind.NEG));

  /** Plans the fusions of {@code graph}; {@code visible} nodes (outputs, losses, gradients) are never elided. */
  public static Fusion plan(Graph graph, Set<Node> visible) {
    Map<Node, List<Node>> consumers = consumers(graph);
    Map<Node, Node> biasOf = new HashMap<>();
    Map<Node, Node> columnSumsOf = new HashMap<>();
    for (Node node : graph.nodes()) {
      if (node.op() instanceof Op.Unary unary && node.type().dtype() == DType.FLOAT32) {
        Node add = node.input(0);
        if (!visible.contains(add) && graph.isBackward(add) == graph.isBackward(node) && biasRow(add) >= 0
            && onlyFeeds(add, node, unary.kind(), consumers.getOrDefault(add, List.of()))) {
          biasOf.put(node, add);
        }
      } else if (node.op() instanceof Op.Reduce reduce && reduce.kind() == ReduceKind.SUM) {
        Node gradient = node.input(0);
        if (gradient.op() instanceof Op.UnaryGrad && graph.isBackward(node) && graph.isBackward(gradient)
            && gradient.type().dtype() == DType.FLOAT32 && reducesLeadingAxes(reduce, gradient.type())
            && !columnSumsOf.containsKey(gradient)) {
          columnSumsOf.put(gradient, node);
        }
      }
    }
    Map<Node, Node> productOf = new HashMap<>();
    for (Node node : graph.nodes()) {
      Node product = scaledProduct(node, graph, visible, consumers);
      if (product != null && !biasOf.containsValue(node)) {
        productOf.put(node, product);
      }
    }
    return new Fusion(Collections.unmodifiableMap(biasOf), Collections.unmodifiableMap(columnSumsOf),
        Collections.unmodifiableMap(productOf));
  }

  /** Whether {@code node} (a bias add fused into its activation, or a product fused into a sum) is never computed or stored. */
  public boolean isElided(Node node) {
    return biasOf.containsValue(node) || productOf.containsValue(node);
  }

  /** The node whose kernel computes the {@linkplain #isElided elided} {@code node}, or null. */
  public Node fusedInto(Node node) {
    for (Map<Node, Node> fused : List.of(biasOf, productOf)) {
      for (Map.Entry<Node, Node> entry : fused.entrySet()) {
        if (entry.getValue() == node) {
          return entry.getKey();
        }
      }
    }
    return null;
  }

  /** Whether {@code node} is a bias add fused into its activation (its gradient reads the activation's output). */
  public boolean isFusedBias(Node node) {
    return biasOf.containsValue(node);
  }

  /**
   * The product {@code x * s} that {@code add}, a float {@code ADD} of it and a tensor of the sum's shape, can
   * compute in its own pass: {@code s} a one-element tensor, {@code x} of the sum's shape, the product read only
   * by {@code add}, not visible, and on the same side (forward or backward). Null if there is none.
   */
  private static Node scaledProduct(Node add, Graph graph, Set<Node> visible, Map<Node, List<Node>> consumers) {
    if (!(add.op() instanceof Op.Binary sum && sum.kind() == BinaryKind.ADD) || add.type().dtype() != DType.FLOAT32) {
      return null;
    }
    for (int side = 0; side < 2; side++) {
      Node product = add.input(side);
      Node other = add.input(1 - side);
      if (product.op() instanceof Op.Binary mul && mul.kind() == BinaryKind.MUL && product != other
          && !visible.contains(product) && graph.isBackward(product) == graph.isBackward(add)
          && consumers.getOrDefault(product, List.of()).equals(List.of(add))
          && sameShape(other, add) && scaleOperand(product, add) >= 0) {
        return product;
      }
    }
    return null;
  }

  /**
   * The position of the one-element factor of {@code product} whose other factor has {@code sum}'s shape, or -1.
   */
  public static int scaleOperand(Node product, Node sum) {
    for (int scale = 1; scale >= 0; scale--) {
      TensorType s = product.input(scale).type();
      if (s.dtype() == DType.FLOAT32 && !s.hasBatch() && s.staticElements() == 1 && sameShape(product.input(1 - scale), sum)) {
        return scale;
      }
    }
    return -1;
  }

  private static boolean sameShape(Node a, Node b) {
    return a.type().dtype() == b.type().dtype() && Arrays.equals(a.type().dims(), b.type().dims());
  }

  /** The activation gradient that computes {@code reduction} in the same pass, or null. */
  public Node computedWith(Node reduction) {
    for (Map.Entry<Node, Node> entry : columnSumsOf.entrySet()) {
      if (entry.getValue() == reduction) {
        return entry.getKey();
      }
    }
    return null;
  }

  /**
   * The position of the bias among the inputs of {@code add} (an {@code Add} or {@code BiasAdd} of a full
   * tensor and a row as long as its last axis), or -1 if it is not such a sum.
   */
  public static int biasRow(Node add) {
    boolean sum = add.op() instanceof Op.BiasAdd
        || add.op() instanceof Op.Binary binary && binary.kind() == BinaryKind.ADD;
    TensorType t = add.type();
    if (!sum || t.dtype() != DType.FLOAT32 || t.rank() < 1) {
      return -1;
    }
    for (int bias = 1; bias >= 0; bias--) {
      TensorType full = add.input(1 - bias).type();
      TensorType row = add.input(bias).type();
      if (Arrays.equals(full.dims(), t.dims()) && row.rank() == 1 && row.dim(0) == t.dim(t.rank() - 1)
          && row.dim(0) != TensorType.BATCH) {
        return bias;
      }
      if (add.op() instanceof Op.BiasAdd) {
        return -1; // BiasAdd's bias is always its second input
      }
    }
    return -1;
  }

  /**
   * Whether the only readers of {@code add} are {@code activation} and gradients of that activation that may read
   * its output instead.
   */
  private static boolean onlyFeeds(Node add, Node activation, UnaryKind kind, List<Node> readers) {
    for (Node reader : readers) {
      boolean gradient = reader.op() instanceof Op.UnaryGrad g && g.kind() == kind
          && OUTPUT_DERIVATIVES.contains(kind) && reader.input(0) == add && reader.input(1) == activation
          && reader.input(2) != add;
      if (reader != activation && !gradient) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code reduce} sums over every axis of {@code input} but the last (a bias gradient). */
  private static boolean reducesLeadingAxes(Op.Reduce reduce, TensorType input) {
    int rank = input.rank();
    return rank >= 2 && Arrays.equals(reduce.axes(), IntStream.range(0, rank - 1).toArray());
  }

  private static Map<Node, List<Node>> consumers(Graph graph) {
    Map<Node, List<Node>> consumers = new HashMap<>();
    for (Node node : graph.nodes()) {
      for (Node input : node.inputs()) {
        consumers.computeIfAbsent(input, k -> new java.util.ArrayList<>()).add(node);
      }
    }
    return consumers;
  }
}
