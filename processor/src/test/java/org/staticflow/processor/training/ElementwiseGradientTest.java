package org.staticflow.processor.training;

import static org.staticflow.processor.training.GradientCheck.AWAY_FROM_ZERO;
import static org.staticflow.processor.training.GradientCheck.GRID;
import static org.staticflow.processor.training.GradientCheck.OFF_GRID;
import static org.staticflow.processor.training.GradientCheck.POSITIVE;
import static org.staticflow.processor.training.GradientCheck.model;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of the element-wise functions, with broadcasting on either side. */
class ElementwiseGradientTest {

  static Stream<Arguments> unary() {
    return Stream.of(
        Arguments.of("Neg", "-v", GradientCheck.UNIFORM),
        Arguments.of("Square", "square(v)", GradientCheck.UNIFORM),
        Arguments.of("Sqrt", "sqrt(v)", POSITIVE),
        Arguments.of("Exp", "exp(v)", GradientCheck.UNIFORM),
        Arguments.of("Log", "log(v)", POSITIVE),
        Arguments.of("Abs", "abs(v)", AWAY_FROM_ZERO),
        Arguments.of("Relu", "relu(v)", AWAY_FROM_ZERO),
        Arguments.of("Relu6", "relu6(v * 5 + 3)", AWAY_FROM_ZERO),
        Arguments.of("Sigmoid", "sigmoid(v * 3)", GradientCheck.UNIFORM),
        Arguments.of("Tanh", "tanh(v * 2)", GradientCheck.UNIFORM));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void unary(String name, String expression, GradientCheck.Fill fill) {
    // w weighs each element differently, so a gradient with the wrong element order fails too.
    model("Unary" + name).input("w", 3, 4).variable("v", 3, 4).fill("v", fill)
        .loss("reduce_sum(" + expression + " * w)").check();
  }

  static Stream<Arguments> binary() {
    return Stream.of("+", "-", "*", "/").flatMap(op -> Stream.of(
        Arguments.of(op, new int[] {3, 4}, new int[] {3, 4}),
        Arguments.of(op, new int[] {2, 3, 4}, new int[] {4}),
        Arguments.of(op, new int[] {4}, new int[] {2, 3, 4}),
        Arguments.of(op, new int[] {3, 1}, new int[] {1, 4}),
        Arguments.of(op, new int[] {2, 1, 4}, new int[] {3, 1}),
        Arguments.of(op, new int[] {}, new int[] {2, 3})));
  }

  @ParameterizedTest(name = "a{1} {0} b{2}")
  @MethodSource
  void binary(String op, int[] a, int[] b) {
    String name = "Binary" + switch (op) {
      case "+" -> "Add";
      case "-" -> "Sub";
      case "*" -> "Mul";
      default -> "Div";
    } + a.length + b.length + (a.length > 0 ? a[0] : 0);
    model(name).variable("a", a).variable("b", b).fill("b", op.equals("/") ? POSITIVE : GradientCheck.UNIFORM)
        .input("w", broadcast(a, b)).loss("reduce_sum((a " + op + " b) * w)").check();
  }

  /** The batch dimension broadcasts against a variable: the variable's gradient sums over the batch. */
  @Test
  void batchBroadcastOnEitherSide() {
    model("BatchLeft").input("x", -1, 4).variable("s", 4).loss("reduce_mean(square(x * s - x))").batch(5).check();
    model("BatchRight").input("x", -1, 1).variable("s", 3).fill("s", POSITIVE).loss("reduce_sum(x / s)").batch(4).check();
  }

  @Test
  void namedFunctionsAreTheOperators() {
    model("Named").variable("a", 2, 3).variable("b", 3).fill("b", POSITIVE).input("w", 2, 3)
        .loss("reduce_sum((add(a, b) * subtract(b, a) + multiply(a, b) + divide(a, b)) * w)").check();
  }

  @Test
  void maximumAndMinimumRouteToTheSelectedOperand() {
    model("Maximum").variable("a", 3, 4).variable("b", 4).fill("a", OFF_GRID).fill("b", GRID).input("w", 3, 4)
        .loss("reduce_sum(maximum(a, b) * w)").check();
    model("Minimum").variable("a", 4).variable("b", 3, 4).fill("a", OFF_GRID).fill("b", GRID).input("w", 3, 4)
        .loss("reduce_sum(minimum(a, b) * w)").check();
  }

  @Test
  void biasAdd() {
    model("BiasAdd").variable("x", 2, 3, 4).variable("bias", 4).input("w", 2, 3, 4)
        .loss("reduce_sum(bias_add(x, bias) * w)").check();
  }

  @Test
  void aVariableUsedTwiceSumsBothContributions() {
    model("Reuse").variable("v", 3).input("w", 3).loss("reduce_sum(v * v * w + tanh(v))").check();
  }

  private static int[] broadcast(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int ai = i - (rank - a.length);
      int bi = i - (rank - b.length);
      out[i] = Math.max(ai >= 0 ? a[ai] : 1, bi >= 0 ? b[bi] : 1);
    }
    return out;
  }
}
