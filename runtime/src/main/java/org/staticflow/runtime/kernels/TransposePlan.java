package org.staticflow.runtime.kernels;

/**
 * The index mapping of {@code transpose(x, perm)}: output axis {@code i} is input axis {@code perm[i]}.
 * Built once per batch size.
 */
public final class TransposePlan {
  private final int[] outDims;
  private final int[] inStrides;
  private final int size;

  private TransposePlan(int[] outDims, int[] inStrides, int size) {
    this.outDims = outDims;
    this.inStrides = inStrides;
    this.size = size;
  }

  /** The plan for an input of shape {@code inDims} and a permutation {@code perm} of its axes. */
  public static TransposePlan of(int[] inDims, int[] perm) {
    int rank = inDims.length;
    int[] strides = new int[rank];
    int stride = 1;
    for (int axis = rank - 1; axis >= 0; axis--) {
      strides[axis] = stride;
      stride *= inDims[axis];
    }
    int[] outDims = new int[rank];
    int[] permuted = new int[rank];
    for (int i = 0; i < rank; i++) {
      outDims[i] = inDims[perm[i]];
      permuted[i] = strides[perm[i]];
    }
    return new TransposePlan(outDims, permuted, stride);
  }

  /** Elements in the tensor. */
  public int size() {
    return size;
  }

  /** The input element that output element {@code index} copies. */
  int inputOffset(int index) {
    int offset = 0;
    for (int axis = outDims.length - 1; axis >= 0; axis--) {
      int d = outDims[axis];
      offset += (index % d) * inStrides[axis];
      index /= d;
    }
    return offset;
  }
}
