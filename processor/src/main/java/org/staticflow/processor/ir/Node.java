package org.staticflow.processor.ir;

import java.util.List;

/**
 * One operation of the graph: a unique TensorFlow-style name, an {@link Op}, its input nodes and its
 * inferred static type.
 */
public final class Node {
  private final int id;
  private final String name;
  private final Op op;
  private final List<Node> inputs;
  private final TensorType type;

  Node(int id, String name, Op op, List<Node> inputs, TensorType type) {
    this.id = id;
    this.name = name;
    this.op = op;
    this.inputs = List.copyOf(inputs);
    this.type = type;
  }

  /** Position in creation order (a topological order). */
  public int id() {
    return id;
  }

  /** The unique node name, e.g. {@code layer1/MatMul_1}. */
  public String name() {
    return name;
  }

  public Op op() {
    return op;
  }

  public List<Node> inputs() {
    return inputs;
  }

  public Node input(int index) {
    return inputs.get(index);
  }

  public TensorType type() {
    return type;
  }

  @Override
  public String toString() {
    return name + " = " + op.typeName() + inputs.stream().map(Node::name).toList() + " : " + type;
  }
}
