package org.staticflow.runtime.kernels;

/**
 * The patch matrix of a 2-D convolution (im2col) as the left operand of a product, read straight from
 * the NHWC input while packing so it is never stored: row {@code i = (b*outH + oy)*outW + ox} is the
 * receptive field of output pixel {@code (b, oy, ox)}, column {@code p = (ky*kW + kx)*inC + c}, and
 * {@code A[i, p] = x[b, oy*strideH + ky - padTop, ox*strideW + kx - padLeft, c]}, 0 in the padding. Then
 * {@code conv2d(x, f) = A · F} with the filter {@code F} seen as {@code [kH*kW*inC, outC]}, which is how
 * HWIO filters are stored. Mutable and reused per calling thread.
 */
final class PatchOperand implements LeftOperand {
  private float[] x;
  private WindowGeometry g;

  PatchOperand set(float[] x, WindowGeometry g) {
    this.x = x;
    this.g = g;
    return this;
  }

  /** Drops the reference to the caller's array. */
  void clear() {
    x = null;
  }

  @Override
  public void pack(float[] panel, int offset, int height, int row, int rows, int col, int cols) {
    WindowGeometry g = this.g;
    int inC = g.inChannels();
    int kW = g.kernelWidth();
    int outW = g.outWidth();
    int outH = g.outHeight();
    int end = col + cols;
    for (int r = 0; r < rows; r++) {
      int i = row + r;
      int ox = i % outW;
      int rest = i / outW;
      int oy = rest % outH;
      int b = rest / outH;
      int y0 = oy * g.strideHeight() - g.padTop();
      int x0 = ox * g.strideWidth() - g.padLeft();
      int imageBase = b * g.inHeight();
      // Walk the columns as (ky, kx) runs of inC contiguous channels, starting inside a run at col.
      int p = col;
      int tap = p / inC;
      int c = p - tap * inC;
      int dst = offset + r;
      while (p < end) {
        int ky = tap / kW;
        int kx = tap - ky * kW;
        int iy = y0 + ky;
        int ix = x0 + kx;
        int run = Math.min(inC - c, end - p);
        if (iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth()) {
          int src = ((imageBase + iy) * g.inWidth() + ix) * inC + c;
          for (int q = 0; q < run; q++) panel[dst + (p - col + q) * height] = x[src + q];
        } else {
          for (int q = 0; q < run; q++) panel[dst + (p - col + q) * height] = 0f;
        }
        p += run;
        tap++;
        c = 0;
      }
    }
    for (int r = rows; r < height; r++) {
      for (int p = 0; p < cols; p++) panel[offset + r + p * height] = 0f;
    }
  }
}
