package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.SavedModel;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.graph.io.NpyFormat;
import org.staticflow.runtime.graph.io.TensorJson;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.testing.SharedFiles;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** {@code staticflow graph list|dot|run} and {@code staticflow freeze}, in-process. */
class GraphCliTest {
  @TempDir Path dir;

  private static final Path HALF_PLUS_TWO = SharedFiles.servingFixture("servables/tensorflow/testdata/saved_model_half_plus_two_cpu/00000123");

  @AfterEach
  void clearDot() {
    System.clearProperty("staticflow.dot");
  }

  /** A small frozen graph written as .pb: y = relu(x @ w + b). */
  private Path frozenGraph(String name) throws Exception {
    GraphDef.Builder graph = GraphDef.newBuilder();
    com.google.protobuf.TextFormat.merge(
        "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } }"
            + " attr { key: 'shape' value { shape { dim { size: -1 } dim { size: 2 } } } } }"
            + " node { name: 'w' op: 'Const' attr { key: 'dtype' value { type: DT_FLOAT } } attr { key: 'value' value { tensor {"
            + " dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 2 } } float_val: 1 float_val: -1 float_val: 2 float_val: 3 } } } }"
            + " node { name: 'b' op: 'Const' attr { key: 'dtype' value { type: DT_FLOAT } } attr { key: 'value' value { tensor {"
            + " dtype: DT_FLOAT tensor_shape { dim { size: 2 } } float_val: 0.5 float_val: -10 } } } }"
            + " node { name: 'layer/MatMul' op: 'MatMul' input: 'x' input: 'w' attr { key: 'T' value { type: DT_FLOAT } } }"
            + " node { name: 'layer/BiasAdd' op: 'BiasAdd' input: 'layer/MatMul' input: 'b' attr { key: 'T' value { type: DT_FLOAT } } }"
            + " node { name: 'y' op: 'Relu' input: 'layer/BiasAdd' attr { key: 'T' value { type: DT_FLOAT } } }"
            + " versions { producer: 27 }", graph);
    Path file = dir.resolve(name);
    GraphFiles.write(file, graph.build());
    return file;
  }

  @Test
  void listPrintsNameAndTypeForGraphsMetaGraphsAndSavedModels() throws Exception {
    for (String name : List.of("g.pb", "g.pbtxt")) {
      Cli.Result result = Cli.run("graph", "list", frozenGraph(name));
      assertEquals(0, result.status(), result.toString());
      assertEquals("x Placeholder\nw Const\nb Const\nlayer/MatMul MatMul\nlayer/BiasAdd BiasAdd\ny Relu\n", result.out());
    }
    Cli.Result saved = Cli.run("graph", "list", HALF_PLUS_TWO);
    assertEquals(0, saved.status(), saved.toString());
    assertEquals("a/initial_value Const", saved.lines()[0]);
    assertTrue(List.of(saved.lines()).contains("save/restore_all NoOp"), saved.out());
  }

  @Test
  void dotDrawsNodesAndEdges() throws Exception {
    Cli.Result result = Cli.run("graph", "dot", frozenGraph("g.pb"));
    assertEquals(0, result.status(), result.toString());
    assertTrue(result.out().startsWith("digraph graph_def {\n"), result.out());
    assertTrue(result.out().contains("  \"layer/MatMul\" [label=\"layer/MatMul\\nMatMul\"];\n"), result.out());
    assertTrue(result.out().contains("  \"x\" -> \"layer/MatMul\";\n"), result.out());
    assertTrue(result.out().endsWith("}\n"), result.out());
  }

  @Test
  void dotToSvgNeedsGraphvizAndSaysSo() throws Exception {
    System.setProperty("staticflow.dot", dir.resolve("no-graphviz-here").toString());
    Cli.Result result = Cli.run("graph", "dot", frozenGraph("g.pb"), "--svg", dir.resolve("g.svg"));
    assertEquals(2, result.status(), result.toString());
    assertTrue(result.err().startsWith("staticflow: --svg needs Graphviz, but '" + dir.resolve("no-graphviz-here") + "' cannot be run"),
        result.err());
  }

