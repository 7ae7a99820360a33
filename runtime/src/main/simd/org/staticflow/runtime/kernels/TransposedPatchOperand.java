package org.staticflow.runtime.kernels;

/**
 * The transposed patch matrix of a 2-D convolution, {@code P^T}, as the left operand of a product: row
 * {@code p = (ky*kW + kx)*inC + c} is one filter tap and channel, column {@code j = (b*outH + oy)*outW +
 * ox} one output pixel, {@code P^T[p, j] = x[b, oy*strideH + ky - padTop, ox*strideW + kx - padLeft, c]},
 * 0 in the padding. Then {@code Conv2DBackpropFilter(x, dy) = P^T · dy} with {@code dy} seen as
 * {@code [batch*outH*outW, outC]}, stored as HWIO. Read straight from the NHWC input while packing;
 * mutable and reused per calling thread.
 */
final class TransposedPatchOperand implements LeftOperand {
  private float[] x;
  private WindowGeometry g;
  /** {@code rowOffset[p] = (ky*inW + kx)*inC + c}: where tap row {@code p} reads, from a pixel's field origin. */
  private int[] rowOffset = new int[0];
  /** {@code ky} and {@code kx} of row {@code p}, so that pixels on the border test their taps without dividing. */
  private int[] rowKy = new int[0];
  private int[] rowKx = new int[0];

  TransposedPatchOperand set(float[] x, WindowGeometry g) {
    this.x = x;
    if (!g.equals(this.g)) {
      int inC = g.inChannels();
      int k = g.kernelHeight() * g.kernelWidth() * inC;
      if (rowOffset.length < k) {
        rowOffset = new int[k];
        rowKy = new int[k];
        rowKx = new int[k];
      }
      for (int p = 0; p < k; p++) {
        int tap = p / inC;
        int ky = tap / g.kernelWidth();
        int kx = tap - ky * g.kernelWidth();
        rowOffset[p] = (ky * g.inWidth() + kx) * inC + (p - tap * inC);
        rowKy[p] = ky;
        rowKx[p] = kx;
      }
      this.g = g;
    }
    return this;
  }

  /** Drops the reference to the caller's array. */
  void clear() {
    x = null;
  }

  @Override
  public void pack(float[] panel, int offset, int height, int row, int rows, int col, int cols) {
    WindowGeometry g = this.g;
    float[] x = this.x;
    int[] offsets = rowOffset;
    int[] tapY = rowKy;
    int[] tapX = rowKx;
    int inC = g.inChannels();
    int kW = g.kernelWidth();
    int inH = g.inHeight();
    int inW = g.inWidth();
    int outW = g.outWidth();
    int outH = g.outHeight();
    int ox = col % outW;
    int rest = col / outW;
    int oy = rest % outH;
    int b = rest / outH;
    // Rows that are consecutive channels of one tap read consecutive floats of x: copy them without the
    // offset table (the common case: 6 of 32 or 64 channels).
    int first = offsets[row];
    boolean consecutive = offsets[row + rows - 1] - first == rows - 1;
    for (int q = 0; q < cols; q++) {
      int y0 = oy * g.strideHeight() - g.padTop();
      int x0 = ox * g.strideWidth() - g.padLeft();
      int dst = offset + q * height;
      // Where the field's origin would be in x; tap p then reads base + offsets[p] when it is inside the image.
      int base = ((b * inH + y0) * inW + x0) * inC;
      if (y0 >= 0 && y0 + g.kernelHeight() <= inH && x0 >= 0 && x0 + kW <= inW) {
        if (consecutive) {
          int src = base + first;
          for (int r = 0; r < rows; r++) panel[dst + r] = x[src + r];
        } else {
          for (int r = 0; r < rows; r++) panel[dst + r] = x[base + offsets[row + r]];
        }
      } else {
        for (int r = 0; r < rows; r++) {
          int p = row + r;
          int iy = y0 + tapY[p];
          int ix = x0 + tapX[p];
          panel[dst + r] = iy >= 0 && iy < inH && ix >= 0 && ix < inW ? x[base + offsets[p]] : 0f;
        }
      }
      for (int r = rows; r < height; r++) panel[dst + r] = 0f;
      if (++ox == outW) {
        ox = 0;
        if (++oy == outH) {
          oy = 0;
          b++;
        }
      }
    }
  }
}
