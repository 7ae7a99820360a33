package org.staticflow.processor.graphimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.staticflow.processor.graphimport.NodeAttrs.GraphError;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.ReduceKind;
import org.staticflow.processor.ir.UnaryKind;
import org.staticflow.processor.passes.ReshapeRule;
import org.staticflow.proto.NodeDef;

/**
 * The table from TensorFlow op types to IR operations: reads each op's attributes and constant arguments
 * (with TensorFlow's defaults) and builds the equivalent node.
 */
final class ImportedOps {
  /** Ops that pass their input through unchanged at inference time; they become aliases, not nodes. */
  static final Set<String> ALIASES = Set.of("Identity", "StopGradient", "PreventGradient", "Snapshot");

  /** Every op type the compiler imports. */
  static final Set<String> SUPPORTED = Set.of(
      "Placeholder", "Const", "Identity", "StopGradient", "PreventGradient", "Snapshot", "Shape",
      "Neg", "Square", "Sqrt", "Exp", "Log", "Abs", "Relu", "Relu6", "Sigmoid", "Tanh",
      "Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "Maximum", "Minimum", "BiasAdd", "MatMul",
      "Softmax", "LogSoftmax", "Reshape", "Squeeze", "Transpose", "ConcatV2", "Sum", "Mean", "Max",
      "ArgMax", "Equal", "Cast", "OneHot", "Conv2D", "MaxPool", "AvgPool", "L2Loss",
      "SoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits");

  private final GraphDefLowering graph;

  ImportedOps(GraphDefLowering graph) {
    this.graph = graph;
  }

  /** Lowers one supported node whose inputs are lowered on demand. */
  Node lower(NodeDef node, NodeAttrs attrs) {
    String op = node.getOp();
    if (ALIASES.contains(op)) {
      return graph.value(node.getInput(0));
    }
    UnaryKind unary = unaryKind(op);
    if (unary != null) {
      return graph.add(node, new Op.Unary(unary), List.of(input(node, 0)));
    }
    BinaryKind binary = binaryKind(op);
    if (binary != null) {
      return graph.add(node, new Op.Binary(binary), List.of(input(node, 0), input(node, 1)));
    }
    return switch (op) {
      case "Const" -> constant(node);
      case "BiasAdd" -> {
        attrs.requireNhwc();
        yield graph.add(node, new Op.BiasAdd(), List.of(input(node, 0), input(node, 1)));
      }
      case "MatMul" -> graph.add(node, new Op.MatMul(attrs.bool("transpose_a", false), attrs.bool("transpose_b", false)),
          List.of(input(node, 0), input(node, 1)));
      case "Softmax", "LogSoftmax" -> graph.add(node, new Op.Softmax(op.equals("LogSoftmax")), List.of(input(node, 0)));
      case "Reshape" -> {
        Node x = input(node, 0);
        yield graph.add(node, new Op.Reshape(ReshapeRule.resolve(op, x.type(), graph.constant(node.getInput(1)).ints())),
            List.of(x));
      }
      case "Squeeze" -> squeeze(node, attrs);
      case "Transpose" -> graph.add(node, new Op.Transpose(graph.constant(node.getInput(1)).ints()), List.of(input(node, 0)));
      case "ConcatV2" -> concat(node);
      case "Sum", "Mean", "Max" -> reduce(node, attrs);
      case "ArgMax" -> argmax(node, attrs);
      case "Equal" -> graph.add(node, new Op.Equal(), List.of(input(node, 0), input(node, 1)));
      case "Cast" -> {
        Node x = input(node, 0);
        DType to = attrs.dtype("DstT", null);
        yield x.type().dtype() == to ? x : graph.add(node, new Op.Cast(to), List.of(x));
      }
      case "OneHot" -> oneHot(node, attrs);
      case "Conv2D" -> {
        attrs.requireNhwc();
        for (int d : attrs.ints("dilations", new int[] {1, 1, 1, 1})) {
          if (d != 1) {
            throw new GraphError("dilations are not supported; expected all 1");
          }
        }
        yield graph.add(node, new Op.Conv2D(attrs.ints("strides"), attrs.samePadding()),
            List.of(input(node, 0), input(node, 1)));
      }
      case "MaxPool", "AvgPool" -> {
        attrs.requireNhwc();
        yield graph.add(node, new Op.Pool(op.equals("MaxPool"), attrs.ints("ksize"), attrs.ints("strides"),
            attrs.samePadding()), List.of(input(node, 0)));
      }
      case "L2Loss" -> graph.add(node, new Op.L2Loss(), List.of(input(node, 0)));
      // TensorFlow's inputs are (features, labels); the IR's are labels then logits.
      case "SoftmaxCrossEntropyWithLogits" ->
          graph.add(node, new Op.SoftmaxCrossEntropy(), List.of(input(node, 1), input(node, 0)));
      case "SparseSoftmaxCrossEntropyWithLogits" ->
          graph.add(node, new Op.SparseSoftmaxCrossEntropy(), List.of(input(node, 1), input(node, 0)));
      case "Shape" -> throw new GraphError("Shape is supported only as the shape argument of Reshape");
      default -> throw new IllegalStateException(op + " is listed as supported but has no lowering");
    };
  }

