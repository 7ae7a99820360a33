package org.staticflow.runtime.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A TensorFlow graph of float32 reference variables (VariableV2) and raw kernels such as ApplyAdam, run
 * through TensorFlow Java: the oracle for Staticflow's update rules. Close it to release the native
 * session.
 */
final class TensorFlowKernels implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session = new Session(graph);
  private final List<Output<?>> variables = new ArrayList<>();
  private int counter;

  /** A float variable initialised to {@code values}. */
  Output<?> variable(String name, float[] values, long... dims) {
    GraphOperation variable = graph.opBuilder("VariableV2", name, graph.baseScope())
        .setAttr("shape", Shape.of(dims))
        .setAttr("dtype", DataType.DT_FLOAT)
        .build();
    GraphOperation assign = graph.opBuilder("Assign", name + "/Assign", graph.baseScope())
        .addInput(variable.output(0))
        .addInput(constant(values, dims))
        .build();
    session.runner().addTarget(assign).run().close();
    variables.add(variable.output(0));
    return variable.output(0);
  }

  Output<?> constant(float[] values, long... dims) {
    return tf.constant(Shape.of(dims), DataBuffers.of(values, true, false)).asOutput();
  }

  Output<?> scalar(float value) {
    return tf.constant(value).asOutput();
  }

  /** A raw op with the given inputs and attributes (name/value pairs of booleans). */
  GraphOperation op(String type, List<Output<?>> inputs, Object... booleanAttrs) {
    GraphOperationBuilder builder = graph.opBuilder(type, type + "_" + counter++, graph.baseScope());
    for (Output<?> input : inputs) {
      builder.addInput(input);
    }
    for (int i = 0; i < booleanAttrs.length; i += 2) {
      builder.setAttr((String) booleanAttrs[i], (Boolean) booleanAttrs[i + 1]);
    }
    return builder.build();
  }

  /** Runs {@code target} once. */
  void run(GraphOperation target) {
    session.runner().addTarget(target).run().close();
  }

  /** Current values of {@code variable}. */
  float[] read(Output<?> variable) {
    try (Result result = session.runner().fetch(variable).run()) {
      TFloat32 value = (TFloat32) result.get(0);
      float[] out = new float[(int) value.size()];
      value.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  Ops ops() {
    return tf;
  }

  Graph graph() {
    return graph;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
