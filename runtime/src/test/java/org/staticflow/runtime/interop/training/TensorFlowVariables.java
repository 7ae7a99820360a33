package org.staticflow.runtime.interop.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The TF1 reference variables ({@code VariableV2}) of a training graph, by TensorFlow name, in creation
 * order (TensorFlow's {@code tf.global_variables()} order): the model's variables, optimizer slots, non-slot
 * variables, {@code global_step} and moving averages. Each gets an {@code <name>/Assign} op fed from an
 * {@code <name>/initial_value} placeholder, run once by {@link #initialize}, so arbitrary initial values
 * (Staticflow's) enter the graph without being baked into it as constants.
 */
final class TensorFlowVariables {
  private record Entry(Output<?> ref, DataType type, long[] dims, Output<?> initialPlaceholder,
      GraphOperation assign, Tensor initialValue) {}

  private final GraphBuilder graph;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  TensorFlowVariables(GraphBuilder graph) {
    this.graph = graph;
  }

  /** Creates float32 variable {@code name} that starts at {@code initial} (of the given shape). */
  Output<?> createFloat(String name, float[] initial, long... dims) {
    long size = Shape.of(dims).numElements();
    if (initial.length != size) {
      throw new IllegalArgumentException(name + ": " + initial.length + " initial values for shape "
          + Shape.of(dims));
    }
    return create(name, FloatTensor.of(Shape.of(dims), initial.clone()));
  }

  /** Creates the int64 scalar {@code name} that starts at {@code initial} ({@code global_step}). */
  Output<?> createLongScalar(String name, long initial) {
    return create(name, LongTensor.of(Shape.scalar(), initial));
  }

  private Output<?> create(String name, Tensor initial) {
    if (entries.containsKey(name)) {
      throw new IllegalArgumentException("variable " + name + " created twice");
    }
    org.tensorflow.proto.DataType type = org.tensorflow.proto.DataType.forNumber(initial.dataType().number());
    long[] dims = initial.shape().dims();
    Output<?> ref = graph.graph().opBuilder("VariableV2", name, graph.graph().baseScope())
        .setAttr("shape", org.tensorflow.ndarray.Shape.of(dims))
        .setAttr("dtype", type)
        .build()
        .output(0);
    Output<?> placeholder = graph.placeholder(name + "/initial_value", type);
    GraphOperation assign = graph.operation("Assign", name + "/Assign", ref, placeholder);
    entries.put(name, new Entry(ref, initial.dataType(), dims, placeholder, assign, initial));
    return ref;
  }

  /** Runs every variable's initializer (once, after the graph is built). */
  void initialize(Session session) {
    Session.Runner runner = session.runner();
    List<org.tensorflow.Tensor> feeds = new ArrayList<>();
    try {
      for (Entry entry : entries.values()) {
        org.tensorflow.Tensor feed = toTensorFlow(entry.initialValue());
        feeds.add(feed);
        runner.feed(entry.initialPlaceholder(), feed).addTarget(entry.assign());
      }
      runner.run().close();
    } finally {
      feeds.forEach(org.tensorflow.Tensor::close);
    }
  }

  /** The variable (reference) output of {@code name}. */
  Output<?> ref(String name) {
    Entry entry = entries.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("no variable " + name + "; variables: " + entries.keySet());
    }
    return entry.ref();
  }

  /** The shape of variable {@code name}. */
  long[] dims(String name) {
    ref(name);
    return entries.get(name).dims().clone();
  }

  /** Names in creation order. */
  List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /** The dtype of variable {@code name}. */
  DataType type(String name) {
    ref(name);
    return entries.get(name).type();
  }

  /** Current values of every variable, by name in creation order, read in one session run. */
  Map<String, Tensor> read(Session session) {
    Session.Runner runner = session.runner();
    List<String> names = names();
    names.forEach(name -> runner.fetch(entries.get(name).ref()));
    Map<String, Tensor> values = new LinkedHashMap<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        Entry entry = entries.get(names.get(i));
        values.put(names.get(i), fromTensorFlow(result.get(i), entry.type(), entry.dims()));
      }
    }
    return Collections.unmodifiableMap(values);
  }

  /** A TensorFlow tensor holding {@code tensor}'s values (float32 or int64); the caller closes it. */
  static org.tensorflow.Tensor toTensorFlow(Tensor tensor) {
    org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(tensor.shape().dims());
    if (tensor instanceof FloatTensor floats) {
      return TFloat32.tensorOf(shape, DataBuffers.of(floats.data(), true, false));
    }
    if (tensor instanceof LongTensor longs) {
      return TInt64.tensorOf(shape, DataBuffers.of(longs.data(), true, false));
    }
    throw new IllegalArgumentException("only float32 and int64 variables are trained: " + tensor.dataType());
  }

  /** A Staticflow copy of a fetched float32 or int64 TensorFlow tensor. */
  static Tensor fromTensorFlow(org.tensorflow.Tensor fetched, DataType type, long[] dims) {
    int size = Math.toIntExact(Shape.of(dims).numElements());
    if (type == DataType.FLOAT) {
      float[] values = new float[size];
      ((TFloat32) fetched).copyTo(DataBuffers.of(values, false, false));
      return FloatTensor.of(Shape.of(dims), values);
    }
    long[] values = new long[size];
    ((TInt64) fetched).copyTo(DataBuffers.of(values, false, false));
    return LongTensor.of(Shape.of(dims), values);
  }
}
