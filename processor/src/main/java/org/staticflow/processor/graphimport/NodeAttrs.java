package org.staticflow.processor.graphimport;

import java.util.List;
import org.staticflow.processor.ir.DType;
import org.staticflow.proto.AttrValue;
import org.staticflow.proto.NodeDef;

/**
 * Typed access to a node's attributes with TensorFlow's defaults; a missing or ill-typed attribute is a
 * {@link GraphError} naming it.
 */
final class NodeAttrs {
  private final NodeDef node;

  NodeAttrs(NodeDef node) {
    this.node = node;
  }

  boolean bool(String name, boolean fallback) {
    AttrValue value = node.getAttrMap().get(name);
    return value == null ? fallback : value.getB();
  }

  String string(String name, String fallback) {
    AttrValue value = node.getAttrMap().get(name);
    return value == null ? fallback : value.getS().toStringUtf8();
  }

  long integer(String name, long fallback) {
    AttrValue value = node.getAttrMap().get(name);
    return value == null ? fallback : value.getI();
  }

  /** An int list attribute such as {@code strides} or {@code ksize}, required to exist. */
  int[] ints(String name) {
    AttrValue value = node.getAttrMap().get(name);
    if (value == null || !value.hasList()) {
      throw new GraphError("missing list attribute " + name);
    }
    List<Long> items = value.getList().getIList();
    int[] result = new int[items.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = Math.toIntExact(items.get(i));
    }
    return result;
  }

  /** An int list attribute, or {@code fallback} when absent. */
  int[] ints(String name, int[] fallback) {
    return node.getAttrMap().containsKey(name) ? ints(name) : fallback;
  }

  /** A type attribute ({@code T}, {@code DstT}, {@code dtype}) the compiler computes with. */
  DType dtype(String name, DType fallback) {
    AttrValue value = node.getAttrMap().get(name);
    if (value == null) {
      if (fallback == null) {
        throw new GraphError("missing type attribute " + name);
      }
      return fallback;
    }
    DType type = ConstValue.dtypeOf(value.getType());
    if (type == null) {
      throw new GraphError(name + " is " + value.getType() + "; expected DT_FLOAT, DT_INT32, DT_INT64 or DT_BOOL");
    }
    return type;
  }

  /** {@code padding}: true for SAME, false for VALID. */
  boolean samePadding() {
    String padding = string("padding", "");
    return switch (padding) {
      case "SAME" -> true;
      case "VALID" -> false;
      default -> throw new GraphError("padding is \"" + padding + "\"; expected \"SAME\" or \"VALID\"");
    };
  }

  /** Requires {@code data_format} to be NHWC (TensorFlow's default), the only layout the kernels use. */
  void requireNhwc() {
    String format = string("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw new GraphError("data_format is " + format + "; only NHWC is supported");
    }
  }

  /** A problem with one node; the lowering adds the node's name and op. */
  static final class GraphError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GraphError(String message) {
      super(message, null, false, false);
    }
  }
}
