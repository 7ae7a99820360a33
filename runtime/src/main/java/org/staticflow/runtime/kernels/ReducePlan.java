package org.staticflow.runtime.kernels;

/**
 * The index mapping of a reduction over a set of axes: input element {@code i} contributes to output
 * element {@link #outputOffset(int)}. Kept dimensions of size 1 ({@code keepdims}) do not change the
 * mapping. Built once per batch size.
 */
public final class ReducePlan {
  private final int[] inDims;
  private final int[] outStrides;
  private final int inSize;
  private final int outSize;

  private ReducePlan(int[] inDims, int[] outStrides, int inSize, int outSize) {
    this.inDims = inDims;
    this.outStrides = outStrides;
    this.inSize = inSize;
    this.outSize = outSize;
  }

  /** The plan reducing a tensor of shape {@code inDims} over {@code axes} (non-negative, distinct). */
  public static ReducePlan of(int[] inDims, int... axes) {
    boolean[] reduced = new boolean[inDims.length];
    for (int axis : axes) {
      reduced[axis] = true;
    }
    int[] strides = new int[inDims.length];
    int stride = 1;
    int inSize = 1;
    for (int axis = inDims.length - 1; axis >= 0; axis--) {
      inSize *= inDims[axis];
      if (!reduced[axis]) {
        strides[axis] = stride;
        stride *= inDims[axis];
      }
    }
    return new ReducePlan(inDims.clone(), strides, inSize, stride);
  }

  /** Elements in the input. */
  public int inSize() {
    return inSize;
  }

  /** Elements in the output. */
  public int outSize() {
    return outSize;
  }

  /** How many input elements fall on each output element. */
  public int groupSize() {
    return outSize == 0 ? 0 : inSize / outSize;
  }

  /** The output element that input element {@code index} reduces into. */
  int outputOffset(int index) {
    int offset = 0;
    for (int axis = inDims.length - 1; axis >= 0; axis--) {
      int d = inDims[axis];
      offset += (index % d) * outStrides[axis];
      index /= d;
    }
    return offset;
  }
}
