package org.staticflow.processor.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.UnaryKind;

/** Common subexpression and dead node elimination on hand-built graphs. */
class PassesTest {
  private static final TensorType T = new TensorType(DType.FLOAT32, TensorType.BATCH, 3);

  @Test
  void mergesIdenticalNodesButNotDropout() {
    Graph graph = new Graph();
    Node x = graph.add("x", new Op.Placeholder(), List.of(), T);
    Node keep = graph.add("keep", new Op.Const(0.5), List.of(), new TensorType(DType.FLOAT32));
    Node r1 = graph.add("r1", new Op.Unary(UnaryKind.RELU), List.of(x), T);
    Node r2 = graph.add("r2", new Op.Unary(UnaryKind.RELU), List.of(x), T);
    Node t = graph.add("t", new Op.Unary(UnaryKind.TANH), List.of(x), T);
    Node s1 = graph.add("s1", new Op.Binary(BinaryKind.ADD), List.of(r1, t), T);
    Node s2 = graph.add("s2", new Op.Binary(BinaryKind.ADD), List.of(r2, t), T);
    Node d1 = graph.add("d1", new Op.Dropout(), List.of(s1, keep), T);
    Node d2 = graph.add("d2", new Op.Dropout(), List.of(s2, keep), T);
    Node m1 = graph.add("m1", new Op.Reshape(new int[] {TensorType.BATCH, 3}), List.of(d1), T);
    Node m2 = graph.add("m2", new Op.Reshape(new int[] {TensorType.BATCH, 3}), List.of(d1), T);
    graph.addOutput("a", m1, false);
    graph.addOutput("b", m2, false);
    graph.addOutput("c", d2, false);
    assertEquals(3, CommonSubexpressionElimination.run(graph), "r2, s2 (after r2 merges) and m2 (equal arrays)");
    assertEquals(List.of("x", "keep", "r1", "t", "s1", "d1", "d2", "m1"),
        graph.nodes().stream().map(Node::name).toList());
    assertEquals("s1", graph.outputs().get("c").input(0).name(), "dropout kept, its input merged");
    assertEquals(graph.outputs().get("a"), graph.outputs().get("b"));
  }

  @Test
  void removesWhatNoOutputNeeds() {
    Graph graph = new Graph();
    Node x = graph.add("x", new Op.Placeholder(), List.of(), T);
    Node used = graph.add("used", new Op.Unary(UnaryKind.EXP), List.of(x), T);
    graph.add("unused", new Op.Unary(UnaryKind.LOG), List.of(x), T);
    graph.addOutput("y", used, false);
    assertEquals(1, DeadNodeElimination.run(graph));
    assertEquals(List.of("x", "used"), graph.nodes().stream().map(Node::name).toList());
  }
}
