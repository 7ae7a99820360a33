package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.tensor.FloatTensor;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The generated gradients of conv2d (input and filter), max_pool (with ties), avg_pool and the fused cross
 * entropies, against TensorFlow's own gradient kernels ({@code Conv2DBackpropInput}, {@code
 * Conv2DBackpropFilter}, {@code MaxPoolGrad}, {@code AvgPoolGrad}, the backprop output of {@code
 * SoftmaxCrossEntropyWithLogits}) run through TensorFlow Java, on odd sizes so that SAME pads unevenly. Each
 * loss is {@code reduce_sum(f(x) * g)}, so {@code dL/dx} is f's backward kernel applied to {@code g}.
 */
class BackwardKernelsTensorFlowTest {
  private static Graph graph;
  private static Session session;
  private static Ops tf;

  @BeforeAll
  static void setUp() {
    graph = new Graph();
    session = new Session(graph);
    tf = Ops.create(graph);
  }

  @AfterAll
  static void tearDown() {
    session.close();
    graph.close();
  }

  private static TrainableModel model(String name, String x, String other, String g, String loss) {
    return (TrainableModel) ModelCompiler.compileAndLoad(name, ModelCompiler.source(name,
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;",
        "@Model",
        "public interface " + name + " {",
        "  @Variable(name = \"x\", shape = {" + x + "}) Tensor x();",
        other.isEmpty() ? "" : "  @Variable(name = \"f\", shape = {" + other + "}) Tensor f();",
        "  @Input(name = \"g\", shape = {" + g + "}) Tensor g();",
        "  @Loss(\"" + loss + "\") Tensor loss();",
        "}"));
  }

  private static float[] fill(TrainableModel model, String name, double phase, boolean ties) {
    FloatTensor tensor = name.equals("g") ? (FloatTensor) model.input("g")
        : (FloatTensor) model.variableTensors().get(name);
    float[] data = tensor.data();
    for (int i = 0; i < data.length; i++) {
      double v = Math.sin(i * 0.73 + phase) * 2;
      // Rounded to halves, values repeat within pooling windows: the tie rules must agree too.
      data[i] = ties ? (float) (Math.round(v * 2) / 2.0) : (float) v;
    }
    return data;
  }

  private static Operand<TFloat32> constant(float[] data, long... dims) {
    return tf.constant(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(data, true, false));
  }

  private static int counter;

  private static float[] run(String type, List<Operand<?>> inputs, long[] ksize, long[] strides, String padding, int output) {
    GraphOperationBuilder op = graph.opBuilder(type, type + "_" + counter++, graph.baseScope());
    for (Operand<?> input : inputs) {
      op.addInput(input.asOutput());
    }
    if (ksize != null) {
      op.setAttr("ksize", ksize);
    }
    if (strides != null) {
      op.setAttr("strides", strides);
      op.setAttr("padding", padding);
    }
    GraphOperation built = op.build();
    try (Result result = session.runner().fetch(built.output(output)).run()) {
      TFloat32 value = (TFloat32) result.get(0);
      float[] out = new float[(int) value.size()];
      value.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
    }
  }

