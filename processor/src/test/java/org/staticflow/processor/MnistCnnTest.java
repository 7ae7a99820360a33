package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;

/** The classic TF1 MNIST CNN, written with its explicit TensorFlow names, compiles and runs. */
class MnistCnnTest {
  static final String[] CNN = {
    "package test;",
    "import org.staticflow.annotations.*;",
    "import org.staticflow.runtime.tensor.Tensor;",
    "@Model",
    "public interface MnistCnn {",
    "  @Input(name = \"inputs/x_input\", shape = {-1, 784}) Tensor x();",
    "  @Input(name = \"inputs/y_input\", shape = {-1, 10}) Tensor labels();",
    "  @Input(name = \"keep_prob\", shape = {}) Tensor keepProb();",
    "  @Layer(\"conv_layer_1\") Conv1 conv1();",
    "  @Layer(\"conv_layer_2\") Conv2 conv2();",
    "  @Layer(\"fc_layer_1\") Fc1 fc1();",
    "  @Layer(\"fc_layer_2\") Fc2 fc2();",
    "  @Output(\"fc2(fc1(conv2(conv1(reshape(x, [-1, 28, 28, 1]))), keepProb))\") Tensor logits();",
    "  @Output(\"argmax(logits, 1)\") Tensor prediction();",
    "  @Loss(\"reduce_mean(softmax_cross_entropy_with_logits(labels=labels, logits=logits))\") Tensor crossEntropy();",
    "  @Layer interface Conv1 {",
    "    @Variable(name = \"W_conv_1\", shape = {5, 5, 1, 32}, init = \"truncated_normal(stddev=0.1)\") Tensor w();",
    "    @Variable(name = \"b_conv_1\", shape = {32}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"max_pool(relu(conv2d(image, w, strides=[1, 1, 1, 1], padding='SAME') + b, name='h_conv_1'),"
        + " ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME', name='h_pool_1')\")",
    "    Tensor apply(Tensor image);",
    "  }",
    "  @Layer interface Conv2 {",
    "    @Variable(name = \"W_conv_2\", shape = {5, 5, 32, 64}, init = \"truncated_normal(stddev=0.1)\") Tensor w();",
    "    @Variable(name = \"b_conv_2\", shape = {64}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"max_pool(relu(conv2d(h, w, strides=[1, 1, 1, 1], padding='SAME') + b, name='h_conv_2'),"
        + " ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME', name='h_pool_2')\")",
    "    Tensor apply(Tensor h);",
    "  }",
    "  @Layer interface Fc1 {",
    "    @Variable(name = \"W_fc_1\", shape = {3136, 1024}, init = \"truncated_normal(stddev=0.1)\") Tensor w();",
    "    @Variable(name = \"b_fc_1\", shape = {1024}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"dropout(relu(reshape(h, [-1, 3136], name='h_pool_2_flat') @ w + b, name='h_fc_1'), keep, name='h_fc1_drop')\")",
    "    Tensor apply(Tensor h, Tensor keep);",
    "  }",
    "  @Layer interface Fc2 {",
    "    @Variable(name = \"W_fc_2\", shape = {1024, 10}, init = \"truncated_normal(stddev=0.1)\") Tensor w();",
    "    @Variable(name = \"b_fc_2\", shape = {10}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"add(matmul(h, w), b, name='logits_output')\") Tensor apply(Tensor h);",
    "  }",
    "}",
  };

  @Test
  void variablesCarryTheTutorialNames() {
    CompiledModel model = ModelCompiler.compileAndLoad("MnistCnn", ModelCompiler.source("MnistCnn", CNN));
    assertEquals(
        List.of("conv_layer_1/W_conv_1", "conv_layer_1/b_conv_1", "conv_layer_2/W_conv_2", "conv_layer_2/b_conv_2",
            "fc_layer_1/W_fc_1", "fc_layer_1/b_fc_1", "fc_layer_2/W_fc_2", "fc_layer_2/b_fc_2"),
        model.variables().stream().map(VariableEntry::name).toList());
    assertEquals(Shape.of(5, 5, 32, 64), model.variables().get(2).shape());
  }

  @Test
  void nodesCarryTheTutorialNames() {
    Compilation compilation = ModelCompiler.compile(ModelCompiler.source("MnistCnn", CNN));
    String source = ModelCompiler.generatedSources(compilation);
    for (String line : List.of(
        "// conv_layer_1/Conv2D = Conv2D(Reshape, conv_layer_1/W_conv_1): float32[?, 28, 28, 32]",
        "// conv_layer_1/add = Add(conv_layer_1/Conv2D, conv_layer_1/b_conv_1): float32[?, 28, 28, 32]",
        "// conv_layer_1/h_conv_1 = Relu(conv_layer_1/add): float32[?, 28, 28, 32]",
        "// conv_layer_1/h_pool_1 = MaxPool(conv_layer_1/h_conv_1): float32[?, 14, 14, 32]",
        "// conv_layer_2/h_pool_2 = MaxPool(conv_layer_2/h_conv_2): float32[?, 7, 7, 64]",
        "// fc_layer_1/MatMul = MatMul(fc_layer_1/h_pool_2_flat, fc_layer_1/W_fc_1): float32[?, 1024]",
        "// fc_layer_1/h_fc1_drop = Dropout(fc_layer_1/h_fc_1, keep_prob): float32[?, 1024]",
        "// fc_layer_2/MatMul = MatMul(fc_layer_1/h_fc1_drop, fc_layer_2/W_fc_2): float32[?, 10]",
        "// fc_layer_2/logits_output = Add(fc_layer_2/MatMul, fc_layer_2/b_fc_2): float32[?, 10]",
        "// ArgMax = ArgMax(fc_layer_2/logits_output): int64[?]")) {
      assertTrue(source.contains(line), "generated source lacks: " + line + "\n" + source);
    }
  }

  @Test
  void forwardPassRunsAtTwoBatchSizes() {
    CompiledModel model = ModelCompiler.compileAndLoad("MnistCnn", ModelCompiler.source("MnistCnn", CNN));
    for (int batch : new int[] {2, 1}) {
      model.batchSize(batch);
      float[] x = ((FloatTensor) model.input("inputs/x_input")).data();
      for (int i = 0; i < x.length; i++) {
        x[i] = (i * 7919 % 256) / 255f;
      }
      ((FloatTensor) model.input("inputs/y_input")).data()[3] = 1f;
      ((FloatTensor) model.input("keep_prob")).data()[0] = 1f;
      model.forward();
      float[] logits = ((FloatTensor) model.output("logits")).data();
      long[] prediction = ((LongTensor) model.output("prediction")).data();
      assertEquals(batch * 10, logits.length);
      for (int r = 0; r < batch; r++) {
        int best = 0;
        for (int j = 1; j < 10; j++) {
          assertTrue(Float.isFinite(logits[r * 10 + j]));
          if (logits[r * 10 + j] > logits[r * 10 + best]) best = j;
        }
        assertEquals(best, prediction[r]);
      }
      assertTrue(((FloatTensor) model.output("crossEntropy")).data()[0] > 0);
    }
  }
}
