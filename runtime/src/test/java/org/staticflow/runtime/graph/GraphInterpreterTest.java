package org.staticflow.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.GraphDef;
import org.staticflow.runtime.graph.interpreter.GraphSession;
import org.staticflow.runtime.graph.interpreter.LoadedGraph;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.Graph;

/** Frozen graphs built in TensorFlow run on Staticflow's interpreter and give TensorFlow's outputs. */
class GraphInterpreterTest {
  @TempDir Path dir;

  static FloatTensor randomInput(long seed, int... dims) {
    Random random = new Random(seed);
    FloatTensor x = FloatTensor.zeros(Shape.of(dims));
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = random.nextFloat();
    }
    return x;
  }

  static byte[] graphDef(java.util.function.Function<Graph, TfGraphBuilder> build) {
    try (Graph graph = new Graph()) {
      build.apply(graph);
      return graph.toGraphDef().toByteArray();
    }
  }

  private void assertSameAsTensorFlow(byte[] bytes, String input, FloatTensor x, List<String> fetches, LoadedGraph graph)
      throws Exception {
    List<Tensor> expected = TfRun.run(bytes, Map.of(input, x), fetches);
    try (GraphSession session = graph.newSession()) {
      List<Tensor> actual = session.run(Map.of(input, x), fetches);
      for (int i = 0; i < fetches.size(); i++) {
        Close.assertClose(expected.get(i), actual.get(i), fetches.get(i));
      }
    }
  }

  @Test
  void mlpGivesTensorFlowsOutputs() throws Exception {
    byte[] bytes = graphDef(g -> TfGraphBuilder.mlp(g, 1));
    LoadedGraph graph = LoadedGraph.load(GraphDef.parseFrom(bytes));
    assertSameAsTensorFlow(bytes, "x-input", randomInput(2, 7, 20),
        List.of("probabilities:0", "ArgMax:0", "layer1/Relu:0", "layer2/BiasAdd:0"), graph);
  }

  @Test
  void cnnGivesTensorFlowsOutputs() throws Exception {
    byte[] bytes = graphDef(g -> TfGraphBuilder.cnn(g, 3));
    LoadedGraph graph = LoadedGraph.load(GraphDef.parseFrom(bytes));
    assertEquals("[?,6,6,8]", graph.spec("pool2/AvgPool").shapeString(), "shapes are inferred at load time");
    assertSameAsTensorFlow(bytes, "x_input", randomInput(4, 3, 784),
        List.of("probabilities", "ArgMax", "conv1/Relu", "pool1/MaxPool", "conv2/Relu"), graph);
  }

  @Test
  void binaryAndTextFilesLoadTheSameGraph() throws Exception {
    byte[] bytes = graphDef(g -> TfGraphBuilder.cnn(g, 5));
    GraphDef def = GraphDef.parseFrom(bytes);
    Path binary = dir.resolve("cnn.pb");
    Path text = dir.resolve("cnn.pbtxt");
    Files.write(binary, bytes);
    Files.writeString(text, TextFormat.printer().printToString(def), StandardCharsets.UTF_8);
    FloatTensor x = randomInput(6, 2, 784);
    List<Tensor> expected = TfRun.run(bytes, Map.of("x_input", x), List.of("probabilities"));
    for (Path file : List.of(binary, text)) {
      Tensor actual = LoadedGraph.read(file).newSession().run(Map.of("x_input", x), "probabilities");
      Close.assertClose(expected.get(0), actual, file.getFileName().toString());
    }
    assertEquals(def, GraphFiles.readGraphDef(text));
  }

  @Test
  void listsNodesAsNameAndType() throws Exception {
    LoadedGraph graph = LoadedGraph.load(GraphDef.parseFrom(graphDef(g -> TfGraphBuilder.mlp(g, 1))));
    List<String> lines = graph.nodes().stream().map(Object::toString).toList();
    assertEquals("x-input Placeholder", lines.get(0));
    assertTrue(lines.contains("layer1/MatMul MatMul"), lines.toString());
    assertTrue(lines.contains("ArgMax ArgMax"), lines.toString());
  }

  @Test
  void buffersAreReusedAndResultsStayIndependent() throws Exception {
    byte[] bytes = graphDef(g -> TfGraphBuilder.mlp(g, 8));
    LoadedGraph graph = LoadedGraph.load(GraphDef.parseFrom(bytes));
    try (GraphSession session = graph.newSession()) {
      FloatTensor a = randomInput(1, 4, 20);
      FloatTensor b = randomInput(2, 4, 20);
      Tensor first = session.run(Map.of("x-input", a), "probabilities");
      Tensor copy = Tensors.copy(first);
      Tensor second = session.run(Map.of("x-input", b), "probabilities");
      assertEquals(copy, first, "a result is not overwritten by the next run");
      assertNotSame(first, second);
      // A different batch size reallocates; the same again reuses; values follow the inputs every time.
      Tensor third = session.run(Map.of("x-input", randomInput(3, 9, 20)), "probabilities");
      assertEquals(9, third.shape().dim(0));
      Close.assertClose(copy, session.run(Map.of("x-input", a), "probabilities"), "same input, same output");
      Close.assertClose(TfRun.run(bytes, Map.of("x-input", b), List.of("probabilities")).get(0), second, "second run");
    }
  }

  @Test
  void anIntermediateTensorCanBeFed() throws Exception {
    byte[] bytes = graphDef(g -> TfGraphBuilder.mlp(g, 9));
    LoadedGraph graph = LoadedGraph.load(GraphDef.parseFrom(bytes));
    FloatTensor hidden = randomInput(10, 5, 16);
    List<Tensor> expected = TfRun.run(bytes, Map.of("layer1/Relu", hidden), List.of("probabilities"));
    Close.assertClose(expected.get(0), graph.newSession().run(Map.of("layer1/Relu:0", hidden), "probabilities"), "fed hidden layer");
  }

  /**
   * TF1's dropout (keep_prob fed) and tf.layers.flatten patterns: shapes known only at run time flow
   * through Shape, StridedSlice, Pack, RandomUniform and Reshape.
   */
  @Test
  void dropoutAndFlattenPatternsRunWithRunTimeShapes() throws Exception {
    byte[] bytes;
    try (Graph g = new Graph()) {
      TfGraphBuilder b = new TfGraphBuilder(g, 12);
      org.tensorflow.Output<?> x = b.placeholder("x", -1, 4, 3);
      org.tensorflow.Output<?> keep = g.opBuilder("Placeholder", "keep_prob", g.baseScope())
          .setAttr("dtype", org.tensorflow.proto.DataType.DT_FLOAT).setAttr("shape", org.tensorflow.ndarray.Shape.scalar())
          .build().output(0);
      org.tensorflow.Output<?> shape = b.op("Shape", "dropout/Shape", a -> a.setAttr("T", org.tensorflow.proto.DataType.DT_FLOAT)
          .setAttr("out_type", org.tensorflow.proto.DataType.DT_INT32), x);
      org.tensorflow.Output<?> uniform = b.op("RandomUniform", "dropout/random_uniform/RandomUniform", a -> a
          .setAttr("T", org.tensorflow.proto.DataType.DT_INT32).setAttr("dtype", org.tensorflow.proto.DataType.DT_FLOAT)
          .setAttr("seed", 0L).setAttr("seed2", 0L), shape);
      org.tensorflow.Output<?> mask = b.op("Floor", "dropout/Floor", b.op("Add", "dropout/add", keep, uniform));
      org.tensorflow.Output<?> dropped = b.op("Mul", "dropout/mul", b.op("RealDiv", "dropout/div", x, keep), mask);
      org.tensorflow.Output<?> dims = b.op("Shape", "flatten/Shape", a -> a.setAttr("T", org.tensorflow.proto.DataType.DT_FLOAT)
          .setAttr("out_type", org.tensorflow.proto.DataType.DT_INT32), dropped);
      org.tensorflow.Output<?> batch = b.op("StridedSlice", "flatten/strided_slice", a -> a
          .setAttr("T", org.tensorflow.proto.DataType.DT_INT32).setAttr("Index", org.tensorflow.proto.DataType.DT_INT32)
          .setAttr("shrink_axis_mask", 1L), dims, b.ints("flatten/begin", 0), b.ints("flatten/end", 1), b.ints("flatten/strides", 1));
      org.tensorflow.Output<?> target = b.listOp("Pack", "flatten/Reshape/shape", a -> a
          .setAttr("T", org.tensorflow.proto.DataType.DT_INT32).setAttr("axis", 0L),
          new org.tensorflow.Output<?>[] {batch, b.scalar("flatten/minus_one", -1)});
      b.op("Reshape", "flatten/Reshape", a -> a.setAttr("T", org.tensorflow.proto.DataType.DT_FLOAT)
          .setAttr("Tshape", org.tensorflow.proto.DataType.DT_INT32), dropped, target);
      bytes = g.toGraphDef().toByteArray();
    }
    LoadedGraph graph = LoadedGraph.load(GraphDef.parseFrom(bytes));
    assertEquals("[?,?]", graph.spec("flatten/Reshape").shapeString(), "unknown until run time");
    FloatTensor x = randomInput(13, 5, 4, 3);
    Map<String, FloatTensor> feeds = Map.of("x", x, "keep_prob", FloatTensor.scalar(1f));
    List<Tensor> expected = TfRun.run(bytes, feeds, List.of("flatten/Reshape"));
    Tensor actual = graph.newSession().run(feeds, "flatten/Reshape");
    Close.assertClose(expected.get(0), actual, "keep_prob 1: dropout keeps everything");
    assertEquals("[5,12]", actual.shape().toString());
    // With keep_prob 0.5 about half the elements are dropped and the rest doubled.
    FloatTensor half = (FloatTensor) graph.newSession().run(Map.of("x", x, "keep_prob", FloatTensor.scalar(0.5f)), "flatten/Reshape");
    int kept = 0;
    for (int i = 0; i < half.data().length; i++) {
      if (half.data()[i] != 0) {
        kept++;
        assertEquals(2 * x.data()[i], half.data()[i], 1e-6f);
      }
    }
    assertTrue(kept > 10 && kept < 50, kept + " of 60 kept");
  }
}
