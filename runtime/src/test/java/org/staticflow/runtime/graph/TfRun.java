package org.staticflow.runtime.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Runs a serialized GraphDef in real TensorFlow with float feeds; fetches float, int32 or int64 tensors. */
final class TfRun {
  private TfRun() {}

  static List<Tensor> run(byte[] graphDef, Map<String, FloatTensor> feeds, List<String> fetches) throws Exception {
    try (Graph graph = new Graph()) {
      graph.importGraphDef(org.tensorflow.proto.GraphDef.parseFrom(graphDef));
      try (Session session = new Session(graph)) {
        return run(session, feeds, fetches);
      }
    }
  }

  static List<Tensor> run(Session session, Map<String, FloatTensor> feeds, List<String> fetches) {
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<String, FloatTensor> feed : feeds.entrySet()) {
        TFloat32 value = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(feed.getValue().shape().dims()),
            DataBuffers.of(feed.getValue().data(), true, false));
        fed.add(value);
        runner.feed(feed.getKey(), value);
      }
      fetches.forEach(runner::fetch);
      try (Result result = runner.run()) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
          out.add(toStaticflow(result.get(i)));
        }
        return out;
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  static Tensor toStaticflow(org.tensorflow.Tensor t) {
    Shape shape = Shape.of(t.shape().asArray());
    int n = shape.numElementsAsInt();
    if (t instanceof TFloat32) {
      float[] data = new float[n];
      t.asRawTensor().data().asFloats().read(data);
      return FloatTensor.of(shape, data);
    } else if (t instanceof TInt64) {
      long[] data = new long[n];
      t.asRawTensor().data().asLongs().read(data);
      return LongTensor.of(shape, data);
    } else if (t instanceof TInt32) {
      int[] data = new int[n];
      t.asRawTensor().data().asInts().read(data);
      return IntTensor.of(shape, data);
    }
    throw new IllegalArgumentException("unexpected fetched type " + t.dataType());
  }
}
