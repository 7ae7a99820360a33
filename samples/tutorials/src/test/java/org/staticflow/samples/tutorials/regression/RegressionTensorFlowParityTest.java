package org.staticflow.samples.tutorials.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.cli.StaticflowCli;
import org.staticflow.samples.tutorials.PythonFormat;

/**
 * The regression sample against the same program run by TensorFlow: the tutorial's 100 points, the same
 * initial {@code beta}, gradient descent at 0.5, 76 steps (25 of {@code train}, 51 of {@code resume}).
 *
 * <p>Tolerance: 1e-6 absolute on {@code alpha} and {@code beta} (values between -0.3 and 0.7), and identical
 * printed lines (six decimals). The arithmetic is the same float32 operations, but TensorFlow's Eigen kernels
 * sum the 100 terms of the gradients ({@code Sum} over the batch, in the broadcast gradients of {@code Add}
 * and {@code Mul}) in vectorised partial sums, in another order than Staticflow's kernels. A sum of 100 terms
 * of magnitude up to about 1 differs by a few float32 roundings of the partial sums (around 1e-7 of the
 * terms' size, not of the result's), so a gradient, and the step of 0.5 times it, can differ by more than one
 * ulp of the variable; measured: at most 4 ulps (about 6e-8) at any of the 76 steps. Gradient descent on this
 * convex quadratic contracts such differences rather than accumulating them, so they stay at that size; the
 * bound leaves a margin of more than 10 and is still 500 times below the printed resolution.
 */
class RegressionTensorFlowParityTest {
  private static final int STEPS = 76;
  private static final double TOLERANCE = 1e-6;

  @Test
  void trajectoryMatchesTensorFlow() {
    RegressionData data = RegressionData.tutorial();
    RegressionTraining staticflow = new RegressionTraining(data, 0.5f, 0);
    float initialBeta = staticflow.beta();
    int worstUlps = 0;
    double worst = 0;
    try (TensorFlowRegression tensorflow = new TensorFlowRegression(data, 0.5f, initialBeta)) {
      for (int step = 0; step < STEPS; step++) {
        staticflow.step();
        tensorflow.step();
        worstUlps = Math.max(worstUlps,
            Math.max(ulps(staticflow.alpha(), tensorflow.alpha()), ulps(staticflow.beta(), tensorflow.beta())));
        double difference = Math.max(Math.abs(staticflow.alpha() - tensorflow.alpha()),
            Math.abs(staticflow.beta() - tensorflow.beta()));
        worst = Math.max(worst, difference);
        assertTrue(difference <= TOLERANCE, "step " + step + ": Staticflow alpha " + staticflow.alpha() + " beta "
            + staticflow.beta() + ", TensorFlow alpha " + tensorflow.alpha() + " beta " + tensorflow.beta());
      }
    }
    System.out.println("regression parity: largest difference from TensorFlow over " + STEPS + " steps: "
        + worst + " (" + worstUlps + " ulps)");
  }

  @Test
  void printedLinesMatchTensorFlow(@TempDir Path dir) {
    RegressionData data = RegressionData.tutorial();
    float initialBeta = new RegressionTraining(data, 0.5f, 0).beta();
    List<String> expected = new ArrayList<>();
    try (TensorFlowRegression tensorflow = new TensorFlowRegression(data, 0.5f, initialBeta)) {
      for (int step = 0; step < 25; step++) {
        tensorflow.step();
        expected.add(line(step, tensorflow));
      }
      for (int step = 0; step < 51; step++) {
        tensorflow.step();
        if (step % 10 == 0) {
          expected.add(line(step, tensorflow));
        }
      }
    }
    String beta = Float.toString(initialBeta);
    assertEquals(initialBeta, Float.parseFloat(beta));
    List<String> printed = new ArrayList<>();
    printed.addAll(stepLines(run("sample", "regression", "train", "--model-dir", dir.toString(), "--initial-beta", beta)));
    printed.addAll(stepLines(run("sample", "regression", "resume", "--model-dir", dir.toString())));
    assertEquals(expected, printed);
  }

  private static String line(int step, TensorFlowRegression tensorflow) {
    return "Step:" + step + ", alpha:" + PythonFormat.f(tensorflow.alpha()) + ", beta:"
        + PythonFormat.f(tensorflow.beta());
  }

  private static List<String> stepLines(String output) {
    return output.lines().filter(line -> line.startsWith("Step:")).toList();
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = StaticflowCli.run(args, new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, status, err.toString());
    return out.toString();
  }

  private static int ulps(float a, float b) {
    return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b));
  }
}