  private Node input(NodeDef node, int index) {
    if (index >= node.getInputCount() || node.getInput(index).startsWith("^")) {
      throw new GraphError("expected at least " + (index + 1) + " inputs");
    }
    return graph.value(node.getInput(index));
  }

  private Node constant(NodeDef node) {
    ConstValue value = GraphDefLowering.decodeConst(node);
    if (value.isScalar()) {
      return graph.scalar(node, value.values()[0], value.dtype());
    }
    if (value.dtype() != DType.FLOAT32) {
      throw new GraphError("integer and bool constant tensors are supported only as shape and axis arguments");
    }
    return graph.embedded(node, value);
  }

  private Node squeeze(NodeDef node, NodeAttrs attrs) {
    Node x = input(node, 0);
    int rank = x.type().rank();
    Set<Integer> squeezed = new TreeSet<>();
    for (int axis : attrs.ints("squeeze_dims", new int[0])) {
      squeezed.add(normalise(axis, rank));
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      int d = x.type().dim(i);
      boolean squeeze = squeezed.isEmpty() ? d == 1 : squeezed.contains(i);
      if (squeeze && d != 1) {
        throw new GraphError("cannot squeeze dimension " + i + " of " + x.type().shapeString() + ": its size is not 1");
      }
      if (!squeeze) {
        kept.add(d);
      }
    }
    return graph.add(node, new Op.Reshape(kept.stream().mapToInt(Integer::intValue).toArray()), List.of(x));
  }

  private Node concat(NodeDef node) {
    List<String> refs = node.getInputList().stream().filter(ref -> !ref.startsWith("^")).toList();
    if (refs.size() < 2) {
      throw new GraphError("expected the tensors and then the axis");
    }
    List<Node> inputs = new ArrayList<>();
    for (String ref : refs.subList(0, refs.size() - 1)) {
      inputs.add(graph.value(ref));
    }
    int axis = normalise(scalarInt(refs.get(refs.size() - 1)), inputs.get(0).type().rank());
    return graph.add(node, new Op.Concat(axis), inputs);
  }

  private Node reduce(NodeDef node, NodeAttrs attrs) {
    Node x = input(node, 0);
    ReduceKind kind = switch (node.getOp()) {
      case "Sum" -> ReduceKind.SUM;
      case "Mean" -> ReduceKind.MEAN;
      default -> ReduceKind.MAX;
    };
    TreeSet<Integer> axes = new TreeSet<>();
    for (int axis : graph.constant(node.getInput(1)).ints()) {
      axes.add(normalise(axis, x.type().rank()));
    }
    return graph.add(node, new Op.Reduce(kind, axes.stream().mapToInt(Integer::intValue).toArray(),
        attrs.bool("keep_dims", false)), List.of(x));
  }

  private Node argmax(NodeDef node, NodeAttrs attrs) {
    Node x = input(node, 0);
    Node arg = graph.add(node, new Op.ArgMax(normalise(scalarInt(node.getInput(1)), x.type().rank())), List.of(x));
    DType to = attrs.dtype("output_type", DType.INT64);
    return to == DType.INT64 ? arg : graph.addHelper(node.getName() + "/Cast", new Op.Cast(to), List.of(arg));
  }

  private Node oneHot(NodeDef node, NodeAttrs attrs) {
    if (attrs.integer("axis", -1) != -1) {
      throw new GraphError("only axis -1 (a new last axis) is supported");
    }
    Node indices = input(node, 0);
    int depth = scalarInt(node.getInput(1));
    double on = graph.constant(node.getInput(2)).values()[0];
    double off = graph.constant(node.getInput(3)).values()[0];
    return graph.add(node, new Op.OneHot(depth, on, off), List.of(indices));
  }

  private int scalarInt(String ref) {
    int[] values = graph.constant(ref).ints();
    if (values.length != 1) {
      throw new GraphError("argument " + ref + " must be a single integer, found " + values.length + " values");
    }
    return values[0];
  }

  private static int normalise(int axis, int rank) {
    int normal = axis < 0 ? axis + rank : axis;
    if (normal < 0 || normal >= rank) {
      throw new GraphError("axis " + axis + " is out of range for rank " + rank);
    }
    return normal;
  }

  private static UnaryKind unaryKind(String op) {
    for (UnaryKind kind : UnaryKind.values()) {
      if (kind.tfName().equals(op)) {
        return kind;
      }
    }
    return null;
  }

  private static BinaryKind binaryKind(String op) {
    if (op.equals("AddV2")) {
      return BinaryKind.ADD;
    }
    if (op.equals("Div")) {
      return BinaryKind.DIV;
    }
    for (BinaryKind kind : BinaryKind.values()) {
      if (kind.tfName().equals(op)) {
        return kind;
      }
    }
    return null;
  }
}
