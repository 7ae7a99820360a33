package org.staticflow.processor.graphimport;

import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Frozen graphs built with TensorFlow's own op definitions (TensorFlow Java), the way
 * {@code convert_variables_to_constants} leaves a TF1 model: weights are {@code Const} nodes under the
 * variables' names, read through {@code /read} identities.
 */
final class TensorFlowGraphs {
  private final Graph graph;
  private final Random random;

  TensorFlowGraphs(Graph graph, long seed) {
    this.graph = graph;
    this.random = new Random(seed);
  }

  /**
   * The classic MNIST CNN, narrowed to stay quick: conv 5x5x1x8 SAME + relu, max_pool 2x2, conv 5x5x8x16
   * SAME + relu, max_pool, reshape to 784, dense 32 relu, dense 10, softmax and ArgMax; node names as the TF1
   * tutorial writes them ({@code inputs/x_input}, {@code conv_layer_1/W_conv_1}, ..., {@code ArgMax}).
   */
  void mnistCnn() {
    Output<?> x = placeholder("inputs/x_input", -1, 784);
    Output<?> image = op("inputs/Reshape", "Reshape", x, ints("inputs/Reshape/shape", -1, 28, 28, 1)).build().output(0);
    Output<?> h1 = convLayer("conv_layer_1", 1, image, 1, 8);
    Output<?> p1 = pool("pool_layer_1/MaxPool", "MaxPool", h1, 2, 2, "SAME");
    Output<?> h2 = convLayer("conv_layer_2", 2, p1, 8, 16);
    Output<?> p2 = pool("pool_layer_2/MaxPool", "MaxPool", h2, 2, 2, "SAME");
    Output<?> flat = op("fc_layer_1/Reshape", "Reshape", p2, ints("fc_layer_1/Reshape/shape", -1, 7 * 7 * 16)).build().output(0);
    Output<?> fc1 = op("fc_layer_1/Relu", "Relu",
        op("fc_layer_1/add", "AddV2", matmul("fc_layer_1/MatMul", flat, weight("fc_layer_1/W_fc_1", 784, 32)),
            weight("fc_layer_1/b_fc_1", 32)).build().output(0)).build().output(0);
    Output<?> logits = op("fc_layer_2/logits_output", "AddV2",
        matmul("fc_layer_2/MatMul", fc1, weight("fc_layer_2/W_fc_2", 32, 10)), weight("fc_layer_2/b_fc_2", 10))
        .build().output(0);
    op("Softmax", "Softmax", logits).build();
    op("ArgMax", "ArgMax", logits, ints0("ArgMax/dimension", 1)).build();
  }

  private Output<?> convLayer(String scope, int index, Output<?> in, int inChannels, int outChannels) {
    Output<?> w = weight(scope + "/W_conv_" + index, 5, 5, inChannels, outChannels);
    Output<?> b = weight(scope + "/b_conv_" + index, outChannels);
    Output<?> conv = op(scope + "/Conv2D", "Conv2D", in, w)
        .setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "SAME").build().output(0);
    Output<?> sum = op(scope + "/BiasAdd", "BiasAdd", conv, b).build().output(0);
    return op(scope + "/Relu", "Relu", sum).build().output(0);
  }

  Output<?> pool(String name, String type, Output<?> in, int size, int stride, String padding) {
    return op(name, type, in).setAttr("ksize", new long[] {1, size, size, 1})
        .setAttr("strides", new long[] {1, stride, stride, 1}).setAttr("padding", padding).build().output(0);
  }

  Output<?> matmul(String name, Output<?> a, Output<?> b) {
    return op(name, "MatMul", a, b).build().output(0);
  }

  /** A random {@code Const} weight and its {@code /read} identity. */
  Output<?> weight(String name, long... dims) {
    int n = 1;
    for (long d : dims) {
      n *= (int) d;
    }
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextGaussian() * 0.2);
    }
    try (TFloat32 value = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(values, true, false))) {
      Output<?> constant = constant(name, value, DataType.DT_FLOAT);
      return op(name + "/read", "Identity", constant).build().output(0);
    }
  }

  Output<?> placeholder(String name, long... dims) {
    return graph.opBuilder("Placeholder", name, graph.baseScope()).setAttr("dtype", DataType.DT_FLOAT)
        .setAttr("shape", Shape.of(dims)).build().output(0);
  }

  Output<?> ints(String name, int... values) {
    try (TInt32 value = TInt32.vectorOf(values)) {
      return constant(name, value, DataType.DT_INT32);
    }
  }

  Output<?> ints0(String name, int scalar) {
    try (TInt32 value = TInt32.scalarOf(scalar)) {
      return constant(name, value, DataType.DT_INT32);
    }
  }

  private Output<?> constant(String name, org.tensorflow.Tensor value, DataType type) {
    return graph.opBuilder("Const", name, graph.baseScope()).setAttr("value", value).setAttr("dtype", type)
        .build().output(0);
  }

  GraphOperationBuilder op(String name, String type, Output<?>... inputs) {
    GraphOperationBuilder builder = graph.opBuilder(type, name, graph.baseScope());
    for (Output<?> in : inputs) {
      builder.addInput(in);
    }
    return builder;
  }

  /** Runs {@code fetch} with {@code x} fed to {@code feed} (shape {@code [rows, cols]}). */
  static float[] runFloat(Session session, String feed, float[] x, int rows, int cols, String fetch) {
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(x, true, false));
        Result result = session.runner().feed(feed, input).fetch(fetch).run()) {
      TFloat32 out = (TFloat32) result.get(0);
      float[] values = new float[(int) out.shape().size()];
      out.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  /** As {@link #runFloat} for an int64 result. */
  static long[] runLong(Session session, String feed, float[] x, int rows, int cols, String fetch) {
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(x, true, false));
        Result result = session.runner().feed(feed, input).fetch(fetch).run()) {
      TInt64 out = (TInt64) result.get(0);
      long[] values = new long[(int) out.shape().size()];
      out.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }
}
