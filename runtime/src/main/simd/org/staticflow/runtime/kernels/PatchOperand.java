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
  /**
   * {@code columnOffset[p]}: where column {@code p} of a row reads, relative to the top-left input
   * element of its receptive field, {@code (ky*inW + kx)*inC + c}. Rows whose field lies inside the
   * image (most of them) are then a branch-free gather. Grown on demand, so reuse allocates nothing.
   */
  private int[] columnOffset = new int[0];

  PatchOperand set(float[] x, WindowGeometry g) {
    this.x = x;
    if (!g.equals(this.g)) {
      int inC = g.inChannels();
      int k = g.kernelHeight() * g.kernelWidth() * inC;
      if (columnOffset.length < k) {
        columnOffset = new int[k];
      }
      for (int p = 0; p < k; p++) {
        int tap = p / inC;
        int ky = tap / g.kernelWidth();
        int kx = tap - ky * g.kernelWidth();
        columnOffset[p] = (ky * g.inWidth() + kx) * inC + (p - tap * inC);
      }
      this.g = g;
    }
    return this;
  }

  /** Rows whose receptive fields lie inside the image are read in place by the micro-kernel. */
  @Override
  public boolean direct(int row, int rows, int[] bases) {
    WindowGeometry g = this.g;
    int outW = g.outWidth();
    int outH = g.outHeight();
    int ox = row % outW;
    int rest = row / outW;
    int oy = rest % outH;
    int b = rest / outH;
    for (int r = 0; r < rows; r++) {
      int y0 = oy * g.strideHeight() - g.padTop();
      int x0 = ox * g.strideWidth() - g.padLeft();
      if (y0 < 0 || y0 + g.kernelHeight() > g.inHeight() || x0 < 0 || x0 + g.kernelWidth() > g.inWidth()) {
        return false;
      }
      bases[r] = ((b * g.inHeight() + y0) * g.inWidth() + x0) * g.inChannels();
      if (++ox == outW) {
        ox = 0;
        if (++oy == outH) {
          oy = 0;
          b++;
        }
      }
    }
    return true;
  }

  @Override
  public float[] source() {
    return x;
  }

  @Override
  public int[] columnOffsets() {
    return columnOffset;
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
    int inH = g.inHeight();
    int inW = g.inWidth();
    float[] x = this.x;
    // Where column `col` falls: tap (ky, kx) and channel c; each row then walks taps incrementally,
    // without divisions, copying runs of contiguous channels.
    int firstTap = col / inC;
    int firstC = col - firstTap * inC;
    int firstKy = firstTap / kW;
    int firstKx = firstTap - firstKy * kW;
    // Output pixel of the first row, advanced incrementally from row to row.
    int ox = row % outW;
    int rest = row / outW;
    int oy = rest % outH;
    int b = rest / outH;
    int kH = g.kernelHeight();
    int[] offsets = columnOffset;
    for (int r = 0; r < rows; r++) {
      int y0 = oy * g.strideHeight() - g.padTop();
      int x0 = ox * g.strideWidth() - g.padLeft();
      int imageBase = b * inH;
      int dst0 = offset + r;
      if (y0 >= 0 && y0 + kH <= inH && x0 >= 0 && x0 + kW <= inW) {
        int base = ((imageBase + y0) * inW + x0) * inC;
        for (int p = 0; p < cols; p++) panel[dst0 + p * height] = x[base + offsets[col + p]];
      } else {
        border(panel, dst0, height, cols, y0, x0, imageBase, firstKy, firstKx, firstC);
      }
      if (++ox == outW) {
        ox = 0;
        if (++oy == outH) {
          oy = 0;
          b++;
        }
      }
    }
    for (int r = rows; r < height; r++) {
      for (int p = 0; p < cols; p++) panel[offset + r + p * height] = 0f;
    }
  }

  /** One row whose receptive field crosses the padding: runs of channels, zeros outside the image. */
  private void border(float[] panel, int dst, int height, int cols, int y0, int x0, int imageBase, int firstKy, int firstKx, int firstC) {
    WindowGeometry g = this.g;
    int inC = g.inChannels();
    int kW = g.kernelWidth();
    int inH = g.inHeight();
    int inW = g.inWidth();
    float[] x = this.x;
    int ky = firstKy;
    int kx = firstKx;
    int c = firstC;
    for (int p = 0; p < cols; ) {
      int iy = y0 + ky;
      int ix = x0 + kx;
      int run = Math.min(inC - c, cols - p);
      if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
        int src = ((imageBase + iy) * inW + ix) * inC + c;
        for (int q = 0; q < run; q++) panel[dst + (p + q) * height] = x[src + q];
      } else {
        for (int q = 0; q < run; q++) panel[dst + (p + q) * height] = 0f;
      }
      p += run;
      c = 0;
      if (++kx == kW) {
        kx = 0;
        ky++;
      }
    }
  }
}
