package org.staticflow.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with a narrow output, {@code n <= VL} with {@code B} stored {@code [k,n]}: the output layer of a
 * classifier (10 classes), its forward product and its weight gradient ({@code A} stored either way). The packed
 * product's {@code 6 x 2VL} register tile would leave most of its lanes empty and its packing would cost more
 * than the arithmetic. Here each output row is one vector, {@code c[i, 0..n) = sum_p a(i,p) * b[p, 0..n)}, eight
 * rows at a time so that each row of {@code B} is loaded once per eight FMAs; lanes past {@code n} hold the next
 * row's products and are never stored. (The layer's input gradient {@code dy · W^T}, shallow rather than narrow,
 * stays on the packed product, which measured twice as fast there.)
 *
 * <p>Every output sums over {@code p} in increasing order with one rounding per fused multiply-add. Products of
 * {@link #PARALLEL_WORK} multiply-adds or more split their rows over the worker pool. Allocation-free after the
 * scratch has grown to the largest product seen.
 */
final class NarrowGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();
  private static final int ROWS = 8;

  /**
   * Products of at least this many multiply-adds run on every core, in blocks of rows (the MNIST MLP's weight
   * gradient at batch 100, 500,000, ran 1.5x faster so on a quiet machine; its forward product broke even).
   */
  static final int PARALLEL_WORK = 1 << 18;

  /**
   * Per-thread state, grown on demand: the padded copy of {@code B} the caller prepares for all threads, one
   * output row for each thread, and the caller's task for the worker pool.
   */
  private static final class Scratch implements WorkerPool.Task {
    final float[] row = new float[VL];
    private float[] copy = new float[0];
    // The product being split (set for the duration of one parallel call, then cleared).
    float[] a;
    float[] bCopy;
    float[] c;
    int m;
    int k;
    int n;
    boolean transposeA;
    int rowsPerChunk;

    float[] copy(int length) {
      if (copy.length < length) {
        copy = new float[length];
      }
      return copy;
    }

    @Override
    public void run(int chunk) {
      int from = chunk * rowsPerChunk;
      narrowOutput(a, bCopy, c, k, n, m, transposeA, from, Math.min(m, from + rowsPerChunk), SCRATCH.get().row);
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private NarrowGemm() {}

  /** Whether the product has a narrow output that this kernel handles. */
  static boolean handles(int m, int k, int n, boolean transposeA, boolean transposeB) {
    return !transposeB && n <= VL && m > 0 && k > 0 && n > 0;
  }

  static void multiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean transposeA) {
    Scratch scratch = SCRATCH.get();
    // A vector of padding after B, so that every row of B loads as a whole vector.
    float[] bCopy = scratch.copy(k * n + VL);
    System.arraycopy(b, 0, bCopy, 0, k * n);
    WorkerPool pool = WorkerPool.shared();
    int blocks = (m + ROWS - 1) / ROWS;
    int chunks = Math.min(blocks, 2 * pool.parallelism());
    if ((long) m * k * n < PARALLEL_WORK || chunks < 2) {
      narrowOutput(a, bCopy, c, k, n, m, transposeA, 0, m, scratch.row);
      return;
    }
    scratch.a = a;
    scratch.bCopy = bCopy;
    scratch.c = c;
    scratch.m = m;
    scratch.k = k;
    scratch.n = n;
    scratch.transposeA = transposeA;
    scratch.rowsPerChunk = (blocks + chunks - 1) / chunks * ROWS;
    try {
      pool.invoke(scratch, (m + scratch.rowsPerChunk - 1) / scratch.rowsPerChunk);
    } finally {
      scratch.a = null; // never keep the caller's arrays reachable
      scratch.bCopy = null;
      scratch.c = null;
    }
  }

  /**
   * {@code c[i, 0..n) = sum_p a(i,p) * b[p, 0..n)}, {@code a(i,p)} at {@code a[i*k+p]} or {@code a[p*m+i]}. Reads
   * {@code B} from a copy with a vector of padding, so that every row loads as a whole vector (a few thousand
   * floats: the output layer's weights). Vectors never leave this method: a vector passed to or returned from a
   * call that is not inlined is boxed on the heap.
   */
  private static void narrowOutput(float[] a, float[] padded, float[] c, int k, int n, int m, boolean transposeA,
      int from, int to, float[] row) {
    int rowStep = transposeA ? 1 : k;
    int pStep = transposeA ? m : 1;
    int i = from;
    for (; i + ROWS <= to; i += ROWS) {
      int a0 = i * rowStep;
      FloatVector c0 = FloatVector.zero(S);
      FloatVector c1 = c0;
      FloatVector c2 = c0;
      FloatVector c3 = c0;
      FloatVector c4 = c0;
      FloatVector c5 = c0;
      FloatVector c6 = c0;
      FloatVector c7 = c0;
      for (int p = 0, ai = a0, bi = 0; p < k; p++, ai += pStep, bi += n) {
        FloatVector bv = FloatVector.fromArray(S, padded, bi);
        c0 = FloatVector.broadcast(S, a[ai]).fma(bv, c0);
        c1 = FloatVector.broadcast(S, a[ai + rowStep]).fma(bv, c1);
        c2 = FloatVector.broadcast(S, a[ai + 2 * rowStep]).fma(bv, c2);
        c3 = FloatVector.broadcast(S, a[ai + 3 * rowStep]).fma(bv, c3);
        c4 = FloatVector.broadcast(S, a[ai + 4 * rowStep]).fma(bv, c4);
        c5 = FloatVector.broadcast(S, a[ai + 5 * rowStep]).fma(bv, c5);
        c6 = FloatVector.broadcast(S, a[ai + 6 * rowStep]).fma(bv, c6);
        c7 = FloatVector.broadcast(S, a[ai + 7 * rowStep]).fma(bv, c7);
      }
      // The first n lanes of each accumulator are row i + r of C (the rest are the next row's products).
      c0.intoArray(row, 0);
      System.arraycopy(row, 0, c, i * n, n);
      c1.intoArray(row, 0);
      System.arraycopy(row, 0, c, (i + 1) * n, n);
      c2.intoArray(row, 0);
      System.arraycopy(row, 0, c, (i + 2) * n, n);
      c3.intoArray(row, 0);
      System.arraycopy(row, 0, c, (i + 3) * n, n);
      c4.intoArray(row, 0);
      System.arraycopy(row, 0, c, (i + 4) * n, n);
      c5.intoArray(row, 0);
      System.arraycopy(row, 0, c, (i + 5) * n, n);
      c6.intoArray(row, 0);
      System.arraycopy(row, 0, c, (i + 6) * n, n);
      c7.intoArray(row, 0);
      System.arraycopy(row, 0, c, (i + 7) * n, n);
    }
    for (; i < to; i++) {
      FloatVector c0 = FloatVector.zero(S);
      for (int p = 0, ai = i * rowStep, bi = 0; p < k; p++, ai += pStep, bi += n) {
        c0 = FloatVector.broadcast(S, a[ai]).fma(FloatVector.fromArray(S, padded, bi), c0);
      }
      c0.intoArray(row, 0);
      System.arraycopy(row, 0, c, i * n, n);
    }
  }
}