  @Test
  void dotToSvgPipesTheDotTextThroughGraphviz() throws Exception {
    // A stand-in for Graphviz's dot: records its arguments and standard input, writes the -o file.
    Path fake = dir.resolve("fake-dot");
    Files.writeString(fake, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("args.txt") + "\"\ncat > \"" + dir.resolve("stdin.dot")
        + "\"\necho '<svg/>' > \"$3\"\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    System.setProperty("staticflow.dot", fake.toString());
    Path svg = dir.resolve("g.svg");
    Cli.Result result = Cli.run("graph", "dot", frozenGraph("g.pb"), "--svg", svg);
    assertEquals(0, result.status(), result.toString());
    assertEquals("-Tsvg -o " + svg + "\n", Files.readString(dir.resolve("args.txt")));
    assertEquals(result.out(), Files.readString(dir.resolve("stdin.dot")));
    assertEquals("<svg/>\n", Files.readString(svg));
  }

  @Test
  void runFeedsNpyAndJsonAndWritesResults() throws Exception {
    Path graph = frozenGraph("g.pb");
    Path npy = dir.resolve("x.npy");
    NpyFormat.write(npy, FloatTensor.of(Shape.of(2, 2), 1, 2, 3, 4));
    Path out = dir.resolve("y.npy");
    Cli.Result result = Cli.run("graph", "run", graph, "--feed", "x=" + npy, "--fetch", "y:0=" + out, "--fetch", "layer/MatMul");
    assertEquals(0, result.status(), result.toString());
    // x @ w = [[1+4, -1+6], [3+8, -3+12]] = [[5, 5], [11, 9]]; + b = [[5.5, -5], [11.5, -1]]; relu.
    assertEquals(FloatTensor.of(Shape.of(2, 2), 5.5f, 0, 11.5f, 0), NpyFormat.read(out));
    assertEquals("{\"dtype\": \"DT_FLOAT\", \"shape\": [2, 2], \"values\": [5.0, 5.0, 11.0, 9.0]}\n", result.out());

    Path json = dir.resolve("x.json");
    Files.writeString(json, "{\"dtype\": \"DT_FLOAT\", \"shape\": [1, 2], \"values\": [1, 0]}");
    Path jsonOut = dir.resolve("y.json");
    Cli.Result fromJson = Cli.run("graph", "run", graph, "--feed", "x:0=" + json, "--fetch", "y=" + jsonOut);
    assertEquals(0, fromJson.status(), fromJson.toString());
    assertEquals("{\"dtype\": \"DT_FLOAT\", \"shape\": [1, 2], \"values\": [1.5, 0.0]}\n", Files.readString(jsonOut));
  }

  @Test
  void runServesASavedModel() throws Exception {
    Path json = dir.resolve("x.json");
    Files.writeString(json, "{\"dtype\": \"DT_FLOAT\", \"shape\": [3, 1], \"values\": [1, 2, 5]}");
    Cli.Result result = Cli.run("graph", "run", HALF_PLUS_TWO, "--feed", "x:0=" + json, "--fetch", "y:0");
    assertEquals(0, result.status(), result.toString());
    assertEquals("{\"dtype\": \"DT_FLOAT\", \"shape\": [3, 1], \"values\": [2.5, 3.0, 4.5]}\n", result.out());
  }

  @Test
  void runErrorsAreOneLine() throws Exception {
    Path graph = frozenGraph("g.pb");
    Path npy = dir.resolve("x.npy");
    NpyFormat.write(npy, FloatTensor.of(Shape.of(1, 3), 1, 2, 3));
    Cli.Result shape = Cli.run("graph", "run", graph, "--feed", "x=" + npy, "--fetch", "y");
    assertEquals(2, shape.status());
    assertEquals("staticflow: node 'layer/MatMul' (MatMul): inner dimensions differ: [1,3] @ [2,2]\n", shape.err());
    Cli.Result syntax = Cli.run("graph", "run", graph, "--feed", "x", "--fetch", "y");
    assertEquals(2, syntax.status());
    assertTrue(syntax.err().startsWith("staticflow: --feed expects NAME=FILE, got 'x'\n"), syntax.err());
    Cli.Result unfed = Cli.run("graph", "run", graph, "--fetch", "y");
    assertEquals("staticflow: node 'x' (Placeholder): placeholder 'x' must be fed (DT_FLOAT[?,2])\n", unfed.err());
    Cli.Result missing = Cli.run("graph", "list", dir.resolve("none.pb"));
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("none.pb"), missing.err());
  }

