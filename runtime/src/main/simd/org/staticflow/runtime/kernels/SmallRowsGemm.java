package org.staticflow.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with very few rows (batch-1 or batch-2 inference: {@code m < MR}), where packing {@code B}
 * would cost as much as the whole product, since each element of {@code B} is used only {@code m} times.
 * {@code B} is streamed once from where it is stored:
 *
 * <ul>
 *   <li>{@code B} stored {@code [k,n]}: {@code c[i, j..j+4VL) = sum_p A[i,p] * b[p, j..j+4VL)}, four
 *       accumulator vectors per block of columns, {@code B}'s rows read contiguously;
 *   <li>{@code B} stored {@code [n,k]} (transposed): {@code c[i,j] = dot(A[i,:], b[j,:])}, both rows
 *       contiguous when {@code A} is not transposed, with vector partial sums reduced at the end.
 * </ul>
 *
 * <p>Sums run in a different order from the packed product, so results differ from it by rounding only.
 */
final class SmallRowsGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  private SmallRowsGemm() {}

  /** Whether this path handles the product (and is the better one). */
  static boolean handles(int m, int k, int n, boolean transposeA, boolean transposeB) {
    return m < PackedGemm.MR && k > 0 && (!transposeB || !transposeA);
  }

  static void multiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean transposeA, boolean transposeB) {
    for (int i = 0; i < m; i++) {
      if (transposeB) {
        dots(a, i * k, b, c, i * n, k, n);
      } else {
        axpys(a, transposeA ? i : i * k, transposeA ? m : 1, b, c, i * n, k, n);
      }
    }
  }

  /** {@code c[cOff + j] = sum_p a[aOff + p*aStride] * b[p*n + j]}. */
  private static void axpys(float[] a, int aOff, int aStride, float[] b, float[] c, int cOff, int k, int n) {
    int j = 0;
    for (; j + 4 * VL <= n; j += 4 * VL) {
      FloatVector c0 = FloatVector.zero(S);
      FloatVector c1 = c0;
      FloatVector c2 = c0;
      FloatVector c3 = c0;
      for (int p = 0, bi = j; p < k; p++, bi += n) {
        FloatVector av = FloatVector.broadcast(S, a[aOff + p * aStride]);
        c0 = av.fma(FloatVector.fromArray(S, b, bi), c0);
        c1 = av.fma(FloatVector.fromArray(S, b, bi + VL), c1);
        c2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * VL), c2);
        c3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * VL), c3);
      }
      c0.intoArray(c, cOff + j);
      c1.intoArray(c, cOff + j + VL);
      c2.intoArray(c, cOff + j + 2 * VL);
      c3.intoArray(c, cOff + j + 3 * VL);
    }
    for (; j + VL <= n; j += VL) {
      FloatVector c0 = FloatVector.zero(S);
      for (int p = 0, bi = j; p < k; p++, bi += n) {
        c0 = FloatVector.broadcast(S, a[aOff + p * aStride]).fma(FloatVector.fromArray(S, b, bi), c0);
      }
      c0.intoArray(c, cOff + j);
    }
    for (; j < n; j++) {
      float sum = 0f;
      for (int p = 0; p < k; p++) sum = Math.fma(a[aOff + p * aStride], b[p * n + j], sum);
      c[cOff + j] = sum;
    }
  }

  /** {@code c[cOff + j] = dot(a[aOff .. aOff+k), b[j*k .. j*k+k))}. */
  private static void dots(float[] a, int aOff, float[] b, float[] c, int cOff, int k, int n) {
    int bound = S.loopBound(k);
    for (int j = 0; j < n; j++) {
      int bOff = j * k;
      FloatVector acc = FloatVector.zero(S);
      int p = 0;
      for (; p < bound; p += VL) {
        acc = FloatVector.fromArray(S, a, aOff + p).fma(FloatVector.fromArray(S, b, bOff + p), acc);
      }
      float sum = acc.reduceLanes(VectorOperators.ADD);
      for (; p < k; p++) sum = Math.fma(a[aOff + p], b[bOff + p], sum);
      c[cOff + j] = sum;
    }
  }
}
