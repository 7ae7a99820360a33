package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;

/** The MNIST MLP of DESIGN §4 compiles, names its variables as TensorFlow does, and computes the forward pass. */
class MnistMlpTest {
  static final String[] MLP = {
    "package test;",
    "import org.staticflow.annotations.*;",
    "import org.staticflow.runtime.tensor.Tensor;",
    "@Model",
    "public interface MnistMlp {",
    "  int INPUT_NODE = 784, LAYER1_NODE = 500, OUTPUT_NODE = 10;",
    "  @Input(name = \"x-input\", shape = {-1, INPUT_NODE}) Tensor x();",
    "  @Input(name = \"y-input\", shape = {-1, OUTPUT_NODE}) Tensor labels();",
    "  @Layer(\"layer1\") Hidden layer1();",
    "  @Layer(\"layer2\") Logits layer2();",
    "  @Output(\"layer2(layer1(x))\") Tensor logits();",
    "  @Loss(\"reduce_mean(sparse_softmax_cross_entropy_with_logits(logits=logits, labels=argmax(labels, 1)))\")",
    "  Tensor loss();",
    "  @Output(\"reduce_mean(cast(equal(argmax(logits, 1), argmax(labels, 1)), float32))\") Tensor accuracy();",
    "  @Layer interface Hidden {",
    "    @Variable(name = \"weights\", shape = {INPUT_NODE, LAYER1_NODE}, init = \"truncated_normal(stddev=0.1)\",",
    "              regularizer = \"l2(0.0001)\") Tensor weights();",
    "    @Variable(name = \"biases\", shape = {LAYER1_NODE}, init = \"constant(0.1)\") Tensor biases();",
    "    @Output(\"relu(input @ weights + biases)\") Tensor apply(Tensor input);",
    "  }",
    "  @Layer interface Logits {",
    "    @Variable(name = \"weights\", shape = {LAYER1_NODE, OUTPUT_NODE}, init = \"truncated_normal(stddev=0.1)\")",
    "    Tensor weights();",
    "    @Variable(name = \"biases\", shape = {OUTPUT_NODE}, init = \"constant(0.1)\") Tensor biases();",
    "    @Output(\"input @ weights + biases\") Tensor apply(Tensor input);",
    "  }",
    "}",
  };

  @Test
  void registryHasTensorFlowNamesInDeclarationOrder() {
    CompiledModel model = ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MLP));
    List<VariableEntry> variables = model.variables();
    assertEquals(List.of("layer1/weights", "layer1/biases", "layer2/weights", "layer2/biases"),
        variables.stream().map(VariableEntry::name).toList());
    assertEquals(Shape.of(784, 500), variables.get(0).shape());
    assertEquals(List.of("layer1/weights", "layer1/biases", "layer2/weights", "layer2/biases"),
        List.copyOf(model.variableTensors().keySet()));
    assertSame(variables.get(2).value(), model.variableTensors().get("layer2/weights"));
    assertEquals(0.1f, ((FloatTensor) variables.get(1).value()).data()[499]);
    float[] w = ((FloatTensor) variables.get(0).value()).data();
    for (float v : w) {
      if (Math.abs(v) > 0.2f) {
        throw new AssertionError("truncated_normal(stddev=0.1) produced " + v);
      }
    }
  }

  @Test
  void forwardPassMatchesHandComputation() {
    CompiledModel model = ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MLP));
    model.initializeVariables(7);
    for (int batch : new int[] {1, 3, 5}) {
      model.batchSize(batch);
      float[] x = ((FloatTensor) model.input("x-input")).data();
      float[] y = ((FloatTensor) model.input("y-input")).data();
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.sin(i * 0.37) * 0.5f;
      }
      for (int r = 0; r < batch; r++) {
        y[r * 10 + (r * 3) % 10] = 1f;
      }
      model.forward();
      float[][] weights = new float[4][];
      for (int i = 0; i < 4; i++) {
        weights[i] = ((FloatTensor) model.variables().get(i).value()).data();
      }
      double[][] expectedLogits = Reference.mlp(x, batch, weights);
      float[] logits = ((FloatTensor) model.output("logits")).data();
      double loss = 0;
      int correct = 0;
      for (int r = 0; r < batch; r++) {
        for (int j = 0; j < 10; j++) {
          assertEquals(expectedLogits[r][j], logits[r * 10 + j], 1e-4, "logit " + r + "," + j);
        }
        int label = (r * 3) % 10;
        loss += Reference.logSumExp(expectedLogits[r]) - expectedLogits[r][label];
        correct += Reference.argmax(expectedLogits[r]) == label ? 1 : 0;
      }
      assertEquals(loss / batch, ((FloatTensor) model.output("loss")).data()[0], 1e-4);
      assertEquals((float) correct / batch, ((FloatTensor) model.output("accuracy")).data()[0], 1e-6);
    }
  }

  @Test
  void inputBuffersAreStableWithinABatchSize() {
    CompiledModel model = ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MLP));
    model.batchSize(4);
    var before = model.input("x-input");
    model.batchSize(4);
    assertSame(before, model.input("x-input"));
    model.batchSize(2);
    assertEquals(Shape.of(2, 784), model.input("x-input").shape());
    assertSame(model.input("x-input"), model.input("x"), "inputs answer to node and member names");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> model.input("logits"));
  }

  @Test
  void emptyBatchGivesNaNMeansAsTensorFlowDoes() {
    CompiledModel model = ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MLP));
    model.batchSize(0);
    model.forward();
    assertEquals(Shape.of(0, 10), model.output("logits").shape());
    assertEquals(Float.NaN, ((FloatTensor) model.output("loss")).data()[0]);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> model.batchSize(-1));
  }

  @Test
  void predictComputesTheOutputsAsForwardDoesAndLeavesTheLossAlone() throws Exception {
    CompiledModel model = ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MLP));
    assertEquals(model.getClass(), model.getClass().getMethod("predict").getDeclaringClass(),
        "a model with a loss generates its own predict()");
    model.initializeVariables(3);
    model.batchSize(4);
    float[] x = ((FloatTensor) model.input("x-input")).data();
    float[] y = ((FloatTensor) model.input("y-input")).data();
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.cos(i * 0.11);
    }
    for (int r = 0; r < 4; r++) {
      y[r * 10 + r] = 1f;
    }
    model.forward();
    float[] logits = ((FloatTensor) model.output("logits")).data().clone();
    float accuracy = ((FloatTensor) model.output("accuracy")).data()[0];
    float[] loss = ((FloatTensor) model.output("loss")).data();
    Arrays.fill(((FloatTensor) model.output("logits")).data(), Float.NaN);
    ((FloatTensor) model.output("accuracy")).data()[0] = Float.NaN;
    loss[0] = -42f;

    model.predict();
    assertArrayEquals(logits, ((FloatTensor) model.output("logits")).data());
    assertEquals(accuracy, ((FloatTensor) model.output("accuracy")).data()[0]);
    assertEquals(-42f, loss[0], "predict() does not compute the loss");
  }
}
