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
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int y0 = Math.max(oy * g.strideHeight() - g.padTop(), 0);
        int y1 = Math.min(oy * g.strideHeight() - g.padTop() + g.kernelHeight(), g.inHeight());
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int x0 = Math.max(ox * g.strideWidth() - g.padLeft(), 0);
          int x1 = Math.min(ox * g.strideWidth() - g.padLeft() + g.kernelWidth(), g.inWidth());
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c;
          float count = (y1 - y0) * (x1 - x0);
          // The running max or sum lives in the output row, not in a vector variable: C2 (JDK 17) does
          // not keep a vector in a register across these data-dependent nested loops and would box it
          // on every step. The output row stays in L1, so this costs little.
          FloatVector initial = FloatVector.broadcast(S, max ? Float.NEGATIVE_INFINITY : 0f);
          int k = 0;
          for (; k < bound; k += VL) {
            initial.intoArray(out, outBase + k);
          }
          for (int iy = y0; iy < y1; iy++) {
            for (int ix = x0; ix < x1; ix++) {
              int in = ((b * g.inHeight() + iy) * g.inWidth() + ix) * c;
              // Two loops, each with a constant operator, which the vector intrinsics need.
              if (max) {
                for (k = 0; k < bound; k += VL) {
                  FloatVector acc = FloatVector.fromArray(S, out, outBase + k);
                  acc.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, in + k)).intoArray(out, outBase + k);
                }
              } else {
                for (k = 0; k < bound; k += VL) {
                  FloatVector acc = FloatVector.fromArray(S, out, outBase + k);
                  acc.add(FloatVector.fromArray(S, x, in + k)).intoArray(out, outBase + k);
                }
              }
            }
          }
          if (!max) {
            for (k = 0; k < bound; k += VL) {
              FloatVector.fromArray(S, out, outBase + k).div(count).intoArray(out, outBase + k);
            }
          }
          for (k = bound; k < c; k++) {
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
