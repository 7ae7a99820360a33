package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * conv2d, max_pool and avg_pool with both paddings, several strides and odd sizes (so SAME pads
 * unevenly), compared with TensorFlow's own kernels run through TensorFlow Java.
 */
class WindowOpsTest {
  private static final int H = 7;
  private static final int W = 6;
  private static final int C = 3;
  private static CompiledModel model;
  private static Graph graph;
  private static Session session;

  @BeforeAll
  static void setUp() {
    model = ModelCompiler.compileAndLoad("Windows", ModelCompiler.source("Windows",
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;",
        "@Model",
        "public interface Windows {",
        "  @Input(shape = {-1, 7, 6, 3}) Tensor x();",
        "  @Variable(shape = {3, 2, 3, 4}, init = \"truncated_normal(stddev=0.5)\") Tensor w();",
        "  @Variable(shape = {2, 2, 3, 2}, init = \"random_uniform(minval=-1, maxval=1)\") Tensor v();",
        "  @Output(\"conv2d(x, w, [1, 1, 1, 1], 'SAME')\") Tensor convSame();",
        "  @Output(\"conv2d(x, w, strides=[1, 2, 3, 1], padding='VALID')\") Tensor convValid23();",
        "  @Output(\"tf.nn.conv2d(x, v, strides=[1, 2, 2, 1], padding='SAME')\") Tensor convSame22();",
        "  @Output(\"conv2d(x, v, strides=[1, 3, 1, 1], padding='VALID')\") Tensor convValid31();",
        "  @Output(\"max_pool(x, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding='SAME')\") Tensor maxSame();",
        "  @Output(\"max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID')\") Tensor maxValid();",
        "  @Output(\"avg_pool(x, ksize=[1, 3, 2, 1], strides=[1, 2, 1, 1], padding='SAME')\") Tensor avgSame();",
        "  @Output(\"avg_pool(x, ksize=[1, 2, 3, 1], strides=[1, 1, 3, 1], padding='VALID')\") Tensor avgValid();",
        "}"));
    model.initializeVariables(21);
    graph = new Graph();
    session = new Session(graph);
  }

  @AfterAll
  static void tearDown() {
    session.close();
    graph.close();
  }

  private static float[] variable(String name) {
    return model.variables().stream().filter(e -> e.name().equals(name)).map(e -> ((FloatTensor) e.value()).data())
        .findFirst().orElseThrow();
  }

  private static int counter;

  private static float[] tensorFlow(String type, float[] x, int batch, float[] filter, long[] filterDims, long[] ksize,
      long[] strides, String padding) {
    Ops tf = Ops.create(graph);
    Output<?> input = tf.constant(org.tensorflow.ndarray.Shape.of(batch, H, W, C), DataBuffers.of(x, true, false)).asOutput();
    GraphOperationBuilder op = graph.opBuilder(type, type + "_" + counter++, graph.baseScope()).addInput(input);
    if (filter != null) {
      op.addInput(tf.constant(org.tensorflow.ndarray.Shape.of(filterDims), DataBuffers.of(filter, true, false)).asOutput());
    }
    if (ksize != null) {
      op.setAttr("ksize", ksize);
    }
    op.setAttr("strides", strides);
    op.setAttr("padding", padding);
    GraphOperation built = op.build();
    try (Result result = session.runner().fetch(built.output(0)).run()) {
      TFloat32 value = (TFloat32) result.get(0);
      float[] out = new float[(int) value.size()];
      value.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  private static void check(String output, String type, String filter, long[] filterDims, long[] ksize, long[] strides,
      String padding, int batch, float[] x, long... expectedDims) {
    float[] expected = tensorFlow(type, x, batch, filter == null ? null : variable(filter), filterDims, ksize, strides, padding);
    FloatTensor actual = (FloatTensor) model.output(output);
    assertEquals(Shape.of(expectedDims), actual.shape(), output);
    assertEquals(expected.length, actual.data().length, output);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual.data()[i], 1e-5 * Math.max(1, Math.abs(expected[i])), output + "[" + i + "]");
    }
  }

  @Test
  void matchTensorFlowAtSeveralBatchSizes() {
    for (int batch : new int[] {1, 3}) {
      model.batchSize(batch);
      float[] x = ((FloatTensor) model.input("x")).data();
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.sin(i * 0.91 + batch) * 3;
      }
      model.forward();
      long[] w = {3, 2, 3, 4};
      long[] v = {2, 2, 3, 2};
      check("convSame", "Conv2D", "w", w, null, new long[] {1, 1, 1, 1}, "SAME", batch, x, batch, 7, 6, 4);
      check("convValid23", "Conv2D", "w", w, null, new long[] {1, 2, 3, 1}, "VALID", batch, x, batch, 3, 2, 4);
      check("convSame22", "Conv2D", "v", v, null, new long[] {1, 2, 2, 1}, "SAME", batch, x, batch, 4, 3, 2);
      check("convValid31", "Conv2D", "v", v, null, new long[] {1, 3, 1, 1}, "VALID", batch, x, batch, 2, 5, 2);
      check("maxSame", "MaxPool", null, null, new long[] {1, 3, 3, 1}, new long[] {1, 2, 2, 1}, "SAME", batch, x, batch, 4, 3, 3);
      check("maxValid", "MaxPool", null, null, new long[] {1, 2, 2, 1}, new long[] {1, 2, 2, 1}, "VALID", batch, x, batch, 3, 3, 3);
      check("avgSame", "AvgPool", null, null, new long[] {1, 3, 2, 1}, new long[] {1, 2, 1, 1}, "SAME", batch, x, batch, 4, 6, 3);
      check("avgValid", "AvgPool", null, null, new long[] {1, 2, 3, 1}, new long[] {1, 1, 3, 1}, "VALID", batch, x, batch, 6, 2, 3);
    }
  }
}
