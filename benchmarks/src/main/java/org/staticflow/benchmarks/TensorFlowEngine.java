package org.staticflow.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import org.staticflow.runtime.tensor.Shape;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's checkpoint path through TensorFlow Java 1.0.0: a graph with one {@code VariableV2} holding
 * the values, saved and restored with {@link Session#save} / {@link Session#restore}, which run
 * TensorFlow's own saver subgraph ({@code SaveV2}, and {@code RestoreV2} + {@code Assign}) in C++.
 */
final class TensorFlowEngine implements CheckpointEngine {
  private final Graph graph;
  private final Session session;
  private final Variable<TFloat32> variable;

  TensorFlowEngine(float[] values, Shape shape) {
    graph = new Graph();
    Ops tf = Ops.create(graph);
    org.tensorflow.ndarray.Shape tfShape = org.tensorflow.ndarray.Shape.of(shape.dims());
    variable = tf.withName(KEY).variable(tfShape, TFloat32.class);
    Placeholder<TFloat32> initialValue = tf.placeholder(TFloat32.class);
    var assign = tf.assign(variable, initialValue);
    session = new Session(graph);
    try (TFloat32 tensor = TFloat32.tensorOf(tfShape, DataBuffers.of(values, true, false))) {
      session.runner().feed(initialValue, tensor).addTarget(assign).run().close();
    }
  }

  @Override
  public void save(Path prefix) {
    session.save(prefix.toString());
  }

  @Override
  public void restore(Path prefix) {
    session.restore(prefix.toString());
  }

  /** The same as {@link #restore}: RestoreV2 always reads into a newly allocated tensor before Assign. */
  @Override
  public void restoreToNewTensor(Path prefix) {
    session.restore(prefix.toString());
  }

  @Override
  public boolean holds(float[] expected) {
    try (Result result = session.runner().fetch(variable).run()) {
      TFloat32 value = (TFloat32) result.get(0);
      float[] actual = new float[expected.length];
      value.copyTo(DataBuffers.of(actual, false, false));
      return Arrays.equals(expected, actual);
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
