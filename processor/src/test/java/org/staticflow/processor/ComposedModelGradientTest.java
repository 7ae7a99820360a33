package org.staticflow.processor;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.processor.training.GradientCheck;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * Finite-difference checks of whole models: the MNIST MLP of DESIGN §4 (relu, sparse softmax cross entropy,
 * an l2 regularizer on layer1/weights) and a small CNN (SAME and VALID convolutions, max pooling, tanh, a
 * reshape, a regularized fully connected layer, softmax cross entropy). Random elements of every variable.
 */
class ComposedModelGradientTest {
  static final String[] SMALL_CNN = {
    "package test;",
    "import org.staticflow.annotations.*;",
    "import org.staticflow.runtime.tensor.Tensor;",
    "@Model",
    "public interface SmallCnn {",
    "  @Input(name = \"x\", shape = {-1, 8, 8, 1}) Tensor x();",
    "  @Input(name = \"y\", shape = {-1, 10}) Tensor labels();",
    "  @Layer(\"conv1\") Conv1 conv1();",
    "  @Layer(\"conv2\") Conv2 conv2();",
    "  @Variable(name = \"fc/weights\", shape = {24, 10}, init = \"truncated_normal(stddev=0.3)\",",
    "            regularizer = \"l2(0.01)\") Tensor fcWeights();",
    "  @Variable(name = \"fc/biases\", shape = {10}, init = \"constant(0.1)\") Tensor fcBiases();",
    "  @Output(\"reshape(conv2(conv1(x)), [-1, 24]) @ fcWeights + fcBiases\") Tensor logits();",
    "  @Loss(\"reduce_mean(softmax_cross_entropy_with_logits(labels=labels, logits=logits))\") Tensor loss();",
    "  @Layer interface Conv1 {",
    "    @Variable(name = \"W\", shape = {3, 3, 1, 4}, init = \"truncated_normal(stddev=0.5)\") Tensor w();",
    "    @Variable(name = \"b\", shape = {4}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"max_pool(relu(conv2d(image, w, strides=[1, 1, 1, 1], padding='SAME') + b),"
        + " ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME')\") Tensor apply(Tensor image);",
    "  }",
    "  @Layer interface Conv2 {",
    "    @Variable(name = \"W\", shape = {3, 3, 4, 6}, init = \"truncated_normal(stddev=0.5)\") Tensor w();",
    "    @Variable(name = \"b\", shape = {6}, init = \"zeros\") Tensor b();",
    "    @Output(\"tanh(bias_add(conv2d(h, w, strides=[1, 1, 1, 1], padding='VALID'), b))\") Tensor apply(Tensor h);",
    "  }",
    "}",
  };

  @Test
  void mnistMlpWithL2() {
    TrainableModel model =
        (TrainableModel) ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MnistMlpTest.MLP));
    model.initializeVariables(3);
    model.batchSize(4);
    fillImagesAndLabels(model, "x-input", "y-input", new Random(5));
    GradientCheck.checkCompiled("MnistMlp", model, 40, 5e-3);
  }

  @Test
  void smallCnn() {
    TrainableModel model =
        (TrainableModel) ModelCompiler.compileAndLoad("SmallCnn", ModelCompiler.source("SmallCnn", SMALL_CNN));
    model.initializeVariables(4);
    model.batchSize(3);
    // Biases drawn at random too, so that every gradient is exercised away from its initial symmetry.
    Random random = new Random(6);
    for (VariableEntry entry : model.variables()) {
      if (entry.name().endsWith("/b")) {
        float[] b = ((FloatTensor) entry.value()).data();
        for (int i = 0; i < b.length; i++) b[i] = random.nextFloat() * 0.4f - 0.2f;
      }
    }
    fillImagesAndLabels(model, "x", "y", random);
    // A filter element moves every pre-activation of its channel: small steps, so no relu or pooling
    // window switches sides within one difference.
    GradientCheck.checkCompiled("SmallCnn", model, 30, 1e-3);
  }

  private static void fillImagesAndLabels(TrainableModel model, String images, String labels, Random random) {
    float[] x = ((FloatTensor) model.input(images)).data();
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    float[] y = ((FloatTensor) model.input(labels)).data();
    java.util.Arrays.fill(y, 0f);
    for (int r = 0; r < model.batchSize(); r++) {
      y[r * 10 + random.nextInt(10)] = 1f;
    }
  }
}
