package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;

/**
 * Generated source, compared with reviewed golden files under {@code src/test/resources/golden}, so that
 * changes to the readability of generated code are deliberate. On a mismatch the actual text is written to
 * {@code target/golden-actual/} for review.
 */
class GoldenSourceTest {

  /** A layer applied twice (shared variables, second name scope {@code hidden_1}) and a parameterless layer output. */
  @Test
  void sharedLayer() throws IOException {
    check("Tiny", ModelCompiler.source("Tiny",
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;",
        "@Model",
        "public interface Tiny {",
        "  @Input(name = \"x-input\", shape = {-1, 4}) Tensor x();",
        "  @Layer(\"hidden\") Square hidden();",
        "  @Output(\"softmax(hidden(hidden(x)))\") Tensor probabilities();",
        "  @Layer interface Square {",
        "    @Variable(name = \"weights\", shape = {4, 4}, init = \"glorot_uniform\", regularizer = \"l2(0.001)\") Tensor weights();",
        "    @Variable(name = \"biases\", shape = {4}, init = \"zeros\", trainable = false) Tensor biases();",
        "    @Output(\"reduce_sum(square(weights))\") Tensor norm();",
        "    @Output(\"tanh(input @ weights + biases)\") Tensor apply(Tensor input);",
        "  }",
        "}"));
  }

  /** The MLP of DESIGN §4. */
  @Test
  void mnistMlp() throws IOException {
    check("MnistMlp", ModelCompiler.source("MnistMlp", MnistMlpTest.MLP));
  }

  /** The TF1 MNIST CNN: convolutions, pooling, a reshape view, dropout. */
  @Test
  void mnistCnn() throws IOException {
    check("MnistCnn", ModelCompiler.source("MnistCnn", MnistCnnTest.CNN));
  }

  /**
   * A trainable model whose backward pass shows the three homes of a gradient: a node's own buffer, a copy
   * (two variables share one gradient node) and a zero buffer (no gradient path); plus dropout's gradient.
   */
  @Test
  void trainableTiny() throws IOException {
    check("TrainableTiny", ModelCompiler.source("TrainableTiny",
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;",
        "@Model",
        "public interface TrainableTiny {",
        "  @Input(name = \"x\", shape = {-1, 3}) Tensor x();",
        "  @Variable(name = \"w\", shape = {3, 2}, init = \"glorot_uniform\", regularizer = \"l2(0.01)\") Tensor w();",
        "  @Variable(name = \"b\", shape = {2}) Tensor b();",
        "  @Variable(name = \"c\", shape = {2}) Tensor c();",
        "  @Variable(name = \"unused\", shape = {2}) Tensor unused();",
        "  @Output(\"dropout(tanh(x @ w), keep_prob=0.8) + b + c\") Tensor y();",
        "  @Loss(\"reduce_mean(square(y)) + 0 * reduce_sum(stop_gradient(unused))\") Tensor loss();",
        "}"));
  }

  private static void check(String model, JavaFileObject source) throws IOException {
    Compilation compilation = ModelCompiler.compile(source);
    String actual = compilation.generatedSourceFile("test.Staticflow_" + model).orElseThrow()
        .getCharContent(true).toString();
    String resource = "/golden/Staticflow_" + model + ".java.txt";
    String expected;
    try (InputStream in = GoldenSourceTest.class.getResourceAsStream(resource)) {
      expected = in == null ? "<missing " + resource + ">" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!expected.equals(actual)) {
      Path out = Path.of("target", "golden-actual", "Staticflow_" + model + ".java.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, actual);
    }
    assertEquals(expected, actual, "generated source differs from " + resource);
  }
}
