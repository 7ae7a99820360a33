package org.staticflow.runtime.graph.interpreter;

import java.nio.charset.StandardCharsets;
import org.staticflow.proto.AttrValue;
import org.staticflow.proto.NodeDef;
import org.staticflow.runtime.graph.InvalidGraphException;
import org.staticflow.runtime.graph.TensorProtoCodec;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Typed access to a node's attributes. A missing required attribute or one of the wrong kind is an
 * {@link InvalidGraphException} naming the node, its op and the attribute.
 */
public final class NodeAttrs {
  private final NodeDef node;

  public NodeAttrs(NodeDef node) {
    this.node = node;
  }

  public String name() {
    return node.getName();
  }

  public String op() {
    return node.getOp();
  }

  public NodeDef def() {
    return node;
  }

  /** An error about this node: {@code node 'NAME' (OP): DETAIL}. */
  public InvalidGraphException error(String detail) {
    return InvalidGraphException.atNode(node.getName(), node.getOp(), detail);
  }

  public boolean has(String attr) {
    return node.containsAttr(attr);
  }

  /** A {@code type} attribute. */
  public DataType type(String attr) {
    AttrValue value = require(attr, AttrValue.ValueCase.TYPE, "a type");
    try {
      return DataType.fromNumber(value.getTypeValue());
    } catch (IllegalArgumentException e) {
      throw error("attribute '" + attr + "': " + e.getMessage());
    }
  }

  /** A {@code type} attribute, or {@code fallback} when absent (TensorFlow's default). */
  public DataType type(String attr, DataType fallback) {
    return has(attr) ? type(attr) : fallback;
  }

  /** A {@code bool} attribute, or {@code fallback} when absent. */
  public boolean bool(String attr, boolean fallback) {
    return has(attr) ? require(attr, AttrValue.ValueCase.B, "a bool").getB() : fallback;
  }

  /** An {@code int} attribute, or {@code fallback} when absent. */
  public long integer(String attr, long fallback) {
    return has(attr) ? require(attr, AttrValue.ValueCase.I, "an int").getI() : fallback;
  }

  /** A {@code float} attribute, or {@code fallback} when absent. */
  public float real(String attr, float fallback) {
    return has(attr) ? require(attr, AttrValue.ValueCase.F, "a float").getF() : fallback;
  }

  /** A {@code string} attribute. */
  public String string(String attr) {
    return require(attr, AttrValue.ValueCase.S, "a string").getS().toString(StandardCharsets.UTF_8);
  }

  /** A {@code string} attribute, or {@code fallback} when absent. */
  public String string(String attr, String fallback) {
    return has(attr) ? string(attr) : fallback;
  }

  /** A {@code list(int)} attribute. */
  public long[] ints(String attr) {
    AttrValue value = require(attr, AttrValue.ValueCase.LIST, "a list(int)");
    return value.getList().getIList().stream().mapToLong(Long::longValue).toArray();
  }

  /** A {@code list(int)} attribute, or {@code fallback} when absent. */
  public long[] ints(String attr, long[] fallback) {
    return has(attr) ? ints(attr) : fallback;
  }

  /** A {@code shape} attribute as a spec of {@code dataType}. */
  public TensorSpec shape(String attr, DataType dataType) {
    return TensorSpec.of(dataType, require(attr, AttrValue.ValueCase.SHAPE, "a shape").getShape());
  }

  /** A {@code tensor} attribute, decoded. */
  public Tensor tensor(String attr) {
    AttrValue value = require(attr, AttrValue.ValueCase.TENSOR, "a tensor");
    try {
      return TensorProtoCodec.decode(value.getTensor());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw error("attribute '" + attr + "': " + e.getMessage());
    }
  }

  private AttrValue require(String attr, AttrValue.ValueCase kind, String what) {
    AttrValue value = node.getAttrMap().get(attr);
    if (value == null) {
      throw error("missing attribute '" + attr + "' (" + what + ")");
    }
    // An empty list is written as "list {}", which is also how an unset list-valued attribute reads.
    if (value.getValueCase() != kind && !(kind == AttrValue.ValueCase.LIST && value.getValueCase() == AttrValue.ValueCase.VALUE_NOT_SET)) {
      throw error("attribute '" + attr + "' should be " + what + ", found " + value.getValueCase().name().toLowerCase(java.util.Locale.ROOT));
    }
    return value;
  }
}
