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
}
