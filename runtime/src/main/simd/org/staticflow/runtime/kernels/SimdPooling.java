package org.staticflow.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max and average pooling on NHWC tensors, vectorised over the channels (contiguous in NHWC): each
 * output pixel's channel vector is the lane-wise max, or sum divided by the count of in-bounds positions,
 * of the window's input channel vectors. Windows are visited in the portable kernel's order (rows, then
 * columns) and the sum is accumulated in {@code float} as there, so results are bit-for-bit the same.
 */
final class SimdPooling {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  private SimdPooling() {}

  static void pool(float[] x, float[] out, WindowGeometry g, boolean max) {
    int c = g.inChannels();
    int bound = S.loopBound(c);
    FloatVector start = FloatVector.broadcast(S, max ? Float.NEGATIVE_INFINITY : 0f);
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int y0 = Math.max(oy * g.strideHeight() - g.padTop(), 0);
        int y1 = Math.min(oy * g.strideHeight() - g.padTop() + g.kernelHeight(), g.inHeight());
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int x0 = Math.max(ox * g.strideWidth() - g.padLeft(), 0);
          int x1 = Math.min(ox * g.strideWidth() - g.padLeft() + g.kernelWidth(), g.inWidth());
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c;
          float count = (y1 - y0) * (x1 - x0);
          int k = 0;
          for (; k < bound; k += VL) {
            FloatVector acc = start;
            for (int iy = y0; iy < y1; iy++) {
              int rowBase = ((b * g.inHeight() + iy) * g.inWidth()) * c + k;
              for (int ix = x0; ix < x1; ix++) {
                FloatVector v = FloatVector.fromArray(S, x, rowBase + ix * c);
                acc = max ? acc.lanewise(VectorOperators.MAX, v) : acc.add(v);
              }
            }
            (max ? acc : acc.div(count)).intoArray(out, outBase + k);
          }
          for (; k < c; k++) {
            float acc = max ? Float.NEGATIVE_INFINITY : 0f;
            for (int iy = y0; iy < y1; iy++) {
              for (int ix = x0; ix < x1; ix++) {
                float v = x[((b * g.inHeight() + iy) * g.inWidth() + ix) * c + k];
                acc = max ? Math.max(acc, v) : acc + v;
              }
            }
            out[outBase + k] = max ? acc : acc / count;
          }
        }
      }
    }
  }
}