  @Test
  void freezeTurnsMetaGraphAndCheckpointIntoAGraphTensorFlowRuns() throws Exception {
    // A TF1 checkpoint with its .meta beside it: the half_plus_two SavedModel's meta graph and variables.
    SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(HALF_PLUS_TWO.resolve("saved_model.pb")));
    Path prefix = dir.resolve("model.ckpt");
    Files.write(dir.resolve("model.ckpt.meta"), saved.getMetaGraphs(0).toByteArray());
    Files.copy(HALF_PLUS_TWO.resolve("variables/variables.index"), dir.resolve("model.ckpt.index"));
    Files.copy(HALF_PLUS_TWO.resolve("variables/variables.data-00000-of-00001"), dir.resolve("model.ckpt.data-00000-of-00001"));
    for (String out : List.of("frozen.pb", "frozen.pbtxt")) {
      Path frozen = dir.resolve(out);
      Cli.Result result = Cli.run("freeze", prefix, "--outputs", "y,y2", frozen);
      assertEquals(0, result.status(), result.toString());
      GraphDef graph = GraphFiles.readGraphDef(frozen);
      assertTrue(result.out().startsWith("froze " + graph.getNodeCount() + " of 74 nodes (outputs y, y2) into "), result.out());
      List<String> ops = graph.getNodeList().stream().map(n -> n.getName() + " " + n.getOp()).toList();
      assertTrue(ops.contains("a Const") && ops.contains("a/read Identity") && ops.contains("c Const"), ops.toString());
      assertTrue(ops.stream().noneMatch(n -> n.contains("Variable") || n.contains("save/") || n.contains("Assign")), ops.toString());
      Path json = dir.resolve("x.json");
      Files.writeString(json, "{\"dtype\": \"DT_FLOAT\", \"shape\": [2, 1], \"values\": [4, 10]}");
      Cli.Result run = Cli.run("graph", "run", frozen, "--feed", "x=" + json, "--fetch", "y", "--fetch", "y2");
      assertEquals("{\"dtype\": \"DT_FLOAT\", \"shape\": [2, 1], \"values\": [4.0, 7.0]}\n"
          + "{\"dtype\": \"DT_FLOAT\", \"shape\": [2, 1], \"values\": [5.0, 8.0]}\n", run.out(), run.toString());
    }
    // The .meta graph runs directly with its checkpoint, and needs it.
    Path json = dir.resolve("x.json");
    Cli.Result meta = Cli.run("graph", "run", dir.resolve("model.ckpt.meta"), "--checkpoint", prefix, "--feed", "x:0=" + json, "--fetch", "y");
    assertEquals("{\"dtype\": \"DT_FLOAT\", \"shape\": [2, 1], \"values\": [4.0, 7.0]}\n", meta.out(), meta.toString());
    Cli.Result noCheckpoint = Cli.run("graph", "run", dir.resolve("model.ckpt.meta"), "--feed", "x:0=" + json, "--fetch", "y");
    assertEquals(2, noCheckpoint.status());
    assertTrue(noCheckpoint.err().contains("is a meta graph: give the checkpoint holding its variables with --checkpoint PREFIX"),
        noCheckpoint.err());
    // TensorFlow imports the frozen graph and computes the same.
    try (Graph graph = new Graph()) {
      graph.importGraphDef(org.tensorflow.proto.GraphDef.parseFrom(Files.readAllBytes(dir.resolve("frozen.pb"))));
      try (Session session = new Session(graph);
          TFloat32 x = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(2, 1), DataBuffers.of(new float[] {4, 10}, true, false));
          Result result = session.runner().feed("x", x).fetch("y").run()) {
        float[] y = new float[2];
        result.get(0).asRawTensor().data().asFloats().read(y);
        assertEquals("[4.0, 7.0]", java.util.Arrays.toString(y));
      }
    }
  }

  @Test
  void freezeErrorsNameWhatIsMissing() throws Exception {
    Cli.Result noMeta = Cli.run("freeze", dir.resolve("model.ckpt"), "--outputs", "y", dir.resolve("out.pb"));
    assertEquals(2, noMeta.status());
    assertTrue(noMeta.err().startsWith("staticflow: no meta graph " + dir.resolve("model.ckpt.meta")), noMeta.err());
    SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(HALF_PLUS_TWO.resolve("saved_model.pb")));
    Files.write(dir.resolve("m.meta"), saved.getMetaGraphs(0).toByteArray());
    Files.copy(HALF_PLUS_TWO.resolve("variables/variables.index"), dir.resolve("m.index"));
    Files.copy(HALF_PLUS_TWO.resolve("variables/variables.data-00000-of-00001"), dir.resolve("m.data-00000-of-00001"));
    Cli.Result unknown = Cli.run("freeze", dir.resolve("m"), "--outputs", "y,nope", dir.resolve("out.pb"));
    assertEquals("staticflow: output node 'nope' is not in the graph\n", unknown.err());
  }
}
