package org.staticflow.processor.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TensorFlow's Graph.unique_name rules. */
class GraphTest {

  @Test
  void uniqueNamesCountPerBase() {
    Graph graph = new Graph();
    assertEquals("add", graph.uniqueName("add"));
    assertEquals("add_1", graph.uniqueName("add"));
    assertEquals("add_2", graph.uniqueName("add"));
    assertEquals("layer1/MatMul", graph.uniqueName("layer1/MatMul"));
    assertEquals("layer1/MatMul_1", graph.uniqueName("layer1/MatMul"));
  }

  @Test
  void takenSuffixesAreSkippedAndCaseIsIgnored() {
    Graph graph = new Graph();
    assertTrue(graph.reserve("foo_1"));
    assertEquals("foo", graph.uniqueName("foo"));
    assertEquals("foo_2", graph.uniqueName("foo"), "foo_1 is taken");
    assertEquals("Foo_3", graph.uniqueName("Foo"), "names compare case-insensitively");
    assertFalse(graph.reserve("FOO_2"));
  }

  @Test
  void replaceRewiresConsumersAndOutputs() {
    Graph graph = new Graph();
    TensorType t = new TensorType(DType.FLOAT32, TensorType.BATCH, 2);
    Node x = graph.add("x", new Op.Placeholder(), List.of(), t);
    Node a = graph.add("a", new Op.Unary(UnaryKind.RELU), List.of(x), t);
    Node b = graph.add("b", new Op.Unary(UnaryKind.RELU), List.of(x), t);
    Node c = graph.add("c", new Op.Binary(BinaryKind.ADD), List.of(a, b), t);
    graph.addInput("x", x);
    graph.addOutput("out", c, false);
    graph.replace(java.util.Map.of(b, a));
    assertEquals(List.of("x", "a", "c"), graph.nodes().stream().map(Node::name).toList());
    Node rebuilt = graph.outputs().get("out");
    assertEquals(List.of(a, a), rebuilt.inputs());
    assertEquals(c.id(), rebuilt.id());
  }
}
