package org.staticflow.runtime.kernels;

/**
 * The index mapping of a reduction over a set of axes: input element {@code i} contributes to output
 * element {@link #outputOffset(int)}. Kept dimensions of size 1 ({@code keepdims}) do not change the
 * mapping. Built once per batch size.
 *
 * <p>Most reductions a model makes are <em>blocked</em>: ignoring dimensions of size 1, the reduced axes are
 * adjacent, so the input is {@code [outer, mid, inner]} with {@code mid} reduced and the output
 * {@code [outer, inner]} (a bias gradient {@code [batch, units] -> [units]} is {@code [1, batch, units]}, a row
 * sum {@code [rows, cols] -> [rows]} is {@code [rows, cols, 1]}, a full reduction {@code [1, n, 1]}). Kernels
 * walk those with plain strided loops instead of computing {@link #outputOffset(int)} per element.
 */
public final class ReducePlan {
  private final int[] inDims;
  private final int[] outStrides;
  private final int inSize;
  private final int outSize;
  /** The blocked form {@code [outer, mid, inner]}, or {@code outer = -1} if the reduced axes are not adjacent. */
  private final int outer;
  private final int mid;
  private final int inner;

  private ReducePlan(int[] inDims, int[] outStrides, int inSize, int outSize, int[] blocked) {
    this.inDims = inDims;
    this.outStrides = outStrides;
    this.inSize = inSize;
    this.outSize = outSize;
    this.outer = blocked == null ? -1 : blocked[0];
    this.mid = blocked == null ? 0 : blocked[1];
    this.inner = blocked == null ? 0 : blocked[2];
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
    return new ReducePlan(inDims.clone(), strides, inSize, stride, blocked(inDims, reduced));
  }

  /**
   * {@code [outer, mid, inner]} if, skipping dimensions of size 1, the dimensions read kept* reduced* kept*;
   * otherwise null.
   */
  private static int[] blocked(int[] inDims, boolean[] reduced) {
    int[] block = {1, 1, 1};
    int part = 0; // 0: leading kept dimensions, 1: reduced, 2: trailing kept
    for (int axis = 0; axis < inDims.length; axis++) {
      if (inDims[axis] == 1) {
        continue;
      }
      int wanted = reduced[axis] ? 1 : (part == 0 ? 0 : 2);
      if (wanted < part) {
        return null; // a reduced axis after trailing kept ones: not adjacent
      }
      part = wanted;
      block[part] *= inDims[axis];
    }
    return block;
  }

  /** Whether the reduction is blocked (see the class comment): {@link #outer}, {@link #mid}, {@link #inner}. */
  boolean isBlocked() {
    return outer >= 0;
  }

  /** The product of the kept dimensions before the reduced ones (blocked plans). */
  int outer() {
    return outer;
  }

  /** The product of the reduced dimensions (blocked plans). */
  int mid() {
    return mid;
  }

  /** The product of the kept dimensions after the reduced ones (blocked plans). */
  int inner() {
    return inner;
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
