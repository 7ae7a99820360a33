package org.staticflow.runtime.kernels;

/**
 * The left operand {@code A} of a packed matrix product, as the product sees it: something that can copy
 * a few of its rows into a micro-panel. Lets the same product run on a stored matrix (either way round)
 * and on the virtual patch matrix of a convolution, which is never materialised.
 */
interface LeftOperand {
  /**
   * Packs rows {@code [row, row + rows)} and columns {@code [col, col + cols)} of {@code A} into
   * {@code panel} at {@code offset}, column after column: {@code panel[offset + p * height + r] =
   * A[row + r, col + p]}, with rows {@code rows..height-1} set to 0. Allocates nothing.
   */
  void pack(float[] panel, int offset, int height, int row, int rows, int col, int cols);

  /**
   * For operands that the micro-kernel can read in place, without packing: when rows {@code [row, row +
   * rows)} allow it, fills {@code bases[0..rows)} so that {@code A[row + r, p] = source()[bases[r] +
   * columnOffsets()[p]]} for every column {@code p}, and returns true. The default (and any row that
   * needs padding) returns false: pack instead.
   */
  default boolean direct(int row, int rows, int[] bases) {
    return false;
  }

  /** The array {@link #direct} rows are read from. */
  default float[] source() {
    return null;
  }

  /** The per-column offsets of {@link #direct} rows. */
  default int[] columnOffsets() {
    return null;
  }
}
