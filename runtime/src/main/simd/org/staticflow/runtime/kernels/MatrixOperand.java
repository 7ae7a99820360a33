package org.staticflow.runtime.kernels;

/**
 * A stored row-major matrix as the left operand {@code A[m,k]} of a product: {@code a} holds
 * {@code [m,k]}, or {@code [k,m]} when transposed, so that {@code A[i,p] = a[i*k + p]} or
 * {@code a[p*m + i]}. Mutable and reused (one per calling thread) so a product allocates nothing.
 */
final class MatrixOperand implements LeftOperand {
  private float[] a;
  private int m;
  private int k;
  private boolean transposed;

  MatrixOperand set(float[] a, int m, int k, boolean transposed) {
    this.a = a;
    this.m = m;
    this.k = k;
    this.transposed = transposed;
    return this;
  }

  /** Drops the reference to the caller's array. */
  void clear() {
    a = null;
  }

  @Override
  public void pack(float[] panel, int offset, int height, int row, int rows, int col, int cols) {
    float[] a = this.a;
    if (transposed) {
      // A[i, p] = a[p*m + i]: each packed column is a contiguous run of the stored row p.
      for (int p = 0; p < cols; p++) {
        int src = (col + p) * m + row;
        int dst = offset + p * height;
        System.arraycopy(a, src, panel, dst, rows);
        for (int r = rows; r < height; r++) panel[dst + r] = 0f;
      }
      return;
    }
    // A[i, p] = a[i*k + p]: walk each stored row once, scattering with stride height.
    for (int r = 0; r < rows; r++) {
      int src = (row + r) * k + col;
      int dst = offset + r;
      for (int p = 0; p < cols; p++) panel[dst + p * height] = a[src + p];
    }
    for (int r = rows; r < height; r++) {
      for (int p = 0; p < cols; p++) panel[offset + r + p * height] = 0f;
    }
  }
}
