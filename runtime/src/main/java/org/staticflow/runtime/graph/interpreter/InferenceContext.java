package org.staticflow.runtime.graph.interpreter;

import org.staticflow.runtime.graph.InvalidGraphException;
import org.staticflow.runtime.graph.Tensors;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Tensor;

/**
 * What a kernel may know about its inputs when inferring output specs: their specs, and the values of
 * those that are known (constants at load time, every input at run time).
 */
public final class InferenceContext {
  private final NodeAttrs node;
  private final TensorSpec[] inputs;
  private final Tensor[] values;

  public InferenceContext(NodeAttrs node, TensorSpec[] inputs, Tensor[] values) {
    this.node = node;
    this.inputs = inputs;
    this.values = values;
  }

  public NodeAttrs node() {
    return node;
  }

  public int inputCount() {
    return inputs.length;
  }

  public TensorSpec input(int i) {
    return inputs[i];
  }

  /** The value of input {@code i}, or {@code null} when it is not known yet. */
  public Tensor value(int i) {
    return values[i];
  }

  /** The value of input {@code i} as longs (an axis or shape input), or {@code null} when unknown. */
  public long[] longs(int i) {
    Tensor value = values[i];
    if (value == null) {
      return null;
    }
    try {
      return Tensors.longs(value);
    } catch (IllegalArgumentException e) {
      throw error("input " + i + ": " + e.getMessage());
    }
  }

  /** An error about this node. */
  public InvalidGraphException error(String detail) {
    return node.error(detail);
  }

  /** Checks the input count. */
  public void requireInputs(int count) {
    if (inputs.length != count) {
      throw error("expected " + count + " input" + (count == 1 ? "" : "s") + ", found " + inputs.length);
    }
  }

  /** Checks that input {@code i} has one of the {@code allowed} dtypes and returns it. */
  public DataType requireType(int i, DataType... allowed) {
    DataType type = inputs[i].dataType();
    for (DataType ok : allowed) {
      if (ok == type) {
        return type;
      }
    }
    StringBuilder names = new StringBuilder();
    for (DataType ok : allowed) {
      names.append(names.length() > 0 ? ", " : "").append(ok.protoName());
    }
    throw error("input " + i + " is " + type.protoName() + "; supported here: " + names);
  }

  /** Checks that input {@code i} has rank {@code rank} when its rank is known. */
  public void requireRank(int i, int rank) {
    TensorSpec spec = inputs[i];
    if (spec.hasRank() && spec.rank() != rank) {
      throw error("input " + i + " must have rank " + rank + ", found " + spec.shapeString());
    }
  }

  /** Checks that two dtypes agree. */
  public void requireSameType(int a, int b) {
    if (inputs[a].dataType() != inputs[b].dataType()) {
      throw error("inputs " + a + " and " + b + " differ in dtype: " + inputs[a].dataType().protoName() + " vs "
          + inputs[b].dataType().protoName());
    }
  }
}
