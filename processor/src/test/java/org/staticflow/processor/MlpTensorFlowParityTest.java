package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.tensor.FloatTensor;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The MNIST MLP's forward pass (logits and loss) equals what TensorFlow computes from the same weights
 * and inputs with its own MatMul, Add, Relu, ArgMax, SparseSoftmaxCrossEntropyWithLogits and Mean.
 */
class MlpTensorFlowParityTest {

  @Test
  void logitsAndLossMatchTensorFlow() {
    CompiledModel model = ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MnistMlpTest.MLP));
    model.initializeVariables(123);
    int batch = 6;
    model.batchSize(batch);
    float[] x = ((FloatTensor) model.input("x-input")).data();
    float[] y = ((FloatTensor) model.input("y-input")).data();
    for (int i = 0; i < x.length; i++) {
      x[i] = ((i * 31) % 97) / 97f;
    }
    for (int r = 0; r < batch; r++) {
      y[r * 10 + (r * 7) % 10] = 1f;
    }
    model.forward();
    float[][] w = new float[4][];
    for (int i = 0; i < 4; i++) {
      w[i] = ((FloatTensor) model.variables().get(i).value()).data();
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Output<?> input = constant(tf, x, batch, 784);
      Output<?> labels = constant(tf, y, batch, 10);
      Output<?> hidden = op(graph, "Relu", op(graph, "Add", op(graph, "MatMul", input, constant(tf, w[0], 784, 500)),
          constant(tf, w[1], 500)));
      Output<?> logits = op(graph, "Add", op(graph, "MatMul", hidden, constant(tf, w[2], 500, 10)), constant(tf, w[3], 10));
      Output<?> classes = op(graph, "ArgMax", labels, tf.constant(1).asOutput());
      Output<?> losses = op(graph, "SparseSoftmaxCrossEntropyWithLogits", logits, classes);
      Output<?> loss = op(graph, "Mean", losses, tf.constant(new int[] {0}).asOutput());
      float[] expectedLogits = fetch(session, logits, batch * 10);
      float[] expectedLoss = fetch(session, loss, 1);
      float[] actual = ((FloatTensor) model.output("logits")).data();
      for (int i = 0; i < actual.length; i++) {
        assertEquals(expectedLogits[i], actual[i], 1e-5 * Math.max(1, Math.abs(expectedLogits[i])), "logits[" + i + "]");
      }
      assertEquals(expectedLoss[0], ((FloatTensor) model.output("loss")).data()[0], 1e-5, "loss");
    }
  }

  private static Output<?> constant(Ops tf, float[] values, long... dims) {
    return tf.constant(Shape.of(dims), DataBuffers.of(values, true, false)).asOutput();
  }

  private static int counter;

  private static Output<?> op(Graph graph, String type, Output<?>... inputs) {
    GraphOperationBuilder builder = graph.opBuilder(type, type + "_" + counter++, graph.baseScope());
    for (Output<?> in : List.of(inputs)) {
      builder.addInput(in);
    }
    GraphOperation op = builder.build();
    return op.output(0);
  }

  private static float[] fetch(Session session, Output<?> output, int size) {
    try (Result result = session.runner().fetch(output).run()) {
      float[] out = new float[size];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }
}
