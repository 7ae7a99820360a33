package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.staticflow.runtime.interop.TensorAssertions.assertBitIdentical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's variable saver as TensorFlow Java exposes it ({@code Session.save} / {@code Session.restore},
 * the path the checkpoint benchmark times): its checkpoint of a variable is byte-identical to
 * BundleWriter's, and it restores a Staticflow checkpoint into the variable.
 */
class TensorFlowSessionSaverTest {
  private static final Shape SHAPE = Shape.of(300, 70);

  @TempDir Path dir;

  /** A graph with one float variable {@code weights}, set to {@code values}. */
  private static final class WeightsGraph implements AutoCloseable {
    final Graph graph = new Graph();
    final Variable<TFloat32> weights;
    final Session session;

    WeightsGraph(float[] values) {
      Ops tf = Ops.create(graph);
      org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(SHAPE.dims());
      weights = tf.withName("weights").variable(shape, TFloat32.class);
      Placeholder<TFloat32> value = tf.placeholder(TFloat32.class);
      Assign<TFloat32> assign = tf.assign(weights, value);
      session = new Session(graph);
      try (TFloat32 tensor = TFloat32.tensorOf(shape, DataBuffers.of(values, true, false))) {
        session.runner().feed(value, tensor).addTarget(assign).run().close();
      }
    }

    float[] read() {
      try (Result result = session.runner().fetch(weights).run()) {
        float[] values = new float[Math.toIntExact(SHAPE.numElements())];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
        return values;
      }
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  private static FloatTensor weights(long seed) {
    return (FloatTensor) InteropTensors.randomTensor(DataType.FLOAT, SHAPE, new SplittableRandom(seed));
  }

  @Test
  void sessionSaveWritesTheFilesBundleWriterWrites() throws IOException {
    FloatTensor weights = weights(1);
    Path tensorFlow = dir.resolve("tf/model.ckpt");
    Files.createDirectories(tensorFlow.getParent());
    try (WeightsGraph graph = new WeightsGraph(weights.data())) {
      graph.session.save(tensorFlow.toString());
    }
    Path staticflow = dir.resolve("sf/model.ckpt");
    try (BundleWriter writer = BundleWriter.create(staticflow)) {
      writer.add("weights", weights);
      writer.finish();
    }

    assertEquals(-1L, Files.mismatch(InteropFiles.data(tensorFlow), InteropFiles.data(staticflow)), "data file");
    assertEquals(-1L, Files.mismatch(InteropFiles.index(tensorFlow), InteropFiles.index(staticflow)), "index file");
    try (CheckpointReader reader = CheckpointReader.open(tensorFlow)) {
      assertBitIdentical(weights, reader.getTensor("weights"), "weights");
    }
  }

  @Test
  void sessionRestoreLoadsAStaticflowCheckpointIntoTheVariable() throws IOException {
    FloatTensor saved = weights(2);
    Path prefix = dir.resolve("sf/model.ckpt");
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      writer.add("weights", saved);
      writer.finish();
    }
    try (WeightsGraph graph = new WeightsGraph(weights(3).data())) {
      graph.session.restore(prefix.toString());
      Tensor restored = FloatTensor.of(SHAPE, graph.read());
      assertBitIdentical(saved, restored, "weights");
    }
  }
}
