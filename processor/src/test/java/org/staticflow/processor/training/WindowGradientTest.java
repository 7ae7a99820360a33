package org.staticflow.processor.training;

import static org.staticflow.processor.training.GradientCheck.DISTINCT;
import static org.staticflow.processor.training.GradientCheck.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finite-difference checks of conv2d (input and filter), pooling and dropout. */
class WindowGradientTest {

  @ParameterizedTest(name = "{0}x{1} input, {2}x{3} kernel, strides {4},{5}, {6}")
  @CsvSource({
      "5, 5, 3, 3, 1, 1, SAME",
      "5, 5, 3, 3, 1, 1, VALID",
      "6, 5, 3, 2, 2, 2, SAME",
      "7, 6, 3, 3, 2, 2, VALID",
      "7, 5, 2, 3, 3, 1, SAME",
      "4, 4, 1, 1, 2, 2, VALID"})
  void conv2d(int h, int w, int kh, int kw, int sh, int sw, String padding) {
    int outH = padding.equals("SAME") ? (h + sh - 1) / sh : (h - kh + sh) / sh;
    int outW = padding.equals("SAME") ? (w + sw - 1) / sw : (w - kw + sw) / sw;
    model("Conv" + h + w + kh + kw + sh + sw + padding).variable("x", 2, h, w, 3).variable("f", kh, kw, 3, 2)
        .input("g", 2, outH, outW, 2)
        .loss("reduce_sum(conv2d(x, f, strides=[1, " + sh + ", " + sw + ", 1], padding=\"" + padding + "\") * g)")
        .check();
  }

  @Test
  void conv2dOverABatchInput() {
    model("ConvBatch").input("x", -1, 4, 4, 1).variable("f", 3, 3, 1, 2).variable("bias", 2).batch(3)
        .loss("reduce_mean(square(relu(conv2d(x, f, strides=[1, 1, 1, 1], padding='SAME') + bias)))").check();
  }

  @ParameterizedTest(name = "{0} {1}x{1} strides {2} {3}")
  @CsvSource({
      "max_pool, 2, 2, VALID", "max_pool, 2, 2, SAME", "max_pool, 3, 2, SAME", "max_pool, 3, 1, VALID",
      "avg_pool, 2, 2, VALID", "avg_pool, 2, 2, SAME", "avg_pool, 3, 2, SAME", "avg_pool, 3, 1, VALID"})
  void pool(String function, int k, int s, String padding) {
    int outH = padding.equals("SAME") ? (5 + s - 1) / s : (5 - k + s) / s;
    model("Pool" + function.charAt(0) + k + s + padding).variable("x", 2, 5, 5, 2).fill("x", DISTINCT)
        .input("g", 2, outH, outH, 2)
        .loss("reduce_sum(" + function + "(x, ksize=[1, " + k + ", " + k + ", 1], strides=[1, " + s + ", " + s
            + ", 1], padding='" + padding + "') * g)").check();
  }

  @Test
  void dropoutUsesTheForwardMask() {
    // The check reseeds the model before each pass, so every pass draws the same mask.
    model("Dropout").variable("v", 4, 5).input("w", 4, 5).loss("reduce_sum(dropout(v, keep_prob=0.6) * w)").check();
    model("DropoutKeep").variable("v", 4, 5).input("w", 4, 5).input("keep", new int[0]).fill("keep", (d, r) -> d[0] = 0.5f)
        .loss("reduce_sum(dropout(v * v, keep) * w)").check();
  }
}
