package org.staticflow.processor.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.staticflow.processor.training.GradientCheck.DISTINCT;
import static org.staticflow.processor.training.GradientCheck.model;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;

/** Where gradients stop: stop_gradient, integer-valued functions, and variables that are not trainable. */
class GradientCutTest {

  @Test
  void stopGradientContributesNothing() {
    // loss = sum(v * w) + sum(stop_gradient(v) * u): the gradient is w, not w + u.
    TrainableModel model = model("StopGradient").variable("v", 3, 4).input("w", 3, 4).input("u", 3, 4)
        .loss("reduce_sum(v * w) + reduce_sum(stop_gradient(v) * u)").build();
    float[] w = ((FloatTensor) model.input("w")).data();
    float[] u = ((FloatTensor) model.input("u")).data();
    for (int i = 0; i < 12; i++) {
      w[i] = i * 0.5f - 2;
      u[i] = 7;
    }
    model.computeGradients();
    assertArrayEquals(w, model.gradient("v").data());
  }

  @Test
  void argmaxAndEqualContributeNothingButTheRestFlows() {
    // The accuracy-like term is piecewise constant: the central difference agrees with a zero contribution.
    model("ArgmaxPath").variable("v", 3, 4).fill("v", DISTINCT).input("w", 3, 4)
        .loss("reduce_sum(v * w) + reduce_mean(cast(equal(argmax(v, 1), 2), float32))").check();
  }

  @Test
  void nonTrainableVariablesHaveNoGradientAndNoGradientCode() {
    String[] source = {
      "package test;",
      "import org.staticflow.annotations.*;",
      "import org.staticflow.runtime.tensor.Tensor;",
      "@Model",
      "public interface Frozen {",
      "  @Input(shape = {-1, 4}) Tensor x();",
      "  @Variable(name = \"embedding\", shape = {4, 4}, init = \"ones\", trainable = false) Tensor embedding();",
      "  @Variable(name = \"w\", shape = {4, 2}, init = \"ones\") Tensor w();",
      "  @Loss(\"reduce_mean(square((x @ embedding) @ w))\") Tensor loss();",
      "}",
    };
    Compilation compilation = ModelCompiler.compile(ModelCompiler.source("Frozen", source));
    String generated = ModelCompiler.generatedSources(compilation);
    assertTrue(generated.contains("d loss / d w"), generated);
    assertFalse(generated.contains("d loss / d embedding"), "gradient code for a frozen variable:\n" + generated);
    // (x @ embedding) is not needed for any gradient: only one backward matmul, for w.
    assertEquals(1, generated.split("kernels\\.matmul").length - 1 - 2, generated);

    TrainableModel model = (TrainableModel) ModelCompiler.compileAndLoad("Frozen", ModelCompiler.source("Frozen", source));
    assertEquals(List.of("w"), model.trainableVariables().stream().map(VariableEntry::name).toList());
    assertEquals(1, model.gradients().size());
    assertThrows(IllegalArgumentException.class, () -> model.gradient("embedding"));
  }

  @Test
  void gradientBuffersAreTheSameTensorsAcrossBatchSizes() {
    TrainableModel model = model("Stable").input("x", -1, 3).variable("v", 3).variable("u", 3)
        .loss("reduce_sum(x * v + x * u)").build();
    List<FloatTensor> before = model.gradients();
    model.batchSize(7);
    model.computeGradients();
    for (int i = 0; i < before.size(); i++) {
      assertTrue(before.get(i) == model.gradients().get(i), "gradient " + i + " was reallocated");
      assertTrue(model.gradient(model.trainableVariables().get(i).name()) == before.get(i));
    }
  }

  @Test
  void variablesWithTheSameGradientNodeStillHaveTheirOwnBuffers() {
    // d/db and d/dc of (t + b + c) are one node after common subexpression elimination.
    TrainableModel model = model("Shared").input("x", -1, 3).variable("w", 3, 2).variable("b", 2).variable("c", 2)
        .loss("reduce_mean(square(tanh(x @ w) + b + c))").check();
    assertFalse(model.gradient("b") == model.gradient("c"));
    assertArrayEquals(model.gradient("b").data(), model.gradient("c").data());
  }

  @Test
  void variablesWithoutAGradientAreLeftOutOfTrainingAsMinimizeLeavesOutNone() {
    TrainableModel model = model("TwoHeads").input("x", -1, 3).variable("trained", 3, 2).variable("head", 3, 2)
        .member("@Output(\"x @ head\") Tensor other();").loss("reduce_mean(square(x @ trained))").build();
    assertTrue(model.hasGradient("trained"));
    assertFalse(model.hasGradient("head"));
    assertThrows(IllegalArgumentException.class, () -> model.hasGradient("x"));
    org.staticflow.runtime.train.Trainer trainer = org.staticflow.runtime.train.Trainer.of(model,
        new org.staticflow.runtime.train.AdamOptimizer(org.staticflow.runtime.train.LearningRate.constant(0.1f)));
    assertEquals(List.of("trained"), trainer.trainedVariables());
    assertEquals(List.of("trained", "head", "global_step", "beta1_power", "beta2_power", "trained/Adam", "trained/Adam_1"),
        trainer.variables().names());
    assertThrows(IllegalArgumentException.class, () -> org.staticflow.runtime.train.Trainer.builder(model,
            new org.staticflow.runtime.train.GradientDescentOptimizer(
                org.staticflow.runtime.train.LearningRate.constant(0.1f)))
        .trainOnly(List.of("head")).build());
  }
}
