package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.TrainableModel;
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
 * The generated gradients equal TensorFlow's symbolic gradients ({@code Graph.addGradients}, TensorFlow's C++
 * gradient registry and kernels) of the same loss, from the same weights and inputs: the MNIST MLP with its
 * l2 regularizer, and the small CNN of {@link ComposedModelGradientTest}.
 *
 * <p>Tolerance: each element within {@code 1e-5 * max |g|} of TensorFlow's, {@code max |g|} the largest
 * magnitude of that gradient. Both sides sum in float32 in different orders (EJML's and Eigen's matrix
 * products, per-row softmax sums), which moves results by a few ulps of the large terms; an element that is
 * the difference of large terms carries their absolute error, so a relative bound per element would be
 * meaningless for it.
 */
class GradientTensorFlowParityTest {
  private int counter;

  @Test
  void mnistMlpWithL2() {
    TrainableModel model =
        (TrainableModel) ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MnistMlpTest.MLP));
    model.initializeVariables(123);
    int batch = 8;
    model.batchSize(batch);
    float[] x = ((FloatTensor) model.input("x-input")).data();
    float[] y = ((FloatTensor) model.input("y-input")).data();
    for (int i = 0; i < x.length; i++) {
      x[i] = ((i * 31) % 97) / 97f;
    }
    for (int r = 0; r < batch; r++) {
      y[r * 10 + (r * 7) % 10] = 1f;
    }
    model.computeGradients();
    float[][] w = variables(model);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Output<?>[] v = {constant(tf, w[0], 784, 500), constant(tf, w[1], 500), constant(tf, w[2], 500, 10),
          constant(tf, w[3], 10)};
      Output<?> hidden = op(graph, "Relu", op(graph, "Add", op(graph, "MatMul", constant(tf, x, batch, 784), v[0]), v[1]));
      Output<?> logits = op(graph, "Add", op(graph, "MatMul", hidden, v[2]), v[3]);
      // TensorFlow's C++ registry has no gradient for SparseSoftmaxCrossEntropyWithLogits; with one-hot labels
      // the dense op computes the same loss and the same backprop (softmax - labels) in the same kernel code.
      Output<?> xent = graph.opBuilder("SoftmaxCrossEntropyWithLogits", "xent", graph.baseScope())
          .addInput(logits).addInput(constant(tf, y, batch, 10)).build().output(0);
      Output<?> data = op(graph, "Mean", xent, tf.constant(new int[] {0}).asOutput());
      Output<?> penalty = op(graph, "Mul", tf.constant(1e-4f).asOutput(), op(graph, "L2Loss", v[0]));
      Output<?> loss = op(graph, "Add", data, penalty);
      compare(graph, session, model, loss, v);
    }
  }

  @Test
  void smallCnn() {
    TrainableModel model = (TrainableModel) ModelCompiler.compileAndLoad("SmallCnn",
        ModelCompiler.source("SmallCnn", ComposedModelGradientTest.SMALL_CNN));
    model.initializeVariables(9);
    int batch = 3;
    model.batchSize(batch);
    float[] x = ((FloatTensor) model.input("x")).data();
    float[] y = ((FloatTensor) model.input("y")).data();
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.abs(Math.sin(i * 0.37));
    }
    for (int r = 0; r < batch; r++) {
      y[r * 10 + (r * 3 + 1) % 10] = 1f;
    }
    model.computeGradients();
    // Variables in declaration order: conv1/W, conv1/b, conv2/W, conv2/b come after the model's own fc ones.
    List<String> names = model.variables().stream().map(e -> e.name()).toList();
    float[][] w = variables(model);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Output<?>[] v = new Output<?>[names.size()];
      for (int i = 0; i < v.length; i++) {
        long[] dims = model.variables().get(i).shape().dims();
        v[i] = constant(tf, w[i], dims);
      }
      Output<?> conv1W = v[names.indexOf("conv1/W")];
      Output<?> conv1B = v[names.indexOf("conv1/b")];
      Output<?> conv2W = v[names.indexOf("conv2/W")];
      Output<?> conv2B = v[names.indexOf("conv2/b")];
      Output<?> fcW = v[names.indexOf("fc/weights")];
      Output<?> fcB = v[names.indexOf("fc/biases")];
      Output<?> h1 = op(graph, "Relu", op(graph, "Add", window(graph, "Conv2D", "SAME", null,
          constant(tf, x, batch, 8, 8, 1), conv1W), conv1B));
      Output<?> p1 = window(graph, "MaxPool", "SAME", new long[] {1, 2, 2, 1}, h1);
      Output<?> h2 = op(graph, "Tanh", op(graph, "BiasAdd", window(graph, "Conv2D", "VALID", null, p1, conv2W), conv2B));
      Output<?> flat = op(graph, "Reshape", h2, tf.constant(new int[] {-1, 24}).asOutput());
      Output<?> logits = op(graph, "Add", op(graph, "MatMul", flat, fcW), fcB);
      Output<?> xent = graph.opBuilder("SoftmaxCrossEntropyWithLogits", "xent", graph.baseScope())
          .addInput(logits).addInput(constant(tf, y, batch, 10)).build().output(0);
      Output<?> data = op(graph, "Mean", xent, tf.constant(new int[] {0}).asOutput());
      Output<?> loss = op(graph, "Add", data, op(graph, "Mul", tf.constant(0.01f).asOutput(), op(graph, "L2Loss", fcW)));
      compare(graph, session, model, loss, v);
    }
  }

  private static float[][] variables(TrainableModel model) {
    float[][] w = new float[model.variables().size()][];
    for (int i = 0; i < w.length; i++) {
      w[i] = ((FloatTensor) model.variables().get(i).value()).data();
    }
    return w;
  }

  /** TensorFlow's d loss / d v_i for every variable, against the model's gradient buffers (all trainable here). */
  private static void compare(Graph graph, Session session, TrainableModel model, Output<?> loss, Output<?>[] v) {
    Output<?>[] gradients = graph.addGradients(loss, v);
    assertEquals(fetch(session, loss, 1)[0], model.totalLoss(), 1e-5, "total loss");
    for (int i = 0; i < v.length; i++) {
      String name = model.variables().get(i).name();
      float[] actual = model.gradient(name).data();
      float[] expected = fetch(session, gradients[i], actual.length);
      double largest = 0;
      for (float e : expected) {
        largest = Math.max(largest, Math.abs(e));
      }
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[j], actual[j], 1e-5 * largest, "d loss / d " + name + "[" + j + "]");
      }
    }
  }

  private static Output<?> constant(Ops tf, float[] values, long... dims) {
    return tf.constant(Shape.of(dims), DataBuffers.of(values, true, false)).asOutput();
  }

  private Output<?> op(Graph graph, String type, Output<?>... inputs) {
    GraphOperationBuilder builder = graph.opBuilder(type, type + "_" + counter++, graph.baseScope());
    for (Output<?> in : inputs) {
      builder.addInput(in);
    }
    GraphOperation op = builder.build();
    return op.output(0);
  }

  private Output<?> window(Graph graph, String type, String padding, long[] ksize, Output<?>... inputs) {
    GraphOperationBuilder builder = graph.opBuilder(type, type + "_" + counter++, graph.baseScope());
    for (Output<?> in : inputs) {
      builder.addInput(in);
    }
    if (ksize != null) {
      builder.setAttr("ksize", ksize);
      builder.setAttr("strides", ksize);
    } else {
      builder.setAttr("strides", new long[] {1, 1, 1, 1});
    }
    builder.setAttr("padding", padding);
    return builder.build().output(0);
  }

  private static float[] fetch(Session session, Output<?> output, int size) {
    try (Result result = session.runner().fetch(output).run()) {
      float[] out = new float[size];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }
}