  private static long[] dims(String text) {
    return java.util.Arrays.stream(text.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
  }

  @Test
  void conv2dBackpropInputAndFilter() {
    String[][] cases = {
      {"2, 7, 6, 3", "3, 2, 3, 4", "1, 1, 1, 1", "SAME", "2, 7, 6, 4"},
      {"2, 7, 6, 3", "3, 2, 3, 4", "1, 2, 3, 1", "VALID", "2, 3, 2, 4"},
      {"2, 7, 6, 3", "2, 2, 3, 2", "1, 2, 2, 1", "SAME", "2, 4, 3, 2"},
      {"1, 7, 6, 3", "3, 3, 3, 2", "1, 3, 1, 1", "SAME", "1, 3, 6, 2"},
    };
    for (String[] c : cases) {
      String padding = c[3];
      TrainableModel model = model("Conv" + counter++, c[0], c[1], c[4],
          "reduce_sum(conv2d(x, f, strides=[" + c[2] + "], padding='" + padding + "') * g)");
      float[] x = fill(model, "x", 0.1, false);
      float[] f = fill(model, "f", 0.7, false);
      float[] g = fill(model, "g", 1.3, false);
      model.computeGradients();
      long[] strides = dims(c[2]);
      float[] dx = run("Conv2DBackpropInput", List.of(tf.constant(toInts(dims(c[0]))), constant(f, dims(c[1])),
          constant(g, dims(c[4]))), null, strides, padding, 0);
      float[] df = run("Conv2DBackpropFilter", List.of(constant(x, dims(c[0])), tf.constant(toInts(dims(c[1]))),
          constant(g, dims(c[4]))), null, strides, padding, 0);
      assertClose(dx, model.gradient("x").data(), "Conv2DBackpropInput " + String.join(" ", c));
      assertClose(df, model.gradient("f").data(), "Conv2DBackpropFilter " + String.join(" ", c));
    }
  }

  @Test
  void poolingGradientsWithTies() {
    String[][] cases = {
      {"max_pool", "3, 3", "2, 2", "SAME", "2, 4, 3, 3"},
      {"max_pool", "2, 2", "2, 2", "VALID", "2, 3, 3, 3"},
      {"max_pool", "3, 2", "1, 1", "VALID", "2, 5, 5, 3"},
      {"avg_pool", "3, 2", "2, 1", "SAME", "2, 4, 6, 3"},
      {"avg_pool", "2, 3", "1, 3", "VALID", "2, 6, 2, 3"},
    };
    for (String[] c : cases) {
      String padding = c[3];
      long[] ksize = {1, dims(c[1])[0], dims(c[1])[1], 1};
      long[] strides = {1, dims(c[2])[0], dims(c[2])[1], 1};
      TrainableModel model = model("Pool" + counter++, "2, 7, 6, 3", "", c[4],
          "reduce_sum(" + c[0] + "(x, ksize=[1, " + c[1] + ", 1], strides=[1, " + c[2] + ", 1], padding='" + padding
              + "') * g)");
      float[] x = fill(model, "x", 0.2, true);
      float[] g = fill(model, "g", 0.9, false);
      model.computeGradients();
      float[] expected;
      if (c[0].equals("max_pool")) {
        Operand<TFloat32> input = constant(x, 2, 7, 6, 3);
        GraphOperationBuilder pool = graph.opBuilder("MaxPool", "MaxPool_" + counter++, graph.baseScope())
            .addInput(input.asOutput()).setAttr("ksize", ksize).setAttr("strides", strides).setAttr("padding", padding);
        GraphOperation forward = pool.build();
        expected = run("MaxPoolGrad", List.of(input, forward.output(0), constant(g, dims(c[4]))), ksize, strides,
            padding, 0);
      } else {
        expected = run("AvgPoolGrad", List.of(tf.constant(new int[] {2, 7, 6, 3}), constant(g, dims(c[4]))), ksize,
            strides, padding, 0);
      }
      assertClose(expected, model.gradient("x").data(), String.join(" ", c));
    }
  }

  @Test
  void crossEntropyGradientsAreTensorFlowsBackprop() {
    TrainableModel dense = model("Xent", "5, 7", "", "5, 7",
        "reduce_sum(softmax_cross_entropy_with_logits(labels=softmax(g), logits=x))");
    float[] x = fill(dense, "x", 0.4, false);
    fill(dense, "g", 2.1, false);
    dense.forward();
    // The labels TensorFlow sees are our softmax(g), read back from a forward pass of the same kernel.
    float[] labels = new float[35];
    float[] gIn = ((FloatTensor) dense.input("g")).data();
    for (int r = 0; r < 5; r++) {
      double sum = 0;
      for (int j = 0; j < 7; j++) sum += Math.exp(gIn[r * 7 + j]);
      for (int j = 0; j < 7; j++) labels[r * 7 + j] = (float) (Math.exp(gIn[r * 7 + j]) / sum);
    }
    dense.computeGradients();
    float[] backprop = run("SoftmaxCrossEntropyWithLogits", List.of(constant(x, 5, 7), constant(labels, 5, 7)), null,
        null, null, 1);
    float[] actual = dense.gradient("x").data();
    for (int i = 0; i < 35; i++) {
      // The labels differ from ours in the last bit, so compare at 1e-5 absolute.
      assertEquals(backprop[i], actual[i], 1e-5, "softmax cross entropy [" + i + "]");
    }

    TrainableModel sparse = model("SparseXent", "6, 4", "", "6, 4",
        "reduce_sum(sparse_softmax_cross_entropy_with_logits(labels=argmax(g, 1), logits=x))");
    float[] logits = fill(sparse, "x", 0.8, false);
    float[] g = fill(sparse, "g", 1.7, false);
    sparse.computeGradients();
    long[] classes = new long[6];
    for (int r = 0; r < 6; r++) {
      for (int j = 1; j < 4; j++) {
        if (g[r * 4 + j] > g[r * 4 + (int) classes[r]]) classes[r] = j;
      }
    }
    float[] sparseBackprop = run("SparseSoftmaxCrossEntropyWithLogits", List.of(constant(logits, 6, 4),
        tf.constant(classes)), null, null, null, 1);
    assertClose(sparseBackprop, sparse.gradient("x").data(), "sparse softmax cross entropy");
  }

  @Test
  void reluHasGradientZeroAtZeroAsTensorFlow() {
    TrainableModel model = model("ReluAtZero", "4", "", "4", "reduce_sum(relu(x) * g) + reduce_sum(relu6(x + 6) * g)");
    float[] x = ((FloatTensor) model.variableTensors().get("x")).data();
    float[] g = ((FloatTensor) model.input("g")).data();
    x[0] = 0f;
    x[1] = 1f;
    x[2] = -1f;
    x[3] = -6f;
    java.util.Arrays.fill(g, 2f);
    model.computeGradients();
    // relu: 0 at 0, 1 above; relu6(x + 6): 1 strictly between 0 and 6, so 0 at x = 0 and at x = -6.
    assertClose(new float[] {0f, 2f, 2f, 0f}, model.gradient("x").data(), "relu and relu6 at their kinks");
  }

  private static int[] toInts(long[] values) {
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) ints[i] = (int) values[i];
    return ints;
  }
}
