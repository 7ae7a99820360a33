package org.staticflow.processor.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.ReduceKind;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.UnaryKind;

/** Fusion decisions and buffer sharing on hand-built graphs; the compiled models exercise both end to end. */
class ScheduleTest {
  private static final TensorType T = new TensorType(DType.FLOAT32, TensorType.BATCH, 3);
  private static final TensorType ROW = new TensorType(DType.FLOAT32, 3);

  /** {@code y = act(x + bias)} with, when {@code train}, {@code dx = act'(dy)} and {@code dbias = sum(dx, 0)}. */
  private static final class Layer {
    final Graph graph = new Graph();
    final Node x = graph.add("x", new Op.Placeholder(), List.of(), T);
    final Node bias = graph.add("bias", new Op.Placeholder(), List.of(), ROW);
    final Node add = graph.add("add", new Op.Binary(BinaryKind.ADD), List.of(x, bias), T);
    final Node y;
    Node dx;
    Node dbias;

    Layer(UnaryKind activation) {
      y = graph.add("y", new Op.Unary(activation), List.of(add), T);
      graph.addOutput("y", y, false);
    }

    Layer train(UnaryKind activation) {
      Node dy = graph.add("dy", new Op.Placeholder(), List.of(), T);
      graph.addInput("dy", dy);
      graph.beginBackward();
      dx = graph.add("dx", new Op.UnaryGrad(activation), List.of(add, y, dy), T);
      dbias = graph.add("dbias", new Op.Reduce(ReduceKind.SUM, new int[] {0}, false), List.of(dx), ROW);
      graph.addOutput("dbias", dbias, false);
      return this;
    }
  }

  @Test
  void fusesTheBiasIntoTheActivationAndTheBiasGradientIntoTheActivationGradient() {
    Layer layer = new Layer(UnaryKind.RELU).train(UnaryKind.RELU);
    Schedule schedule = Schedule.of(layer.graph);
    assertEquals(Map.of(layer.y, layer.add), schedule.fusion().biasOf());
    assertTrue(schedule.fusion().isElided(layer.add));
    assertEquals(Map.of(layer.dx, layer.dbias), schedule.fusion().columnSumsOf());
    assertEquals(layer.dx, schedule.fusion().computedWith(layer.dbias));
  }

  @Test
  void keepsASumThatIsAnOutput() {
    Layer layer = new Layer(UnaryKind.RELU);
    layer.graph.addOutput("sum", layer.add, false);
    assertEquals(Map.of(), Schedule.of(layer.graph).fusion().biasOf());
  }

  @Test
  void keepsASumThatAnotherNodeReads() {
    Layer layer = new Layer(UnaryKind.RELU);
    Node twice = layer.graph.add("twice", new Op.Binary(BinaryKind.MUL), List.of(layer.add, layer.add), T);
    layer.graph.addOutput("twice", twice, false);
    assertFalse(Schedule.of(layer.graph).fusion().isElided(layer.add));
  }

  @Test
  void keepsTheSumWhenTheGradientNeedsTheActivationsInput() {
    // d log(s) / ds = 1 / s: the output log(s) cannot stand in for s.
    Layer trained = new Layer(UnaryKind.LOG).train(UnaryKind.LOG);
    assertEquals(Map.of(), Schedule.of(trained.graph).fusion().biasOf());
    // Without a gradient nothing else reads the sum.
    Layer inference = new Layer(UnaryKind.LOG);
    assertEquals(Map.of(inference.y, inference.add), Schedule.of(inference.graph).fusion().biasOf());
  }

  @Test
  void fusesABiasAddWhoseBiasComesFirst() {
    Graph graph = new Graph();
    Node x = graph.add("x", new Op.Placeholder(), List.of(), T);
    Node bias = graph.add("bias", new Op.Placeholder(), List.of(), ROW);
    Node add = graph.add("add", new Op.Binary(BinaryKind.ADD), List.of(bias, x), T);
    Node y = graph.add("y", new Op.Unary(UnaryKind.TANH), List.of(add), T);
    graph.addOutput("y", y, false);
    assertEquals(0, Fusion.biasRow(add));
    assertEquals(Map.of(y, add), Schedule.of(graph).fusion().biasOf());
  }

