package org.staticflow.runtime.kernels;

import java.util.Arrays;

/**
 * A zero-padded copy of a convolution's NHWC input, so that every receptive field lies inside it: the
 * packed product then reads every patch row in place ({@link PatchOperand#direct}) or with the branch-free
 * interior gather, instead of testing each tap of the border pixels against the image. The copy covers
 * exactly the rows and columns the windows read, {@code (out - 1) * stride + kernel} of each, with the
 * original padding in front; it costs one pass over the input, far less than border packing (a 5x5 SAME
 * window on a 14x14 image has half its pixels on the border).
 *
 * <p>Mutable, one per thread; the buffer grows on demand, so steady-state use allocates nothing.
 */
final class PaddedInput {
  private float[] data = new float[0];
  private final GeometryCache paddedForms = new GeometryCache();
  private WindowGeometry padded;

  /** Whether some window of {@code g} reaches outside its input. */
  static boolean needed(WindowGeometry g) {
    return g.padTop() > 0 || g.padLeft() > 0 || coveredHeight(g) > g.inHeight() || coveredWidth(g) > g.inWidth();
  }

  private static int coveredHeight(WindowGeometry g) {
    return (g.outHeight() - 1) * g.strideHeight() + g.kernelHeight();
  }

  private static int coveredWidth(WindowGeometry g) {
    return (g.outWidth() - 1) * g.strideWidth() + g.kernelWidth();
  }

  /**
   * Copies {@code x} (shaped as {@code g}'s input) into the padded buffer and returns it; {@link #geometry()}
   * is then {@code g} over the padded input, without padding and with the same output.
   */
  float[] copy(float[] x, WindowGeometry g) {
    padded = paddedForms.get(g, PaddedInput::paddedForm);
    int size = g.batch() * padded.inHeight() * padded.inWidth() * g.inChannels();
    if (data.length < size) {
      data = new float[size];
    }
    int c = g.inChannels();
    int height = padded.inHeight();
    int rowLength = padded.inWidth() * c;
    // Columns [left, left + copied) of a padded row hold the input's columns [0, copied).
    int left = g.padLeft() * c;
    int copied = Math.min(g.inWidth(), padded.inWidth() - g.padLeft()) * c;
    for (int b = 0; b < g.batch(); b++) {
      for (int y = 0; y < height; y++) {
        int dst = (b * height + y) * rowLength;
        int iy = y - g.padTop();
        if (iy < 0 || iy >= g.inHeight()) {
          Arrays.fill(data, dst, dst + rowLength, 0f);
          continue;
        }
        Arrays.fill(data, dst, dst + left, 0f);
        System.arraycopy(x, (b * g.inHeight() + iy) * g.inWidth() * c, data, dst + left, copied);
        Arrays.fill(data, dst + left + copied, dst + rowLength, 0f);
      }
    }
    return data;
  }

  /** {@code g} over its padded input: no padding, the same output. */
  private static WindowGeometry paddedForm(WindowGeometry g) {
    return new WindowGeometry(g.batch(), coveredHeight(g), coveredWidth(g), g.inChannels(), g.kernelHeight(),
        g.kernelWidth(), g.outChannels(), g.strideHeight(), g.strideWidth(), g.outHeight(), g.outWidth(), 0, 0);
  }

  /** The geometry over the last {@link #copy}. */
  WindowGeometry geometry() {
    return padded;
  }
}
