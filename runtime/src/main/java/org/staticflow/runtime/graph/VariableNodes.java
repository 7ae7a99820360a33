package org.staticflow.runtime.graph;

import org.staticflow.proto.NodeDef;

/** What TF1 graphs' variable nodes are, and under which checkpoint key their values are saved. */
public final class VariableNodes {
  private VariableNodes() {}

  /** {@code VariableV2}, the older {@code Variable}, or a resource variable's {@code VarHandleOp}. */
  public static boolean isVariable(NodeDef node) {
    String op = node.getOp();
    return op.equals("VariableV2") || op.equals("Variable") || op.equals("VarHandleOp");
  }

  /**
   * The checkpoint key of a variable node: its name, as TF1's Saver saves it, or a resource variable's
   * non-empty {@code shared_name}.
   */
  public static String checkpointKey(NodeDef node) {
    if (node.getOp().equals("VarHandleOp") && node.containsAttr("shared_name")) {
      String shared = node.getAttrOrThrow("shared_name").getS().toStringUtf8();
      if (!shared.isEmpty()) {
        return shared;
      }
    }
    return node.getName();
  }
}
