package org.staticflow.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.proto.VariableDef;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.graph.export.GraphDefBuilder;
import org.staticflow.runtime.graph.export.GraphFreezer;
import org.staticflow.runtime.graph.export.MetaGraphExport;
import org.staticflow.runtime.graph.export.SavedModelExport;
import org.staticflow.runtime.graph.interpreter.LoadedGraph;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.graph.savedmodel.ModelBundle;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.types.TString;

/**
 * Graphs written by Staticflow's builder, meta graph writer, freezer and SavedModel exporter are imported
 * by real TensorFlow, which restores the checkpoint through the written saver_def and computes what
 * Staticflow computes.
 */
class GraphExportTest {
  @TempDir Path dir;

  private static FloatTensor random(Random random, float stddev, int... dims) {
    FloatTensor t = FloatTensor.zeros(Shape.of(dims));
    for (int i = 0; i < t.data().length; i++) {
      t.data()[i] = (float) (random.nextGaussian() * stddev);
    }
    return t;
  }

  /** A model: its graph (initial values from seed 1) and "trained" values (seed 2) to save and restore. */
  private record Model(GraphDefBuilder graph, Map<String, Tensor> trained, String input, FloatTensor x, List<String> outputs) {}

  private static Model mlp() {
    Random init = new Random(1);
    Random trained = new Random(2);
    GraphDefBuilder g = new GraphDefBuilder();
    Map<String, Tensor> values = new LinkedHashMap<>();
    String x = g.placeholder("x-input", DataType.FLOAT, -1, 20);
    String w1 = variable(g, values, init, trained, "layer1/weights", 0.5f, 20, 16);
    String b1 = variable(g, values, init, trained, "layer1/biases", 0.1f, 16);
    String h = g.unary("Relu", "layer1/Relu", g.binary("Add", "layer1/add", g.matmul("layer1/MatMul", x, w1), b1));
    String w2 = variable(g, values, init, trained, "layer2/weights", 0.5f, 16, 10);
    String b2 = variable(g, values, init, trained, "layer2/biases", 0.1f, 10);
    String logits = g.biasAdd("layer2/BiasAdd", g.matmul("layer2/MatMul", h, w2), b2);
    g.unary("Softmax", "probabilities", logits);
    g.argmax("ArgMax", logits, 1);
    g.initOp("init");
    return new Model(g, values, "x-input", GraphInterpreterTest.randomInput(3, 5, 20), List.of("probabilities", "ArgMax"));
  }