  @Test
  void aBroadcastThatIsNotABiasRowIsNotFused() {
    Graph graph = new Graph();
    Node x = graph.add("x", new Op.Placeholder(), List.of(), T);
    Node scalar = graph.add("s", new Op.Const(2), List.of(), new TensorType(DType.FLOAT32));
    Node add = graph.add("add", new Op.Binary(BinaryKind.ADD), List.of(x, scalar), T);
    Node y = graph.add("y", new Op.Unary(UnaryKind.RELU), List.of(add), T);
    graph.addOutput("y", y, false);
    assertEquals(-1, Fusion.biasRow(add));
    assertEquals(Map.of(), Schedule.of(graph).fusion().biasOf());
  }

  @Test
  void aChainReusesDeadIntermediatesAndRunsUnaryKernelsInPlace() {
    Graph graph = new Graph();
    Node x = graph.add("x", new Op.Placeholder(), List.of(), T);
    Node a = graph.add("a", new Op.Binary(BinaryKind.MUL), List.of(x, x), T);
    Node b = graph.add("b", new Op.Unary(UnaryKind.EXP), List.of(a), T);
    Node c = graph.add("c", new Op.Binary(BinaryKind.MUL), List.of(b, x), T);
    Node d = graph.add("d", new Op.Binary(BinaryKind.ADD), List.of(c, x), T);
    Node e = graph.add("e", new Op.Binary(BinaryKind.MUL), List.of(d, x), T);
    graph.addOutput("e", e, false);
    BufferAssignment buffers = Schedule.of(graph).buffers();
    assertEquals(buffers.slot(a), buffers.slot(b), "exp overwrites its dying input");
    assertNotEquals(buffers.slot(b), buffers.slot(c), "a binary kernel's output never aliases an input");
    assertEquals(buffers.slot(b), buffers.slot(d), "b's storage is free again once c has read it");
    assertNull(buffers.slot(x), "inputs keep their own buffer");
    assertNull(buffers.slot(e), "outputs keep their own buffer");
    assertNull(buffers.slot(c), "c alone uses its storage: a buffer of its own");
    assertEquals(List.of(T), buffers.slots());
  }

  @Test
  void forwardValuesTheBackwardPassReadsStayUntilItReadsThem() {
    Layer layer = new Layer(UnaryKind.SIGMOID).train(UnaryKind.SIGMOID);
    Schedule schedule = Schedule.of(layer.graph);
    assertTrue(schedule.fusion().isElided(layer.add));
    assertNull(schedule.buffers().slot(layer.y), "an output");
    assertNull(schedule.buffers().slot(layer.dbias), "an output");
    // dx could reuse nothing (every earlier value is still needed) and nothing comes after it: no sharing.
    assertNull(schedule.buffers().slot(layer.dx));
    assertEquals(List.of(), schedule.buffers().slots());
  }

