package org.staticflow.runtime.graph.export;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.proto.AttrValue;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.TensorName;
import org.staticflow.runtime.graph.TensorProtoCodec;
import org.staticflow.runtime.graph.VariableNodes;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Freezes a graph as TF1's {@code convert_variables_to_constants} does: keeps only the nodes the output
 * nodes need (through data and control inputs), turns every variable node into a {@code Const} of the
 * same name holding its value, and resource reads ({@code ReadVariableOp}) into {@code Identity}. The
 * {@code /read} identities stay, so tensor names such as {@code layer1/weights/read:0} are unchanged.
 */
public final class GraphFreezer {
  private GraphFreezer() {}

  /**
   * The frozen graph.
   *
   * @param variables variable values by variable name (checkpoint key)
   * @param outputNodes the nodes (or {@code node:k} tensors) to keep with their ancestors
   * @throws GraphException if an output or an input names no node, or a kept variable has no value
   */
  public static GraphDef freeze(GraphDef graph, Map<String, ? extends Tensor> variables, List<String> outputNodes) {
    Map<String, NodeDef> byName = new HashMap<>();
    for (NodeDef node : graph.getNodeList()) {
      byName.put(node.getName(), node);
    }
    Set<String> keep = new HashSet<>();
    Deque<String> work = new ArrayDeque<>();
    for (String output : outputNodes) {
      String name = TensorName.parse(output).node();
      if (!byName.containsKey(name)) {
        throw new GraphException("output node '" + output + "' is not in the graph");
      }
      if (keep.add(name)) {
        work.push(name);
      }
    }
    while (!work.isEmpty()) {
      NodeDef node = byName.get(work.pop());
      for (String input : node.getInputList()) {
        String name = TensorName.parse(input).node();
        if (!byName.containsKey(name)) {
          throw new GraphException("node '" + node.getName() + "' (" + node.getOp() + "): input '" + input + "' is not in the graph");
        }
        if (keep.add(name)) {
          work.push(name);
        }
      }
    }
    GraphDef.Builder frozen = GraphDef.newBuilder();
    if (graph.hasVersions()) {
      frozen.setVersions(graph.getVersions());
    }
    if (graph.hasLibrary()) {
      frozen.setLibrary(graph.getLibrary());
    }
    for (NodeDef node : graph.getNodeList()) {
      if (keep.contains(node.getName())) {
        frozen.addNode(freezeNode(node, variables, keep));
      }
    }
    return frozen.build();
  }

  private static NodeDef freezeNode(NodeDef node, Map<String, ? extends Tensor> variables, Set<String> keep) {
    String op = node.getOp();
    if (VariableNodes.isVariable(node)) {
      String key = VariableNodes.checkpointKey(node);
      Tensor value = variables.get(key);
      if (value == null) {
        throw new GraphException("variable '" + key + "' (node '" + node.getName() + "', " + op + ") has no value to freeze");
      }
      return NodeDef.newBuilder()
          .setName(node.getName())
          .setOp("Const")
          .setDevice(node.getDevice())
          .putAttr("dtype", AttrValue.newBuilder().setTypeValue(value.dataType().number()).build())
          .putAttr("value", AttrValue.newBuilder().setTensor(TensorProtoCodec.encode(value)).build())
          .build();
    }
    NodeDef.Builder copy = node.toBuilder();
    if (op.equals("ReadVariableOp")) {
      copy.setOp("Identity").clearAttr().putAttr("T", node.getAttrOrThrow("dtype"));
    }
    AttrValue colocation = node.getAttrMap().get("_class");
    if (colocation != null) {
      // Colocation with a node that is gone would make TensorFlow's importer refuse the graph.
      AttrValue.ListValue.Builder kept = AttrValue.ListValue.newBuilder();
      for (com.google.protobuf.ByteString entry : colocation.getList().getSList()) {
        String text = entry.toStringUtf8();
        if (!text.startsWith("loc:@") || keep.contains(text.substring(5))) {
          kept.addS(entry);
        }
      }
      if (kept.getSCount() == 0) {
        copy.removeAttr("_class");
      } else {
        copy.putAttr("_class", AttrValue.newBuilder().setList(kept).build());
      }
    }
    return copy.build();
  }
}
