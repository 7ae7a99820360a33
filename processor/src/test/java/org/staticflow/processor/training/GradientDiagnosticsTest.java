package org.staticflow.processor.training;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;

/**
 * The losses training cannot change are rejected on their {@code @Loss} annotation: with no trainable
 * variable behind them ({@code LossNotTrainable}) or with trainable variables behind functions without a
 * gradient only ({@code NoGradient}, naming the function and the variable). Members start on line 6.
 */
class GradientDiagnosticsTest {
  private static final String X = "@Input(shape = {-1, 4}) Tensor x();";
  private static final String W = "@Variable(shape = {4, 3}) Tensor w();";

  private static JavaFileObject model(String... members) {
    List<String> lines = new ArrayList<>(List.of("package test;", "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;", "@Model", "public interface M {"));
    lines.addAll(List.of(members));
    lines.add("}");
    return ModelCompiler.source("M", lines.toArray(String[]::new));
  }

  private static void assertError(String message, int line, String... members) {
    JavaFileObject source = model(members);
    Compilation compilation = ModelCompiler.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(line);
  }

  @Test
  void lossOfInputsOnly() {
    assertError("[Staticflow/LossNotTrainable] @Loss loss() does not depend on any trainable variable, so training"
        + " cannot change it; expected a loss computed from at least one @Variable with trainable = true"
        + " (in \"reduce_mean(square(x))\")", 9,
        X, W, "@Output(\"x @ w\") Tensor y();", "@Loss(\"reduce_mean(square(x))\") Tensor loss();");
  }

  @Test
  void lossOfNonTrainableVariablesOnly() {
    assertError("[Staticflow/LossNotTrainable] @Loss penalty() does not depend on any trainable variable", 8,
        X, "@Variable(shape = {4, 3}, trainable = false) Tensor w();",
        "@Loss(\"reduce_sum(x @ w)\") Tensor penalty();");
  }

  @Test
  void lossThroughArgmaxOnly() {
    assertError("[Staticflow/NoGradient] @Loss loss() depends on trainable variable w only through argmax, which has"
        + " no gradient; its gradient with respect to every trainable variable would be zero", 8,
        X, W, "@Loss(\"reduce_mean(cast(argmax(x @ w, 1), float32))\") Tensor loss();");
  }

  @Test
  void lossThroughStopGradientOnly() {
    assertError("[Staticflow/NoGradient] @Loss loss() depends on trainable variable w only through stop_gradient", 8,
        X, W, "@Loss(\"reduce_sum(square(stop_gradient(x @ w)))\") Tensor loss();");
  }

  @Test
  void lossThroughEqualAndIntegerCastOnly() {
    assertError("[Staticflow/NoGradient] @Loss accuracy() depends on trainable variable w only through cast to int32",
        8, X, W, "@Loss(\"reduce_mean(cast(cast(x @ w, int32), float32))\") Tensor accuracy();");
    assertError("[Staticflow/NoGradient] @Loss loss() depends on trainable variable w only through equal", 9,
        X, W, "@Output(\"x @ w\") Tensor logits();",
        "@Loss(\"reduce_mean(cast(equal(logits, 0.5), float32))\") Tensor loss();");
  }

  @Test
  void oneGoodLossDoesNotExcuseAnother() {
    assertError("[Staticflow/LossNotTrainable] @Loss extra() does not depend", 9,
        X, W, "@Loss(\"reduce_sum(x @ w)\") Tensor loss();", "@Loss(\"reduce_sum(x)\") Tensor extra();");
  }

  @Test
  void membersNamedLikeTheGeneratedMethodsAreRejected() {
    assertError("[Staticflow/InvalidDeclaration] totalLoss() is a method of the generated class (CompiledModel,"
        + " TrainableModel); rename the member", 8, X, W, "@Loss(\"reduce_sum(x @ w)\") Tensor totalLoss();");
    assertError("[Staticflow/InvalidDeclaration] gradients() is a method of the generated class", 8,
        X, W, "@Output(\"x @ w\") Tensor gradients();");
  }
}