  private static Model cnn() {
    Random init = new Random(1);
    Random trained = new Random(2);
    GraphDefBuilder g = new GraphDefBuilder();
    Map<String, Tensor> values = new LinkedHashMap<>();
    String x = g.placeholder("x_input", DataType.FLOAT, -1, 196);
    String image = g.reshape("Reshape", x, -1, 14, 14, 1);
    String k1 = variable(g, values, init, trained, "conv1/weights", 0.3f, 5, 5, 1, 4);
    String c1 = g.unary("Relu", "conv1/Relu", g.biasAdd("conv1/BiasAdd",
        g.conv2d("conv1/Conv2D", image, k1, new int[] {1, 1, 1, 1}, "SAME"), variable(g, values, init, trained, "conv1/biases", 0.1f, 4)));
    String p1 = g.pool("MaxPool", "pool1/MaxPool", c1, new int[] {1, 2, 2, 1}, new int[] {1, 2, 2, 1}, "SAME");
    String k2 = variable(g, values, init, trained, "conv2/weights", 0.3f, 3, 3, 4, 6);
    String c2 = g.unary("Tanh", "conv2/Tanh", g.conv2d("conv2/Conv2D", p1, k2, new int[] {1, 2, 2, 1}, "VALID"));
    String p2 = g.pool("AvgPool", "pool2/AvgPool", c2, new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1}, "VALID");
    String flat = g.reshape("Reshape_1", p2, -1, 3 * 3 * 6);
    String logits = g.binary("AddV2", "fc/add", g.matmul("fc/MatMul", flat, variable(g, values, init, trained, "fc/weights", 0.3f, 54, 10)),
        variable(g, values, init, trained, "fc/biases", 0.1f, 10));
    g.unary("Softmax", "probabilities", logits);
    g.reduce("Mean", "Mean", logits, new int[] {1}, false);
    g.argmax("ArgMax", logits, 1);
    return new Model(g, values, "x_input", GraphInterpreterTest.randomInput(4, 3, 196), List.of("probabilities", "Mean", "ArgMax"));
  }

  private static String variable(GraphDefBuilder g, Map<String, Tensor> values, Random init, Random trained, String name,
      float stddev, int... dims) {
    values.put(name, random(trained, stddev, dims));
    return g.variable(name, random(init, stddev, dims));
  }

  /** Staticflow's outputs: the graph loaded with the trained values, only what the outputs need. */
  private static List<Tensor> staticflow(Model model) {
    ModelBundleLike bundle = new ModelBundleLike(model);
    return bundle.run();
  }

  /** Runs the builder's graph in the interpreter with the trained values bound to the variables. */
  private record ModelBundleLike(Model model) {
    List<Tensor> run() {
      LoadedGraph graph = LoadedGraph.load(model.graph().build(),
          org.staticflow.runtime.graph.interpreter.GraphOptions.defaults().variables(model.trained()).outputs(model.outputs()));
      return graph.newSession().run(Map.of(model.input(), model.x()), model.outputs());
    }
  }

  private static void assertAllClose(List<Tensor> expected, List<Tensor> actual, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      Close.assertClose(expected.get(i), actual.get(i), names.get(i));
    }
  }

  @Test
  void metaGraphAndCheckpointAreRestoredByTensorFlowThroughTheSaverDef() throws Exception {
    for (Model model : List.of(mlp(), cnn())) {
      MetaGraphDef meta = MetaGraphExport.metaGraph(model.graph());
      Path saveDir = Files.createDirectories(dir.resolve(model.input()));
      Path prefix = Saver.builder(model.trained()).metaGraph(meta).build().save(saveDir.resolve("model.ckpt"), 1000);
      Path metaFile = Path.of(prefix + ".meta");
      assertTrue(Files.isRegularFile(metaFile));
      List<Tensor> expected;
      try (Graph graph = new Graph()) {
        org.tensorflow.proto.MetaGraphDef tfMeta = org.tensorflow.proto.MetaGraphDef.parseFrom(Files.readAllBytes(metaFile));
        graph.importGraphDef(tfMeta.getGraphDef());
        try (Session session = new Session(graph); TString file = TString.scalarOf(prefix.toString())) {
          session.runner().feed(tfMeta.getSaverDef().getFilenameTensorName(), file)
              .addTarget(tfMeta.getSaverDef().getRestoreOpName()).run().close();
          expected = TfRun.run(session, Map.of(model.input(), model.x()), model.outputs());
        }
      }
      assertAllClose(expected, staticflow(model), model.outputs());
      // The .meta read back by Staticflow, with the checkpoint, computes the same.
      ModelBundle bundle = ModelBundle.loadMetaGraph(metaFile, prefix);
      List<Tensor> reloaded = bundle.load(Map.of(model.input(), TensorSpec.of(model.x())), model.outputs()).newSession()
          .run(Map.of(model.input(), model.x()), model.outputs());
      assertAllClose(expected, reloaded, model.outputs());
    }
  }

  @Test
  void metaGraphHoldsTheSaverDefCollectionsAndStrippedOps() throws Exception {
    MetaGraphDef meta = MetaGraphExport.metaGraph(mlp().graph());
    assertEquals("save/Const:0", meta.getSaverDef().getFilenameTensorName());
    assertEquals("save/control_dependency:0", meta.getSaverDef().getSaveTensorName());
    assertEquals("save/restore_all", meta.getSaverDef().getRestoreOpName());
    List<String> ops = meta.getMetaInfoDef().getStrippedOpList().getOpList().stream().map(o -> o.getName()).toList();
    assertEquals(List.of("Add", "ArgMax", "Assign", "BiasAdd", "Const", "Identity", "MatMul", "NoOp", "Placeholder",
        "PlaceholderWithDefault", "Relu", "RestoreV2", "SaveV2", "Softmax", "VariableV2"), ops);
    assertTrue(meta.getMetaInfoDef().getStrippedOpList().getOpList().stream().allMatch(o -> o.getDescription().isEmpty()));
    List<String> variables = new ArrayList<>();
    for (com.google.protobuf.ByteString bytes : meta.getCollectionDefOrThrow("variables").getBytesList().getValueList()) {
      VariableDef def = VariableDef.parseFrom(bytes);
      variables.add(def.getVariableName() + " " + def.getInitializerName() + " " + def.getSnapshotName() + " " + def.getTrainable());
    }
    assertEquals(List.of("layer1/weights:0 layer1/weights/Assign layer1/weights/read:0 true",
        "layer1/biases:0 layer1/biases/Assign layer1/biases/read:0 true",
        "layer2/weights:0 layer2/weights/Assign layer2/weights/read:0 true",
        "layer2/biases:0 layer2/biases/Assign layer2/biases/read:0 true"), variables);
    assertEquals(meta.getCollectionDefOrThrow("variables"), meta.getCollectionDefOrThrow("trainable_variables"));
  }

  @Test
  void writeMetaGraphFalseWritesNoMetaFile() throws Exception {
    Model model = mlp();
    Path prefix = Saver.builder(model.trained()).metaGraph(MetaGraphExport.metaGraph(model.graph())).writeMetaGraph(false)
        .build().save(dir.resolve("model.ckpt"), 1);
    assertTrue(Files.isRegularFile(Path.of(prefix + ".index")));
    assertFalse(Files.exists(Path.of(prefix + ".meta")));
  }

  @Test
  void retentionDeletesTheMetaFileWithItsCheckpoint() throws Exception {
    Model model = mlp();
    Saver saver = Saver.builder(model.trained()).metaGraph(MetaGraphExport.metaGraph(model.graph())).maxToKeep(1).build();
    Path first = saver.save(dir.resolve("model.ckpt"), 1);
    Path second = saver.save(dir.resolve("model.ckpt"), 2);
    assertFalse(Files.exists(Path.of(first + ".meta")));
    assertFalse(Files.exists(Path.of(first + ".index")));
    assertTrue(Files.isRegularFile(Path.of(second + ".meta")));
  }

  @Test
  void frozenGraphsInBothFormsRunInTensorFlowWithTheSameOutputs() throws Exception {
    for (Model model : List.of(mlp(), cnn())) {
      GraphDef frozen = GraphFreezer.freeze(model.graph().build(), model.trained(), model.outputs());
      assertTrue(frozen.getNodeList().stream().noneMatch(n -> n.getOp().equals("VariableV2") || n.getOp().equals("Assign")));
      for (String name : List.of("frozen.pb", "frozen.pbtxt")) {
        Path file = dir.resolve(model.input() + "-" + name);
        GraphFiles.write(file, frozen);
        GraphDef read = GraphFiles.readGraphDef(file);
        assertEquals(frozen, read, name);
        List<Tensor> expected = TfRun.run(read.toByteArray(), Map.of(model.input(), model.x()), model.outputs());
        // The frozen graph loads whole into the interpreter (nothing unsupported is left).
        List<Tensor> actual = LoadedGraph.read(file).newSession().run(Map.of(model.input(), model.x()), model.outputs());
        assertAllClose(expected, actual, model.outputs());
        assertAllClose(expected, staticflow(model), model.outputs());
      }
    }
  }

  @Test
  void savedModelLoadsInTensorFlowAndServesTheSameOutputs() throws Exception {
    for (Model model : List.of(mlp(), cnn())) {
      Path export = dir.resolve("export-" + model.input());
      SavedModelExport.write(export, model.graph(), model.trained(), Map.of("x", model.input() + ":0"),
          Map.of("probabilities", "probabilities:0", "classes", "ArgMax:0"));
      List<Tensor> expected;
      try (SavedModelBundle bundle = SavedModelBundle.load(export.toString(), "serve")) {
        assertEquals(List.of("serving_default"), bundle.signatures().stream().map(s -> s.key()).toList());
        expected = TfRun.run(bundle.session(), Map.of(model.input() + ":0", model.x()), List.of("probabilities:0", "ArgMax:0"));
      }
      Map<String, Tensor> served = ModelBundle.loadSavedModel(export).signature("serving_default").run(Map.of("x", model.x()));
      assertAllClose(expected, List.of(served.get("probabilities"), served.get("classes")), List.of("probabilities", "classes"));
    }
  }

  @Test
  void dropoutAndSigmoidCrossEntropyAreBuiltAsTensorFlowBuildsThem() throws Exception {
    GraphDefBuilder g = new GraphDefBuilder();
    String x = g.placeholder("x", DataType.FLOAT, -1, 6);
    String keep = g.placeholder("keep_prob", DataType.FLOAT);
    String labels = g.placeholder("labels", DataType.FLOAT, -1, 6);
    String dropped = g.dropout("dropout", x, keep);
    String centered = g.binary("Sub", "centered", dropped, g.constant("half", 0.5f));
    String loss = g.sigmoidCrossEntropy("logistic_loss", labels, centered);
    g.reduce("Mean", "loss", loss, new int[] {0, 1}, false);
    byte[] bytes = g.build().toByteArray();
    Map<String, FloatTensor> feeds = Map.of("x", GraphInterpreterTest.randomInput(5, 4, 6), "keep_prob", FloatTensor.scalar(1f),
        "labels", GraphInterpreterTest.randomInput(6, 4, 6));
    List<String> fetches = List.of("dropout/mul", "logistic_loss", "loss");
    assertAllClose(TfRun.run(bytes, feeds, fetches), LoadedGraph.load(g.build()).newSession().run(feeds, fetches), fetches);
  }

  @Test
  void builderErrorsNameTheNode() {
    GraphDefBuilder g = new GraphDefBuilder();
    g.placeholder("x", DataType.FLOAT, -1, 3);
    assertEquals("a node named 'x' already exists",
        assertThrows(GraphException.class, () -> g.placeholder("x", DataType.FLOAT, 1)).getMessage());
    assertEquals("node 'y' (Relu): input 'z' does not exist yet",
        assertThrows(GraphException.class, () -> g.node("Relu", "y", List.of("z"), Map.of(), DataType.FLOAT)).getMessage());
    assertEquals("variable 'v' (node 'v', VariableV2) has no value to freeze", assertThrows(GraphException.class, () -> {
      g.variable("v", FloatTensor.scalar(1));
      GraphFreezer.freeze(g.build(), Map.of(), List.of("v/read"));
    }).getMessage());
  }
}
