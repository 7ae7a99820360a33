package org.staticflow.processor.graphimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.discovery.GraphModelDecl;
import org.staticflow.processor.graphimport.NodeAttrs.GraphError;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Initializer;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.VariableDef;
import org.staticflow.processor.passes.InferenceError;
import org.staticflow.processor.passes.ShapeInference;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.proto.TensorShapeProto;

/**
 * Lowers the part of a frozen {@code GraphDef} that a graph model's outputs need into the IR. First the
 * whole needed subgraph is checked (every op supported, every placeholder fed), so that one diagnostic
 * lists every unsupported node; then nodes are lowered on demand from the outputs, keeping their
 * TensorFlow names. {@code Identity}-like nodes become aliases, float constant tensors become
 * non-trainable variables named after their nodes, and integer constants are read as the shape and axis
 * arguments of the ops that use them.
 */
public final class GraphDefLowering {
  private final GraphModelDecl decl;
  private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
  private final Graph graph = new Graph();
  private final Map<String, Node> lowered = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final List<float[]> weights = new ArrayList<>();
  private long weightCount;
  private final ImportedOps ops = new ImportedOps(this);

  private GraphDefLowering(GraphModelDecl decl, GraphDef def) {
    this.decl = decl;
    for (NodeDef node : def.getNodeList()) {
      if (nodes.put(node.getName(), node) != null) {
        throw error(node, "the graph has two nodes of this name");
      }
    }
  }

  /**
   * Lowers {@code def} for {@code decl}'s inputs and outputs.
   *
   * @throws CompileError on the annotation for an unknown node, an unfed placeholder, unsupported ops, or a
   *     node whose attributes or shapes the compiler rejects
   */
  public static ImportedGraph lower(GraphModelDecl decl, GraphDef def) {
    GraphDefLowering lowering = new GraphDefLowering(decl, def);
    lowering.checkSubgraph();
    lowering.lowerInputs();
    for (String output : decl.outputs()) {
      lowering.graph.addOutput(output, lowering.value(output), false);
    }
    float[] all = new float[Math.toIntExact(lowering.weightCount)];
    int at = 0;
    for (float[] w : lowering.weights) {
      System.arraycopy(w, 0, all, at, w.length);
      at += w.length;
    }
    return new ImportedGraph(lowering.graph, all);
  }

  /** Every node the outputs need: known, supported, and fed when it is a placeholder. */
  private void checkSubgraph() {
    for (String input : decl.inputs()) {
      NodeDef node = nodes.get(input);
      if (node == null) {
        throw new CompileError(DiagnosticId.UnknownName,
            Messages.unknownGraphNode("input", input, closest(input)), decl.inputsLocation());
      }
      if (!node.getOp().equals("Placeholder")) {
        throw new CompileError(DiagnosticId.InvalidGraph, Messages.notAPlaceholder(input, node.getOp()), decl.inputsLocation());
      }
    }
    Set<String> needed = new LinkedHashSet<>();
    List<String> unsupported = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (String output : decl.outputs()) {
      if (!nodes.containsKey(nodeName(output))) {
        throw new CompileError(DiagnosticId.UnknownName,
            Messages.unknownGraphNode("output", output, closest(output)), decl.outputsLocation());
      }
      pending.add(nodeName(output));
    }
    while (!pending.isEmpty()) {
      String name = pending.remove(pending.size() - 1);
      if (!needed.add(name) || decl.inputs().contains(name)) {
        continue;
      }
      NodeDef node = nodes.get(name);
      if (node.getOp().equals("Placeholder")) {
        throw new CompileError(DiagnosticId.InvalidGraph, Messages.unfedPlaceholder(name), decl.inputsLocation());
      }
      if (!ImportedOps.SUPPORTED.contains(node.getOp())) {
        unsupported.add(name + " (" + node.getOp() + ")");
      }
      for (String input : node.getInputList()) {
        if (input.startsWith("^")) {
          continue; // Control dependencies order side effects; a frozen inference graph has none to keep.
        }
        if (!nodes.containsKey(nodeName(input))) {
          throw error(node, "input " + input + " is not a node of the graph");
        }
        pending.add(nodeName(input));
      }
    }
    if (!unsupported.isEmpty()) {
      throw new CompileError(DiagnosticId.UnsupportedOp, Messages.unsupportedOps(unsupported), decl.graphLocation());
    }
    // Keep the graph's own names: reserve them before any helper node takes one.
    for (String name : needed) {
      graph.reserve(name);
    }
  }

  private void lowerInputs() {
    for (String input : decl.inputs()) {
      NodeDef node = nodes.get(input);
      NodeAttrs attrs = new NodeAttrs(node);
      TensorType type;
      try {
        type = new TensorType(attrs.dtype("dtype", null), placeholderDims(node));
      } catch (GraphError e) {
        throw error(node, e.getMessage());
      }
      graph.reserve(input);
      Node placeholder = graph.add(input, new Op.Placeholder(), List.of(), type);
      graph.addInput(input, placeholder);
      lowered.put(input, placeholder);
    }
  }

  private static int[] placeholderDims(NodeDef node) {
    if (!node.getAttrMap().containsKey("shape") || node.getAttrMap().get("shape").getShape().getUnknownRank()) {
      throw new GraphError("the shape is unknown; the compiler needs a static shape with at most the first"
          + " dimension unknown (the batch)");
    }
    TensorShapeProto shape = node.getAttrMap().get("shape").getShape();
    int[] dims = new int[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      long size = shape.getDim(i).getSize();
      if (size < 0 && i == 0) {
        dims[i] = TensorType.BATCH;
      } else if (size < 0) {
        throw new GraphError("dimension " + i + " is unknown; only the first dimension may be (the batch)");
      } else {
        dims[i] = Math.toIntExact(size);
      }
    }
    return dims;
  }

