package org.staticflow.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.staticflow.runtime.random.Rng;

/** Kernel contracts on small hand-computed cases, on every back end this JVM can run. */
class KernelContractsTest {
  static Iterable<Kernels> backends() {
    return KernelBackends.all();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void broadcastFollowsNumpyRules(Kernels kernels) {
    Broadcast plan = Broadcast.of(new int[] {2, 1, 3}, new int[] {4, 1});
    assertArrayEquals(new int[] {2, 4, 3}, plan.outDims());
    assertEquals(24, plan.size());
    assertThrows(IllegalArgumentException.class, () -> Broadcast.of(new int[] {2, 3}, new int[] {2}));
    float[] a = {1, 2, 3, 4, 5, 6};
    float[] b = {10, 20, 30, 40};
    float[] out = new float[24];
    kernels.binary(BinaryOp.ADD, a, b, out, plan);
    // out[i, j, k] = a[i, 0, k] + b[j, 0]
    assertEquals(1 + 10, out[0]);
    assertEquals(3 + 20, out[5]);
    assertEquals(4 + 40, out[21]);
    assertEquals(6 + 40, out[23]);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void scalarOperands(Kernels kernels) {
    float[] out = new float[3];
    kernels.binary(BinaryOp.DIV, new float[] {1, 2, 4}, new float[] {2}, out, Broadcast.of(new int[] {3}, new int[] {}));
    assertArrayEquals(new float[] {0.5f, 1, 2}, out);
    kernels.binary(BinaryOp.SUB, new float[] {1}, new float[] {1, 2, 4}, out, Broadcast.of(new int[] {}, new int[] {3}));
    assertArrayEquals(new float[] {0, -1, -3}, out);
    float[] scalar = new float[1];
    kernels.binary(BinaryOp.MUL, new float[] {3}, new float[] {4}, scalar, Broadcast.of(new int[] {}, new int[] {}));
    assertEquals(12f, scalar[0]);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void maximumPropagatesNaN(Kernels kernels) {
    float[] out = new float[2];
    kernels.binary(BinaryOp.MAXIMUM, new float[] {Float.NaN, 1}, new float[] {0, 2}, out, Broadcast.of(new int[] {2}, new int[] {2}));
    assertEquals(Float.NaN, out[0]);
    assertEquals(2f, out[1]);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void matmulWithTranspositions(Kernels kernels) {
    float[] a = {1, 2, 3, 4, 5, 6}; // [2, 3]
    float[] b = {1, 0, 0, 1, 1, 1}; // [3, 2]
    float[] out = new float[4];
    kernels.matmul(a, b, out, 2, 3, 2, false, false);
    assertArrayEquals(new float[] {4, 5, 10, 11}, out);
    float[] at = {1, 4, 2, 5, 3, 6}; // a transposed, stored [3, 2]
    float[] bt = {1, 0, 1, 0, 1, 1}; // b transposed, stored [2, 3]
    kernels.matmul(at, b, out, 2, 3, 2, true, false);
    assertArrayEquals(new float[] {4, 5, 10, 11}, out);
    kernels.matmul(a, bt, out, 2, 3, 2, false, true);
    assertArrayEquals(new float[] {4, 5, 10, 11}, out);
    kernels.matmul(at, bt, out, 2, 3, 2, true, true);
    assertArrayEquals(new float[] {4, 5, 10, 11}, out);
    kernels.matmul(new float[0], new float[0], out, 2, 0, 2, false, false);
    assertArrayEquals(new float[4], out, "an empty inner dimension gives zeros");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void softmaxIsStableForLargeLogits(Kernels kernels) {
    float[] out = new float[3];
    kernels.softmax(new float[] {1000, 1000, 1000}, out, 1, 3);
    assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, out, 1e-6f);
    kernels.logSoftmax(new float[] {1000, 0, 0}, out, 1, 3);
    assertEquals(0f, out[0], 1e-6f);
    assertEquals(-1000f, out[1], 1e-3f);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void sparseCrossEntropyRejectsLabelsOutOfRange(Kernels kernels) {
    float[] out = new float[1];
    assertThrows(IllegalArgumentException.class,
        () -> kernels.sparseSoftmaxCrossEntropy(new long[] {3}, new float[] {0, 0, 0}, out, 1, 3));
    kernels.sparseSoftmaxCrossEntropy(new int[] {1}, new float[] {0, 0, 0}, out, 1, 3);
    assertEquals(Math.log(3), out[0], 1e-6);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void sigmoidCrossEntropyDoesNotOverflow(Kernels kernels) {
    float[] out = new float[2];
    kernels.sigmoidCrossEntropy(new float[] {1, 0}, new float[] {-200, -200}, out, 2);
    assertEquals(200f, out[0], 1e-3f);
    assertEquals(0f, out[1], 1e-6f);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void argmaxTakesTheFirstOfTies(Kernels kernels) {
    long[] out = new long[2];
    kernels.argmax(new float[] {1, 3, 3, 2, 2, 0}, out, 2, 3, 1);
    assertArrayEquals(new long[] {1, 0}, out);
    // Along the outer axis of [2, 3]: outer 1, n 2, inner 3.
    long[] columns = new long[3];
    kernels.argmax(new float[] {1, 5, 3, 2, 5, 0}, columns, 1, 2, 3);
    assertArrayEquals(new long[] {1, 0, 0}, columns);
    assertThrows(IllegalArgumentException.class, () -> kernels.argmax(new float[0], new long[3], 1, 0, 3));
    kernels.argmax(new float[0], new long[0], 0, 10, 1);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void oneHotIgnoresIndicesOutOfRange(Kernels kernels) {
    float[] out = new float[6];
    kernels.oneHot(new long[] {2, -1}, out, 2, 3, 1, 0);
    assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0}, out);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void reduceOverChosenAxes(Kernels kernels) {
    float[] x = {1, 2, 3, 4, 5, 6}; // [2, 3]
    float[] rows = new float[2];
    kernels.reduce(ReduceOp.SUM, x, rows, ReducePlan.of(new int[] {2, 3}, 1));
    assertArrayEquals(new float[] {6, 15}, rows);
    float[] cols = new float[3];
    kernels.reduce(ReduceOp.MAX, x, cols, ReducePlan.of(new int[] {2, 3}, 0));
    assertArrayEquals(new float[] {4, 5, 6}, cols);
    float[] all = new float[1];
    kernels.reduce(ReduceOp.MEAN, x, all, ReducePlan.of(new int[] {2, 3}, 0, 1));
    assertArrayEquals(new float[] {3.5f}, all);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void transposeAndConcat(Kernels kernels) {
    float[] out = new float[6];
    kernels.transpose(new float[] {1, 2, 3, 4, 5, 6}, out, TransposePlan.of(new int[] {2, 3}, new int[] {1, 0}));
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, out);
    float[] joined = new float[6];
    kernels.concat(new float[][] {{1, 2}, {3, 4, 5, 6}}, new int[] {1, 2}, joined, 2);
    assertArrayEquals(new float[] {1, 3, 4, 2, 5, 6}, joined);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void samePaddingPutsTheExtraRowAfter(Kernels kernels) {
    WindowGeometry g = WindowGeometry.of(1, 4, 4, 1, 3, 3, 1, 2, 2, true);
    assertEquals(2, g.outHeight());
    // pad_total = (2 - 1) * 2 + 3 - 4 = 1: nothing before, one after.
    assertEquals(0, g.padTop());
    WindowGeometry odd = WindowGeometry.of(1, 5, 5, 1, 4, 4, 1, 1, 1, true);
    assertEquals(1, odd.padTop(), "pad_total 3: one before, two after");
    assertEquals(2, WindowGeometry.outputSize(5, 2, 2, false));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void averagePoolingCountsOnlyRealPositions(Kernels kernels) {
    WindowGeometry g = WindowGeometry.of(1, 2, 2, 1, 2, 2, 1, 1, 1, true);
    float[] out = new float[4];
    kernels.avgPool(new float[] {1, 2, 3, 4}, out, g);
    assertArrayEquals(new float[] {2.5f, 3, 3.5f, 4}, out);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void dropoutKeepsWhatTheGeneratorSays(Kernels kernels) {
    float[] x = new float[1000];
    java.util.Arrays.fill(x, 1f);
    float[] out = new float[1000];
    boolean[] mask = new boolean[1000];
    kernels.dropout(x, 0.8f, new Rng(1), mask, out, 1000);
    int kept = 0;
    for (int i = 0; i < 1000; i++) {
      assertEquals(mask[i] ? 1.25f : 0f, out[i]);
      kept += mask[i] ? 1 : 0;
    }
    assertEquals(800, kept, 50);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void casts(Kernels kernels) {
    int[] ints = new int[3];
    kernels.cast(new float[] {-1.7f, 0.2f, 2.9f}, ints, 3);
    assertArrayEquals(new int[] {-1, 0, 2}, ints);
    float[] floats = new float[2];
    kernels.cast(new boolean[] {true, false}, floats, 2);
    assertArrayEquals(new float[] {1, 0}, floats);
    boolean[] bools = new boolean[2];
    kernels.cast(new float[] {0, -0.5f}, bools, 2);
    assertArrayEquals(new boolean[] {false, true}, bools);
  }
}
