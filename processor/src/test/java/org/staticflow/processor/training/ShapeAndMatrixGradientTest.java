package org.staticflow.processor.training;

import static org.staticflow.processor.training.GradientCheck.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finite-difference checks of matmul (every transpose), the shape functions and dense. */
class ShapeAndMatrixGradientTest {

  @ParameterizedTest(name = "transpose_a={0}, transpose_b={1}")
  @CsvSource({"False, False", "False, True", "True, False", "True, True"})
  void matmul(String transposeA, String transposeB) {
    int[] a = transposeA.equals("True") ? new int[] {5, 3} : new int[] {3, 5};
    int[] b = transposeB.equals("True") ? new int[] {4, 5} : new int[] {5, 4};
    model("MatMul" + transposeA + transposeB).variable("a", a).variable("b", b).input("w", 3, 4)
        .loss("reduce_sum(matmul(a, b, transpose_a=" + transposeA + ", transpose_b=" + transposeB + ") * w)").check();
  }

  @Test
  void matmulOperatorWithABatch() {
    model("MatMulBatch").input("x", -1, 5).variable("W", 5, 4).input("g", -1, 4).batch(6)
        .loss("reduce_sum((x @ W) * g)").check();
  }

  @Test
  void reshape() {
    model("Reshape").variable("v", 2, 6).input("w", 3, 4).loss("reduce_sum(reshape(v, [3, 4]) * w)").check();
    model("ReshapeBatch").input("x", -1, 2, 3).variable("s", 6).input("w", -1, 6).batch(4)
        .loss("reduce_sum(reshape(x * reshape(s, [2, 3]), [-1, 6]) * w)").check();
  }

  @Test
  void transpose() {
    model("Transpose").variable("v", 2, 3, 4).input("w", 4, 2, 3).loss("reduce_sum(transpose(v, perm=[2, 0, 1]) * w)")
        .check();
    model("TransposeDefault").variable("v", 3, 5).input("w", 5, 3).loss("reduce_sum(transpose(v) * w)").check();
  }

  @Test
  void concat() {
    model("ConcatLast").variable("a", 2, 3).variable("b", 2, 2).input("w", 2, 5)
        .loss("reduce_sum(concat([a, b], 1) * w)").check();
    model("ConcatFirst").variable("a", 1, 3).variable("b", 2, 3).input("w", 5, 3)
        .loss("reduce_sum(concat([b, a, b], axis=0) * w)").check();
    model("ConcatBatch").input("x", -1, 2).variable("a", 2).variable("c", 2, 3).input("w", -1, 5).batch(3)
        .loss("reduce_sum(concat([x * a, x @ c], 1) * w)").check();
  }

  @Test
  void identityAndFloatCastPassTheGradient() {
    model("Identity").variable("v", 2, 3).input("w", 2, 3)
        .loss("reduce_sum(identity(v) * w + cast(v, float32) * v)").check();
  }

  @Test
  void dense() {
    model("Dense").input("x", -1, 5).input("w", -1, 3).batch(4)
        .loss("reduce_sum(dense(x, 3, activation=tf.nn.tanh, name='fc') * w)").check();
    model("DenseNoBias").variable("x", 2, 4).input("w", 2, 3)
        .loss("reduce_sum(dense(x, 3, use_bias=False) * w)").check();
  }
}
