package org.staticflow.runtime.kernels;

import java.util.Arrays;

/**
 * The index mapping of a binary element-wise operation under NumPy broadcasting: shapes are aligned at
 * their last dimension, a missing leading dimension counts as 1, and a dimension of 1 stretches to the
 * other operand's size. Built once per batch size; immutable and shareable.
 */
public final class Broadcast {
  private final int[] outDims;
  private final int[] aStrides;
  private final int[] bStrides;
  private final int size;
  private final boolean sameShape;

  private Broadcast(int[] outDims, int[] aStrides, int[] bStrides, boolean sameShape) {
    this.outDims = outDims;
    this.aStrides = aStrides;
    this.bStrides = bStrides;
    this.sameShape = sameShape;
    int n = 1;
    for (int d : outDims) {
      n *= d;
    }
    this.size = n;
  }

  /**
   * The plan for operands of shapes {@code a} and {@code b}.
   *
   * @throws IllegalArgumentException if a pair of aligned dimensions differs and neither is 1
   */
  public static Broadcast of(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    int[] aStrides = new int[rank];
    int[] bStrides = new int[rank];
    int aStride = 1;
    int bStride = 1;
    for (int i = rank - 1; i >= 0; i--) {
      int ai = i - (rank - a.length);
      int bi = i - (rank - b.length);
      int ad = ai >= 0 ? a[ai] : 1;
      int bd = bi >= 0 ? b[bi] : 1;
      if (ad != bd && ad != 1 && bd != 1) {
        throw new IllegalArgumentException(
            "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
      }
      out[i] = Math.max(ad, bd);
      if (ad == 0 || bd == 0) {
        out[i] = 0;
      }
      aStrides[i] = ad == 1 ? 0 : aStride;
      bStrides[i] = bd == 1 ? 0 : bStride;
      aStride *= ad;
      bStride *= bd;
    }
    return new Broadcast(out, aStrides, bStrides, Arrays.equals(a, b));
  }

  /** The result shape. */
  public int[] outDims() {
    return outDims.clone();
  }

  /** Elements in the result. */
  public int size() {
    return size;
  }

  boolean sameShape() {
    return sameShape;
  }

  int rank() {
    return outDims.length;
  }

  int outDim(int axis) {
    return outDims[axis];
  }

  int aStride(int axis) {
    return aStrides[axis];
  }

  int bStride(int axis) {
    return bStrides[axis];
  }

  /** The offset into the first operand of result element {@code index}. */
  int aOffset(int index) {
    return offset(index, aStrides);
  }

  /** The offset into the second operand of result element {@code index}. */
  int bOffset(int index) {
    return offset(index, bStrides);
  }

  private int offset(int index, int[] strides) {
    int offset = 0;
    for (int axis = outDims.length - 1; axis >= 0; axis--) {
      int d = outDims[axis];
      offset += (index % d) * strides[axis];
      index /= d;
    }
    return offset;
  }
}
