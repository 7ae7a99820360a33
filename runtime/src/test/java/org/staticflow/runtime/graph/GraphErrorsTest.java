package org.staticflow.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.GraphDef;
import org.staticflow.runtime.graph.interpreter.GraphSession;
import org.staticflow.runtime.graph.interpreter.LoadedGraph;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;

/** Bad graphs and bad feeds fail with typed exceptions that name the node, op or file and what was expected. */
class GraphErrorsTest {
  @TempDir Path dir;

  private static final String HEADER =
      "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } }"
          + " attr { key: 'shape' value { shape { dim { size: -1 } dim { size: 3 } } } } }\n"
          + "node { name: 'w' op: 'Const' attr { key: 'dtype' value { type: DT_FLOAT } } attr { key: 'value' value { tensor {"
          + " dtype: DT_FLOAT tensor_shape { dim { size: 3 } dim { size: 2 } } float_val: 1 float_val: 2 float_val: 3"
          + " float_val: 4 float_val: 5 float_val: 6 } } } }\n";

  private static GraphDef graph(String nodes) throws Exception {
    GraphDef.Builder builder = GraphDef.newBuilder();
    TextFormat.merge(HEADER + nodes + "versions { producer: 27 }", builder);
    return builder.build();
  }

  @Test
  void aSmallTextGraphRunsAndPadsShortConstLists() throws Exception {
    GraphDef def = graph("node { name: 'y' op: 'MatMul' input: 'x' input: 'w' attr { key: 'T' value { type: DT_FLOAT } } }");
    FloatTensor x = FloatTensor.of(Shape.of(1, 3), 1, 1, 1);
    // float_val lists all six values here; 1+3+5 and 2+4+6.
    assertEquals(FloatTensor.of(Shape.of(1, 2), 9, 12), LoadedGraph.load(def).newSession().run(Map.of("x", x), "y"));
    GraphDef splat = graph("node { name: 'z' op: 'Const' attr { key: 'dtype' value { type: DT_FLOAT } } attr { key: 'value'"
        + " value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 3 } } float_val: 7 } } } }");
    assertEquals(FloatTensor.of(Shape.of(3), 7, 7, 7), LoadedGraph.load(splat).newSession().run(Map.of(), "z"));
  }

  @Test
  void unsupportedOpsAreAllListedAtLoadTime() throws Exception {
    GraphDef def = graph("node { name: 'a' op: 'Cumsum' input: 'x' input: 'w' }\n"
        + "node { name: 'b' op: 'Svd' input: 'x' }\nnode { name: 'c' op: 'Cumsum' input: 'a' input: 'w' }");
    UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> LoadedGraph.load(def));
    assertEquals(List.of(new UnsupportedOpsException.Offender("a", "Cumsum"), new UnsupportedOpsException.Offender("b", "Svd"),
        new UnsupportedOpsException.Offender("c", "Cumsum")), e.offenders());
    assertEquals("unsupported op types Cumsum, Svd in 3 nodes: a (Cumsum), b (Svd), c (Cumsum)", e.getMessage());
  }

  @Test
  void shapeMismatchIsFoundAtLoadTime() throws Exception {
    GraphDef def = graph("node { name: 'layer/MatMul' op: 'MatMul' input: 'w' input: 'w' attr { key: 'T' value { type: DT_FLOAT } } }");
    InvalidGraphException e = assertThrows(InvalidGraphException.class, () -> LoadedGraph.load(def));
    assertEquals("node 'layer/MatMul' (MatMul): inner dimensions differ: [3,2] @ [3,2]", e.getMessage());
  }

  @Test
  void missingInputsMissingAttributesAndCyclesAreNamed() throws Exception {
    InvalidGraphException missing = assertThrows(InvalidGraphException.class,
        () -> LoadedGraph.load(graph("node { name: 'y' op: 'Relu' input: 'nothere:0' attr { key: 'T' value { type: DT_FLOAT } } }")));
    assertEquals("node 'y' (Relu): input 'nothere:0' names no node of the graph", missing.getMessage());
    InvalidGraphException attr = assertThrows(InvalidGraphException.class,
        () -> LoadedGraph.load(graph("node { name: 'p' op: 'MaxPool' input: 'x' attr { key: 'padding' value { s: 'SAME' } } }")));
    assertEquals("node 'p' (MaxPool): missing attribute 'strides' (a list(int))", attr.getMessage());
    InvalidGraphException cycle = assertThrows(InvalidGraphException.class,
        () -> LoadedGraph.load(graph("node { name: 'a' op: 'Identity' input: 'b' }\nnode { name: 'b' op: 'Identity' input: 'a' }")));
    assertTrue(cycle.getMessage().startsWith("the graph has a cycle"), cycle.getMessage());
    assertTrue(cycle.getMessage().contains("a (Identity)"), cycle.getMessage());
  }

  @Test
  void badFeedsAndFetchesAreRejectedWithWhatWasExpected() throws Exception {
    GraphDef def = graph("node { name: 'y' op: 'MatMul' input: 'x' input: 'w' attr { key: 'T' value { type: DT_FLOAT } } }");
    GraphSession session = LoadedGraph.load(def).newSession();
    GraphException shape = assertThrows(GraphException.class,
        () -> session.run(Map.of("x", FloatTensor.zeros(Shape.of(2, 4))), "y"));
    assertEquals("feed 'x': expected DT_FLOAT[?,3], got DT_FLOAT[2,4]", shape.getMessage());
    GraphException unfed = assertThrows(GraphException.class, () -> session.run(Map.of(), "y"));
    assertEquals("node 'x' (Placeholder): placeholder 'x' must be fed (DT_FLOAT[?,3])", unfed.getMessage());
    GraphException fetch = assertThrows(GraphException.class,
        () -> session.run(Map.of("x", FloatTensor.zeros(Shape.of(2, 3))), "y:1"));
    assertEquals("fetch 'y:1': node 'y' (MatMul) has 1 output", fetch.getMessage());
    GraphException unknown = assertThrows(GraphException.class, () -> session.run(Map.of(), "nope"));
    assertEquals("fetch 'nope' names no node of the graph", unknown.getMessage());
  }

  @Test
  void unreadableFilesNameTheFile() throws Exception {
    Path garbage = dir.resolve("garbage.pb");
    Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02});
    GraphException e = assertThrows(GraphException.class, () -> GraphFiles.readGraphDef(garbage));
    assertTrue(e.getMessage().startsWith(garbage + ": not a binary GraphDef"), e.getMessage());
    Path text = dir.resolve("bad.pbtxt");
    Files.writeString(text, "node { name: 'x' op: }");
    GraphException t = assertThrows(GraphException.class, () -> GraphFiles.readGraphDef(text));
    assertTrue(t.getMessage().startsWith(text + ": not a text-format GraphDef"), t.getMessage());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> GraphFiles.readGraphDef(dir.resolve("none.pb")));
  }
}
