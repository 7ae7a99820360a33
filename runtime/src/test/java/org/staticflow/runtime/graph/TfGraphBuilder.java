package org.staticflow.runtime.graph;

import java.util.Random;
import java.util.function.Consumer;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;

/**
 * Builds graphs in real TensorFlow (TensorFlow Java's graph API, op by op as TF1's Python would), so that
 * the GraphDefs the interpreter is tested on are TensorFlow's own serialisation, default attrs included.
 * Weights are random {@code Const}s: the graphs are "frozen" from the start.
 */
final class TfGraphBuilder {
  final Graph graph;
  final Ops tf;
  private final Random random;

  TfGraphBuilder(Graph graph, long seed) {
    this.graph = graph;
    this.tf = Ops.create(graph);
    this.random = new Random(seed);
  }

  /** Ops whose next op is named {@code name}; scopes for the parts before '/' (withName refuses slashes). */
  Ops named(String name) {
    Ops ops = tf;
    String[] parts = name.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      ops = ops.withSubScope(parts[i]);
    }
    return ops.withName(parts[parts.length - 1]);
  }

  Output<?> placeholder(String name, long... dims) {
    return graph.opBuilder("Placeholder", name, graph.baseScope())
        .setAttr("dtype", DataType.DT_FLOAT).setAttr("shape", Shape.of(dims)).build().output(0);
  }

  /** A float Const of normal(0, stddev) values. */
  Output<?> weights(String name, float stddev, long... dims) {
    float[] values = new float[Math.toIntExact(Shape.of(dims).size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * stddev);
    }
    return named(name).constant(Shape.of(dims), DataBuffers.of(values)).asOutput();
  }

  Output<?> ints(String name, int... values) {
    return named(name).constant(values).asOutput();
  }

  Output<?> scalar(String name, int value) {
    return named(name).constant(value).asOutput();
  }

  Output<?> scalar(String name, float value) {
    return named(name).constant(value).asOutput();
  }

  /** An op with {@code T = DT_FLOAT} and more attrs set by {@code attrs}. */
  Output<?> op(String type, String name, Consumer<GraphOperationBuilder> attrs, Output<?>... inputs) {
    GraphOperationBuilder builder = graph.opBuilder(type, name, graph.baseScope());
    for (Output<?> input : inputs) {
      builder.addInput(input);
    }
    attrs.accept(builder);
    return builder.build().output(0);
  }

  /** An op whose first input is a list ({@code ConcatV2}, {@code Pack}), followed by single inputs. */
  Output<?> listOp(String type, String name, Consumer<GraphOperationBuilder> attrs, Output<?>[] list, Output<?>... rest) {
    GraphOperationBuilder builder = graph.opBuilder(type, name, graph.baseScope());
    builder.addInputList(list);
    for (Output<?> input : rest) {
      builder.addInput(input);
    }
    attrs.accept(builder);
    return builder.build().output(0);
  }

  Output<?> op(String type, String name, Output<?>... inputs) {
    return op(type, name, b -> b.setAttr("T", DataType.DT_FLOAT), inputs);
  }

  /** The MLP of the TF1 MNIST tutorial, small: x[?,20] -> relu(16) -> 10 logits -> softmax, argmax. */
  static TfGraphBuilder mlp(Graph graph, long seed) {
    TfGraphBuilder b = new TfGraphBuilder(graph, seed);
    Output<?> x = b.placeholder("x-input", -1, 20);
    Output<?> w1 = b.weights("layer1/weights", 0.5f, 20, 16);
    Output<?> b1 = b.weights("layer1/biases", 0.1f, 16);
    Output<?> h = b.op("Relu", "layer1/Relu", b.op("AddV2", "layer1/add", b.op("MatMul", "layer1/MatMul", x, w1), b1));
    Output<?> w2 = b.weights("layer2/weights", 0.5f, 16, 10);
    Output<?> b2 = b.weights("layer2/biases", 0.1f, 10);
    Output<?> logits = b.op("BiasAdd", "layer2/BiasAdd", b.op("MatMul", "layer2/MatMul", h, w2), b2);
    b.op("Softmax", "probabilities", logits);
    b.op("ArgMax", "ArgMax", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32)
        .setAttr("output_type", DataType.DT_INT64), logits, b.scalar("ArgMax/dimension", 1));
    return b;
  }

  /**
   * The CNN of the TF1 "Deep MNIST" tutorial, small: x[?,784] reshaped to 28x28, conv 5x5x4 SAME + bias +
   * relu, max pool 2x2, conv 3x3x8 VALID + relu, avg pool 2x2 VALID, dense 10, softmax and argmax.
   */
  static TfGraphBuilder cnn(Graph graph, long seed) {
    TfGraphBuilder b = new TfGraphBuilder(graph, seed);
    Output<?> x = b.placeholder("x_input", -1, 784);
    Output<?> image = b.op("Reshape", "Reshape", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tshape", DataType.DT_INT32),
        x, b.ints("Reshape/shape", -1, 28, 28, 1));
    Output<?> c1 = b.op("Conv2D", "conv1/Conv2D", a -> a.setAttr("T", DataType.DT_FLOAT)
        .setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "SAME"), image, b.weights("conv1/weights", 0.3f, 5, 5, 1, 4));
    Output<?> r1 = b.op("Relu", "conv1/Relu", b.op("BiasAdd", "conv1/BiasAdd", c1, b.weights("conv1/biases", 0.1f, 4)));
    Output<?> p1 = b.op("MaxPool", "pool1/MaxPool", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("ksize", new long[] {1, 2, 2, 1})
        .setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "SAME"), r1);
    Output<?> c2 = b.op("Conv2D", "conv2/Conv2D", a -> a.setAttr("T", DataType.DT_FLOAT)
        .setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "VALID"), p1, b.weights("conv2/weights", 0.3f, 3, 3, 4, 8));
    Output<?> r2 = b.op("Relu", "conv2/Relu", b.op("AddV2", "conv2/add", c2, b.weights("conv2/biases", 0.1f, 8)));
    Output<?> p2 = b.op("AvgPool", "pool2/AvgPool", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("ksize", new long[] {1, 2, 2, 1})
        .setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "VALID"), r2);
    Output<?> flat = b.op("Reshape", "Reshape_1", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tshape", DataType.DT_INT32),
        p2, b.ints("Reshape_1/shape", -1, 6 * 6 * 8));
    Output<?> logits = b.op("Add", "fc/add", b.op("MatMul", "fc/MatMul", flat, b.weights("fc/weights", 0.2f, 288, 10)),
        b.weights("fc/biases", 0.1f, 10));
    b.op("Softmax", "probabilities", logits);
    b.op("ArgMax", "ArgMax", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32)
        .setAttr("output_type", DataType.DT_INT64), logits, b.scalar("ArgMax/dimension", 1));
    return b;
  }
}
