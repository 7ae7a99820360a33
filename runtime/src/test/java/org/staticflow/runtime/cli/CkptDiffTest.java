package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/** {@code ckpt diff}: output and exit status. */
class CkptDiffTest {
  @TempDir Path dir;

  @Test
  void identicalCheckpointsExitZero() throws Exception {
    Path a = Cli.write(dir.resolve("a"), Samples.everyType());
    Map<String, Tensor> reversed = new LinkedHashMap<>();
    List<String> keys = List.copyOf(Samples.everyType().keySet());
    for (int i = keys.size() - 1; i >= 0; i--) {
      reversed.put(keys.get(i), Samples.everyType().get(keys.get(i)));
    }
    Path b = Cli.write(dir.resolve("b"), reversed);
    Cli.Result result = Cli.run("ckpt", "diff", a, b);
    assertEquals(0, result.status(), result::toString);
    assertEquals("identical: 19 tensors (A=" + a + " B=" + b + ")\n", result.out());
    assertEquals("", result.err());
  }

  @Test
  void reportsEveryKindOfDifferenceInKeyOrderAndExitsOne() throws Exception {
    Map<String, Tensor> left = new LinkedHashMap<>();
    left.put("same", FloatTensor.of(Shape.of(2), 1, 2));
    left.put("gone", FloatTensor.scalar(1));
    left.put("retyped", FloatTensor.of(Shape.of(2), 1, 2));
    left.put("reshaped", FloatTensor.of(Shape.of(2, 2), 1, 2, 3, 4));
    left.put("both", FloatTensor.of(Shape.of(2), 1, 2));
    left.put("values", FloatTensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6));
    left.put("scalar", IntTensor.scalar(3));
    left.put("text", StringTensor.of(Shape.of(3), "a", "b", "c"));
    left.put("nan", FloatTensor.of(Shape.of(2), Float.NaN, 1));
    Map<String, Tensor> right = new LinkedHashMap<>();
    right.put("same", FloatTensor.of(Shape.of(2), 1, 2));
    right.put("new", FloatTensor.zeros(Shape.of(3)));
    right.put("retyped", DoubleTensor.of(Shape.of(2), 1, 2));
    right.put("reshaped", FloatTensor.of(Shape.of(4), 1, 2, 3, 4));
    right.put("both", new IntTensor(DataType.INT32, Shape.of(3), new int[3]));
    right.put("values", FloatTensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5.5f, 3));
    right.put("scalar", IntTensor.scalar(-4));
    right.put("text", StringTensor.of(Shape.of(3), "a", "B", "C"));
    right.put("nan", FloatTensor.of(Shape.of(2), 0, 1));
    Path a = Cli.write(dir.resolve("a"), left);
    Path b = Cli.write(dir.resolve("b"), right);
    Cli.Result result = Cli.run("ckpt", "diff", a, b);
    assertEquals(1, result.status(), result::toString);
    assertEquals(
        String.join(
            "\n",
            "dtype and shape differ: both (float32 [2] vs int32 [3])",
            "only in A: gone (float32 [])",
            "values differ: nan (1 of 2 elements, 1 NaN vs number, first at [0]: NaN vs 0.0)",
            "only in B: new (float32 [3])",
            "shape differs: reshaped (float32 [2,2] vs float32 [4])",
            "dtype differs: retyped (float32 [2] vs float64 [2])",
            "values differ: scalar (1 of 1 elements, max abs diff 7.0: 3 vs -4)",
            "values differ: text (2 of 3 elements, first at [1]: b'b' vs b'B')",
            "values differ: values (2 of 6 elements, max abs diff 3.0, first at [1,1]: 5.0 vs 5.5)",
            "different: 9 of 10 tensors (A=" + a + " B=" + b + ")",
            ""),
        result.out());
    assertEquals("", result.err());
  }

  @Test
  void streamedComparisonAgreesWithInMemory() throws Exception {
    float[] x = new float[300_000];
    float[] y = new float[300_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
      y[i] = i;
    }
    y[299_999] = -1;
    y[123_456] += 0.25f;
    Path a = Cli.write(dir.resolve("a"), Map.of("big", FloatTensor.of(Shape.of(3, 100_000), x)));
    Path b = Cli.write(dir.resolve("b"), Map.of("big", FloatTensor.of(Shape.of(3, 100_000), y)));
    Cli.Result inMemory = Cli.run("ckpt", "diff", a, b);
    Cli.Result streamed = Cli.run("ckpt", "diff", "--stream-above", "0", a, b);
    assertEquals(1, inMemory.status(), inMemory::toString);
    assertEquals(
        "values differ: big (2 of 300000 elements, max abs diff 300000.0, first at [1,23456]: 123456.0 vs 123456.25)",
        inMemory.lines()[0]);
    assertEquals(inMemory, streamed);
  }

  @Test
  void toleranceMakesCloseValuesEqual() throws Exception {
    Path a = Cli.write(dir.resolve("a"), Map.of("w", FloatTensor.of(Shape.of(2), 1, 2)));
    Path b = Cli.write(dir.resolve("b"), Map.of("w", FloatTensor.of(Shape.of(2), 1.001f, 2)));
    assertEquals(1, Cli.run("ckpt", "diff", a, b).status());
    assertEquals(0, Cli.run("ckpt", "diff", "--atol", "0.01", a, b).status());
    Cli.Result negative = Cli.run("ckpt", "diff", "--atol", "-1", a, b);
    assertEquals(2, negative.status());
    assertTrue(negative.err().startsWith("staticflow: --atol must be a finite number >= 0, got -1.0\n"), negative::toString);
  }

  @Test
  void errorsExitTwoNotOne() throws Exception {
    Path a = Cli.write(dir.resolve("a"), Map.of("w", FloatTensor.scalar(1)));
    Cli.Result missing = Cli.run("ckpt", "diff", a, dir.resolve("nope"));
    assertEquals(2, missing.status());
    assertEquals("", missing.out());
    assertEquals(1, missing.err().lines().count(), missing::toString);
    Cli.Result usage = Cli.run("ckpt", "diff", a);
    assertEquals(2, usage.status());
    assertTrue(usage.err().startsWith("staticflow: Missing required parameter: 'B'\n"), usage::toString);
  }
}
