package org.staticflow.runtime.graph.interpreter.ops;

/**
 * Element offsets of two broadcast operands, for the element types the float kernels do not cover
 * (integer arithmetic, comparisons). Walks the output like an odometer instead of dividing per element.
 */
final class BroadcastIndex {
  final int[] a;
  final int[] b;

  private BroadcastIndex(int[] a, int[] b) {
    this.a = a;
    this.b = b;
  }

  /** Offsets into operands of shapes {@code aDims} and {@code bDims} for each element of {@code outDims}. */
  static BroadcastIndex of(long[] aDims, long[] bDims, long[] outDims) {
    int rank = outDims.length;
    int[] aStrides = strides(aDims, rank);
    int[] bStrides = strides(bDims, rank);
    int n = ShapeRules.product(outDims, 0, rank);
    int[] aOff = new int[n];
    int[] bOff = new int[n];
    int[] counter = new int[rank];
    int ao = 0;
    int bo = 0;
    for (int i = 0; i < n; i++) {
      aOff[i] = ao;
      bOff[i] = bo;
      for (int axis = rank - 1; axis >= 0; axis--) {
        counter[axis]++;
        ao += aStrides[axis];
        bo += bStrides[axis];
        if (counter[axis] < outDims[axis]) {
          break;
        }
        ao -= aStrides[axis] * counter[axis];
        bo -= bStrides[axis] * counter[axis];
        counter[axis] = 0;
      }
    }
    return new BroadcastIndex(aOff, bOff);
  }

  /** Strides of an operand aligned right to {@code rank}; 0 where the operand's dimension is 1 or missing. */
  private static int[] strides(long[] dims, int rank) {
    int[] strides = new int[rank];
    int stride = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      int axis = i + rank - dims.length;
      strides[axis] = dims[i] == 1 ? 0 : stride;
      stride *= (int) dims[i];
    }
    return strides;
  }
}
