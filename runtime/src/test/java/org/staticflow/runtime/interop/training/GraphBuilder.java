package org.staticflow.runtime.interop.training;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Adds raw TensorFlow ops to a {@link Graph} under TensorFlow 1.x-style names ({@code layer1/MatMul},
 * {@code layer1/MatMul_1}, ...). Raw ops rather than TensorFlow Java's typed wrappers, so that every op is
 * exactly the one a TF1 Python program puts in its graph, with the attributes given here.
 */
public final class GraphBuilder {
  private final Graph graph;
  private final Map<String, Integer> usedNames = new HashMap<>();

  GraphBuilder(Graph graph) {
    this.graph = graph;
  }

  /** The graph ops are added to. */
  public Graph graph() {
    return graph;
  }

  /**
   * A name not used yet: {@code name} itself the first time, then {@code name_1}, {@code name_2}, as
   * TensorFlow uniquifies op names.
   */
  public String unique(String name) {
    Integer count = usedNames.get(name);
    if (count == null) {
      usedNames.put(name, 1);
      return name;
    }
    usedNames.put(name, count + 1);
    return unique(name + "_" + count);
  }

  /** Starts op {@code type} named uniquely after {@code name}, with {@code inputs}; the caller adds attributes. */
  public GraphOperationBuilder builder(String type, String name, Output<?>... inputs) {
    GraphOperationBuilder builder = graph.opBuilder(type, unique(name), graph.baseScope());
    for (Output<?> input : inputs) {
      builder.addInput(input);
    }
    return builder;
  }

  /** Op {@code type} without attributes beyond those TensorFlow infers; its first output. */
  public Output<?> op(String type, String name, Output<?>... inputs) {
    return builder(type, name, inputs).build().output(0);
  }

  /** Op {@code type} without attributes, as an operation (for ops run for their effect). */
  public GraphOperation operation(String type, String name, Output<?>... inputs) {
    return builder(type, name, inputs).build();
  }

  /** A float32 constant of the given shape. */
  public Output<?> constant(String name, float[] values, long... dims) {
    try (TFloat32 value = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(values, true, false))) {
      return constant(name, DataType.DT_FLOAT, value);
    }
  }

  /** A float32 scalar constant. */
  public Output<?> scalar(String name, float value) {
    try (TFloat32 tensor = TFloat32.scalarOf(value)) {
      return constant(name, DataType.DT_FLOAT, tensor);
    }
  }

  /** An int32 vector constant (shapes, axes). */
  public Output<?> ints(String name, int... values) {
    try (TInt32 tensor = TInt32.vectorOf(values)) {
      return constant(name, DataType.DT_INT32, tensor);
    }
  }

  /** An int32 scalar constant (an axis). */
  public Output<?> intScalar(String name, int value) {
    try (TInt32 tensor = TInt32.scalarOf(value)) {
      return constant(name, DataType.DT_INT32, tensor);
    }
  }

  /** An int64 scalar constant. */
  public Output<?> longScalar(String name, long value) {
    try (TInt64 tensor = TInt64.scalarOf(value)) {
      return constant(name, DataType.DT_INT64, tensor);
    }
  }

  /** A string vector constant (checkpoint keys). */
  public Output<?> strings(String name, String... values) {
    try (TString tensor = TString.vectorOf(values)) {
      return constant(name, DataType.DT_STRING, tensor);
    }
  }

  // Raw Const ops: TensorFlow Java's typed constant() rejects TF1 scoped names such as "Reshape/shape".
  private Output<?> constant(String name, DataType type, org.tensorflow.Tensor value) {
    return graph.opBuilder("Const", unique(name), graph.baseScope())
        .setAttr("dtype", type)
        .setAttr("value", value)
        .build()
        .output(0);
  }

  /** A placeholder of {@code dtype} with unknown shape. */
  public Output<?> placeholder(String name, DataType dtype) {
    return graph.opBuilder("Placeholder", unique(name), graph.baseScope()).setAttr("dtype", dtype).build().output(0);
  }

}