  @Test
  void theCheckRejectsAPlanThatOverwritesALiveValue() {
    Graph graph = new Graph();
    Node x = graph.add("x", new Op.Placeholder(), List.of(), T);
    Node a = graph.add("a", new Op.Unary(UnaryKind.EXP), List.of(x), T);
    Node b = graph.add("b", new Op.Unary(UnaryKind.TANH), List.of(x), T);
    Node c = graph.add("c", new Op.Binary(BinaryKind.ADD), List.of(a, b), T);
    graph.addOutput("c", c, false);
    Fusion fusion = Fusion.plan(graph, java.util.Set.of(c));
    BufferAssignment wrong = new BufferAssignment(Map.of(a, 0, b, 0), List.of(T));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> BufferCheck.verify(graph, fusion, wrong));
    assertEquals("buffer plan: c reads a from slot 0 after b was written there", e.getMessage());
    BufferAssignment aliasing = new BufferAssignment(Map.of(a, 0, c, 0), List.of(T));
    e = assertThrows(IllegalStateException.class, () -> BufferCheck.verify(graph, fusion, aliasing));
    assertEquals("buffer plan: c would overwrite its input a (slot 0) while its kernel reads it", e.getMessage());
    BufferCheck.verify(graph, fusion, Schedule.of(graph).buffers());
  }

  private static final TensorType WEIGHTS = new TensorType(DType.FLOAT32, 3, 4);
  private static final TensorType SCALAR = new TensorType(DType.FLOAT32);

  /** The L2 regulariser's gradient, {@code dw = w * (scale * dLoss) + dW}, on the backward side. */
  private static final class Regularized {
    final Graph graph = new Graph();
    final Node w = graph.add("w", new Op.Placeholder(), List.of(), WEIGHTS);
    final Node scale = graph.add("scale", new Op.Placeholder(), List.of(), SCALAR);
    final Node matmulGradient = graph.add("dW", new Op.Placeholder(), List.of(), WEIGHTS);
    final Node product;
    final Node sum;

    Regularized(boolean scaleFirst, boolean productFirst) {
      graph.beginBackward();
      product = graph.add("mul", new Op.Binary(BinaryKind.MUL), scaleFirst ? List.of(scale, w) : List.of(w, scale), WEIGHTS);
      sum = graph.add("AddN", new Op.Binary(BinaryKind.ADD),
          productFirst ? List.of(product, matmulGradient) : List.of(matmulGradient, product), WEIGHTS);
      graph.addOutput("dw", sum, false);
    }
  }

  @Test
  void fusesAScaledProductIntoTheSumThatReadsIt() {
    for (boolean scaleFirst : new boolean[] {false, true}) {
      for (boolean productFirst : new boolean[] {false, true}) {
        Regularized r = new Regularized(scaleFirst, productFirst);
        Schedule schedule = Schedule.of(r.graph);
        assertEquals(Map.of(r.sum, r.product), schedule.fusion().productOf());
        assertTrue(schedule.fusion().isElided(r.product));
        assertFalse(schedule.fusion().isFusedBias(r.product));
        assertEquals(r.sum, schedule.fusion().fusedInto(r.product));
        assertEquals(scaleFirst ? 0 : 1, Fusion.scaleOperand(r.product, r.sum));
        assertEquals(List.of(r.w, r.scale, r.matmulGradient).stream().sorted(java.util.Comparator.comparing(Node::name)).toList(),
            BufferCheck.reads(r.sum, schedule.fusion()).stream().sorted(java.util.Comparator.comparing(Node::name)).toList(),
            "the sum's kernel reads the product's factors");
        assertNull(schedule.buffers().slot(r.product), "the product is never stored");
      }
    }
  }

  @Test
  void aProductWithAnotherReaderOrWithoutAOneElementFactorIsNotFused() {
    Regularized read = new Regularized(false, true);
    Node other = read.graph.add("other", new Op.Unary(UnaryKind.NEG), List.of(read.product), WEIGHTS);
    read.graph.addOutput("other", other, false);
    assertEquals(Map.of(), Schedule.of(read.graph).fusion().productOf());

    Regularized visible = new Regularized(false, true);
    visible.graph.addOutput("mul", visible.product, false);
    assertEquals(Map.of(), Schedule.of(visible.graph).fusion().productOf(), "an output is stored");

    Graph graph = new Graph();
    Node x = graph.add("x", new Op.Placeholder(), List.of(), T);
    Node row = graph.add("row", new Op.Placeholder(), List.of(), ROW);
    Node y = graph.add("y", new Op.Placeholder(), List.of(), T);
    Node rowProduct = graph.add("rowProduct", new Op.Binary(BinaryKind.MUL), List.of(x, row), T);
    Node rowSum = graph.add("rowSum", new Op.Binary(BinaryKind.ADD), List.of(rowProduct, y), T);
    Node square = graph.add("square", new Op.Binary(BinaryKind.MUL), List.of(x, y), T);
    Node squareSum = graph.add("squareSum", new Op.Binary(BinaryKind.ADD), List.of(square, y), T);
    graph.addOutput("rowSum", rowSum, false);
    graph.addOutput("squareSum", squareSum, false);
    assertEquals(Map.of(), Schedule.of(graph).fusion().productOf(), "a row or a full tensor is not a scale");
  }

  @Test
  void aSumFusedIntoAnActivationKeepsThatFusion() {
    // Rank 1: the sum is both a bias add (of two rows) and a scaled sum; the activation fusion wins.
    Graph graph = new Graph();
    Node x = graph.add("x", new Op.Placeholder(), List.of(), ROW);
    Node s = graph.add("s", new Op.Placeholder(), List.of(), SCALAR);
    Node bias = graph.add("bias", new Op.Placeholder(), List.of(), ROW);
    Node product = graph.add("mul", new Op.Binary(BinaryKind.MUL), List.of(x, s), ROW);
    Node add = graph.add("add", new Op.Binary(BinaryKind.ADD), List.of(product, bias), ROW);
    Node y = graph.add("y", new Op.Unary(UnaryKind.RELU), List.of(add), ROW);
    graph.addOutput("y", y, false);
    Fusion fusion = Schedule.of(graph).fusion();
    assertEquals(Map.of(y, add), fusion.biasOf());
    assertEquals(Map.of(), fusion.productOf());
    assertFalse(fusion.isElided(product));
  }
}