  /** The IR node computing tensor reference {@code ref} ({@code name} or {@code name:0}). */
  Node value(String ref) {
    String name = nodeName(ref);
    NodeDef node = nodes.get(name);
    if (outputIndex(ref) != 0) {
      throw error(node, "output " + ref + " is used; only the first output of a node is supported");
    }
    Node done = lowered.get(name);
    if (done != null) {
      return done;
    }
    if (!inProgress.add(name)) {
      throw new CompileError(DiagnosticId.InvalidGraph, Messages.graphCycle(name), decl.graphLocation());
    }
    Node result;
    try {
      result = ops.lower(node, new NodeAttrs(node));
    } catch (GraphError e) {
      throw error(node, e.getMessage());
    } catch (InferenceError e) {
      throw new CompileError(e.id(), Messages.graphNode(name, node.getOp(), e.getMessage()), decl.graphLocation());
    }
    inProgress.remove(name);
    lowered.put(name, result);
    return result;
  }

  /** The value of a constant argument ({@code Const}, through identities), for shape and axis arguments. */
  ConstValue constant(String ref) {
    NodeDef node = nodes.get(nodeName(ref));
    while (ImportedOps.ALIASES.contains(node.getOp())) {
      node = nodes.get(nodeName(node.getInput(0)));
    }
    if (node.getOp().equals("Shape")) {
      int[] dims = value(node.getInput(0)).type().dims();
      double[] values = new double[dims.length];
      for (int i = 0; i < dims.length; i++) {
        values[i] = dims[i];
      }
      return new ConstValue(DType.INT32, new int[] {dims.length}, values);
    }
    if (!node.getOp().equals("Const")) {
      throw new GraphError("argument " + ref + " must be a constant, found a " + node.getOp() + " node");
    }
    return decodeConst(node);
  }

  /** Decodes a {@code Const} node's value. */
  static ConstValue decodeConst(NodeDef node) {
    if (!node.getAttrMap().containsKey("value")) {
      throw new GraphError("Const has no value attribute");
    }
    try {
      return ConstValue.decode(node.getAttrMap().get("value").getTensor());
    } catch (IllegalArgumentException e) {
      throw new GraphError(e.getMessage());
    }
  }

  /** Appends a node named as in the graph, typing it by the shared type rules. */
  Node add(NodeDef node, Op op, List<Node> inputs) {
    TensorType type = ShapeInference.infer(node.getOp(), op, inputs.stream().map(Node::type).toList());
    return graph.add(node.getName(), op, inputs, type);
  }

  /** Appends a helper node that the graph does not have (e.g. a cast after {@code ArgMax}). */
  Node addHelper(String base, Op op, List<Node> inputs) {
    TensorType type = ShapeInference.infer(op.typeName(), op, inputs.stream().map(Node::type).toList());
    return graph.add(graph.uniqueName(base), op, inputs, type);
  }

  /** A scalar constant node. */
  Node scalar(NodeDef node, double value, DType dtype) {
    return graph.add(node.getName(), new Op.Const(value), List.of(), new TensorType(dtype));
  }

  /** A float constant tensor as a non-trainable variable whose value is embedded in the weights resource. */
  Node embedded(NodeDef node, ConstValue value) {
    float[] data = new float[value.values().length];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) value.values()[i];
    }
    TensorType type = new TensorType(DType.FLOAT32, value.dims());
    VariableDef variable = new VariableDef(node.getName(), type, new Initializer.Embedded(weightCount), false, 0, List.of());
    weights.add(data);
    weightCount += data.length;
    if (weightCount > Integer.MAX_VALUE - 8) {
      throw new GraphError("the graph's constants exceed 2^31 elements");
    }
    graph.addVariable(variable);
    return graph.add(node.getName(), new Op.Variable(variable), List.of(), type);
  }

  private CompileError error(NodeDef node, String problem) {
    return new CompileError(DiagnosticId.InvalidGraph, Messages.graphNode(node.getName(), node.getOp(), problem),
        decl.graphLocation());
  }

  /** The node name of a tensor reference: {@code conv/Relu:0} and {@code ^init} name {@code conv/Relu}, {@code init}. */
  static String nodeName(String ref) {
    String name = ref.startsWith("^") ? ref.substring(1) : ref;
    int colon = name.lastIndexOf(':');
    return colon >= 0 && name.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < name.length() - 1
        ? name.substring(0, colon) : name;
  }

  private static int outputIndex(String ref) {
    String name = nodeName(ref);
    return ref.length() > name.length() ? Integer.parseInt(ref.substring(name.length() + 1)) : 0;
  }

  /** The most similar node name (case-insensitive match, then shared suffix after the last '/'), or null. */
  private String closest(String wanted) {
    for (String name : nodes.keySet()) {
      if (name.equalsIgnoreCase(wanted)) {
        return name;
      }
    }
    String leaf = wanted.substring(wanted.lastIndexOf('/') + 1);
    for (String name : nodes.keySet()) {
      if (name.substring(name.lastIndexOf('/') + 1).equals(leaf)) {
        return name;
      }
    }
    return null;
  }

  /** Where diagnostics about the graph go. */
  Location location() {
    return decl.graphLocation();
  }
}
