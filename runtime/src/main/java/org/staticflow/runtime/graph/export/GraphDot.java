package org.staticflow.runtime.graph.export;

import org.staticflow.proto.GraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.runtime.graph.TensorName;

/**
 * A Graphviz DOT rendering of a {@code GraphDef}: one box per node labelled with its name and op type,
 * solid edges for data (labelled {@code :k} for outputs other than 0), dashed edges for control
 * dependencies; inputs ({@code Placeholder}) and state (variables, constants) drawn differently.
 */
public final class GraphDot {
  private GraphDot() {}

  public static String toDot(GraphDef graph) {
    StringBuilder dot = new StringBuilder("digraph graph_def {\n");
    dot.append("  rankdir=TB;\n");
    dot.append("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\", fontsize=10];\n");
    dot.append("  edge [fontname=\"Helvetica\", fontsize=8];\n");
    for (NodeDef node : graph.getNodeList()) {
      dot.append("  ").append(quote(node.getName())).append(" [label=").append(quote(node.getName() + "\n" + node.getOp()));
      String style = style(node.getOp());
      if (!style.isEmpty()) {
        dot.append(", ").append(style);
      }
      dot.append("];\n");
    }
    for (NodeDef node : graph.getNodeList()) {
      for (String input : node.getInputList()) {
        TensorName name = TensorName.parse(input);
        dot.append("  ").append(quote(name.node())).append(" -> ").append(quote(node.getName()));
        if (name.control()) {
          dot.append(" [style=dashed]");
        } else if (name.index() != 0) {
          dot.append(" [label=\":").append(name.index()).append("\"]");
        }
        dot.append(";\n");
      }
    }
    return dot.append("}\n").toString();
  }

  private static String style(String op) {
    return switch (op) {
      case "Placeholder", "PlaceholderWithDefault" -> "shape=ellipse, style=filled, fillcolor=\"#dbeafe\"";
      case "VariableV2", "Variable", "VarHandleOp" -> "shape=cylinder, style=filled, fillcolor=\"#fef3c7\"";
      case "Const" -> "shape=note, color=\"#6b7280\"";
      default -> "";
    };
  }

  /** A DOT double-quoted string ({@code \n} becomes a centred line break). */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
