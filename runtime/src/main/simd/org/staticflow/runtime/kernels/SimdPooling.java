package org.staticflow.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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

  /**
   * The output rows {@code [row0, row1)}, row {@code t} being image {@code t / outHeight}, output row {@code t %
   * outHeight} (each output is written by its row alone, so rows can run on different threads).
   */
  static void pool(float[] x, float[] out, WindowGeometry g, boolean max, int row0, int row1) {
    int c = g.inChannels();
    int bound = S.loopBound(c);
    for (int t = row0; t < row1; t++) {
      int b = t / g.outHeight();
      int oy = t % g.outHeight();
      int y0 = g.windowTop(oy);
      int y1 = g.windowBottom(oy);
      for (int ox = 0; ox < g.outWidth(); ox++) {
        int x0 = g.windowLeft(ox);
        int x1 = g.windowRight(ox);
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

  /** Whether {@link #maxPoolGrad2x2} handles {@code g}: 2x2 windows of stride 2 tiling the input. */
  static boolean tiles2x2(WindowGeometry g) {
    return g.kernelHeight() == 2 && g.kernelWidth() == 2 && g.strideHeight() == 2 && g.strideWidth() == 2
        && g.inHeight() == 2 * g.outHeight() && g.inWidth() == 2 * g.outWidth()
        && g.padTop() == 0 && g.padLeft() == 0;
  }

  /**
   * {@code MaxPoolGrad} for the tiling 2x2 window of stride 2 (every input in exactly one window, no
   * padding: {@code in = 2 * out}), vectorised over the channels. As
   * the portable kernel, the gradient goes to the first of the window's four positions (row-major) that is
   * greater than all before it, found with strict comparisons in the same order (so NaN is never chosen
   * over an earlier value), and is stored as {@code 0 + dy} (so {@code -0} becomes {@code +0}). The window is
   * straight-line code: masks and vectors carried around a loop would be boxed by C2.
   *
   * <p>This covers the output rows {@code [row0, row1)} (numbered as in {@link #pool}), which write the input
   * rows {@code 2 oy} and {@code 2 oy + 1} of their image and no others; for {@link #tiles2x2} geometries only.
   */
  static void maxPoolGrad2x2(float[] x, float[] dy, float[] dx, WindowGeometry g, int row0, int row1) {
    int c = g.inChannels();
    int bound = S.loopBound(c);
    int rowStride = g.inWidth() * c;
    FloatVector zero = FloatVector.zero(S);
    for (int t = row0; t < row1; t++) {
      int b = t / g.outHeight();
      int oy = t % g.outHeight();
      for (int ox = 0; ox < g.outWidth(); ox++) {
        int out = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c;
        int p0 = ((b * g.inHeight() + 2 * oy) * g.inWidth() + 2 * ox) * c;
        int p1 = p0 + c;
        int p2 = p0 + rowStride;
        int p3 = p2 + c;
        int k = 0;
        for (; k < bound; k += VL) {
          FloatVector v0 = FloatVector.fromArray(S, x, p0 + k);
          FloatVector v1 = FloatVector.fromArray(S, x, p1 + k);
          FloatVector v2 = FloatVector.fromArray(S, x, p2 + k);
          FloatVector v3 = FloatVector.fromArray(S, x, p3 + k);
          var gt1 = v1.compare(VectorOperators.GT, v0);
          FloatVector best1 = v0.blend(v1, gt1);
          var gt2 = v2.compare(VectorOperators.GT, best1);
          FloatVector best2 = best1.blend(v2, gt2);
          var gt3 = v3.compare(VectorOperators.GT, best2);
          FloatVector grad = zero.add(FloatVector.fromArray(S, dy, out + k));
          var at2 = gt2.andNot(gt3);
          var at1 = gt1.andNot(gt2).andNot(gt3);
          var at0 = gt1.or(gt2).or(gt3).not();
          zero.blend(grad, at0).intoArray(dx, p0 + k);
          zero.blend(grad, at1).intoArray(dx, p1 + k);
          zero.blend(grad, at2).intoArray(dx, p2 + k);
          zero.blend(grad, gt3).intoArray(dx, p3 + k);
        }
        for (; k < c; k++) {
          int best = p0 + k;
          if (x[p1 + k] > x[best]) best = p1 + k;
          if (x[p2 + k] > x[best]) best = p2 + k;
          if (x[p3 + k] > x[best]) best = p3 + k;
          dx[p0 + k] = 0f;
          dx[p1 + k] = 0f;
          dx[p2 + k] = 0f;
          dx[p3 + k] = 0f;
          dx[best] += dy[out + k];
        }
      }
    }
  }

  /**
   * The gradient of average pooling, as the portable kernel computes it (each output's gradient divided by its
   * window's count, then added to the window's positions in the same order, so the sums are bit-for-bit equal),
   * a vector of channels at a time.
   */
  static void avgPoolGrad(float[] dy, float[] dx, WindowGeometry g) {
    int c = g.inChannels();
    java.util.Arrays.fill(dx, 0, g.batch() * g.inHeight() * g.inWidth() * c, 0f);
    int bound = S.loopBound(c);
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int y0 = g.windowTop(oy);
        int y1 = g.windowBottom(oy);
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int x0 = g.windowLeft(ox);
          int x1 = g.windowRight(ox);
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c;
          float count = (y1 - y0) * (x1 - x0);
          int k = 0;
          for (; k < bound; k += VL) {
            FloatVector share = FloatVector.fromArray(S, dy, outBase + k).div(count);
            for (int iy = y0; iy < y1; iy++) {
              for (int ix = x0; ix < x1; ix++) {
                int at = ((b * g.inHeight() + iy) * g.inWidth() + ix) * c + k;
                FloatVector.fromArray(S, dx, at).add(share).intoArray(dx, at);
              }
            }
          }
          for (; k < c; k++) {
            float share = dy[outBase + k] / count;
            for (int iy = y0; iy < y1; iy++) {
              for (int ix = x0; ix < x1; ix++) {
                dx[((b * g.inHeight() + iy) * g.inWidth() + ix) * c + k] += share;
              }
            }
          }
        }
      }
    }
  }

  /** Per-thread scratch of {@link #maxPoolGrad}: each lane's position in the window so far, then its maximum. */
  private static final ThreadLocal<float[]> PICKED = ThreadLocal.withInitial(() -> new float[2 * VL]);

  /**
   * The gradient of max pooling for any geometry, as the portable kernel computes it: each output's gradient goes
   * to the first position of its window, in row-major order, that holds the window's maximum (a later position
   * replaces it only when strictly greater, so NaN never does), added in the same order of outputs, so the result
   * is bit-for-bit equal. The search runs a vector of channels at a time, tracking each lane's position in the
   * window as a float (exact: windows are far smaller than 2^24); the additions are scalar, since lanes go to
   * different positions.
   */
  static void maxPoolGrad(float[] x, float[] dy, float[] dx, WindowGeometry g) {
    int c = g.inChannels();
    java.util.Arrays.fill(dx, 0, g.batch() * g.inHeight() * g.inWidth() * c, 0f);
    int bound = S.loopBound(c);
    float[] scratch = PICKED.get();
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int y0 = g.windowTop(oy);
        int y1 = g.windowBottom(oy);
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int x0 = g.windowLeft(ox);
          int x1 = g.windowRight(ox);
          int width = x1 - x0;
          if (y1 <= y0 || width <= 0) {
            continue;
          }
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c;
          int k = 0;
          for (; k < bound; k += VL) {
            // The running maximum and position live in scratch rows, not in vector variables carried round the
            // nested loops: C2 (JDK 17) boxes such vectors on the heap (see the note in pool above).
            FloatVector.fromArray(S, x, ((b * g.inHeight() + y0) * g.inWidth() + x0) * c + k).intoArray(scratch, VL);
            FloatVector.zero(S).intoArray(scratch, 0);
            int p = 0;
            // The first position compares with itself: never greater, so it needs no special case.
            for (int iy = y0; iy < y1; iy++) {
              for (int ix = x0; ix < x1; ix++, p++) {
                FloatVector v = FloatVector.fromArray(S, x, ((b * g.inHeight() + iy) * g.inWidth() + ix) * c + k);
                FloatVector best = FloatVector.fromArray(S, scratch, VL);
                VectorMask<Float> greater = v.compare(VectorOperators.GT, best);
                best.blend(v, greater).intoArray(scratch, VL);
                FloatVector.fromArray(S, scratch, 0).blend(FloatVector.broadcast(S, (float) p), greater)
                    .intoArray(scratch, 0);
              }
            }
            for (int lane = 0; lane < VL; lane++) {
              int q = (int) scratch[lane];
              int at = ((b * g.inHeight() + y0 + q / width) * g.inWidth() + x0 + q % width) * c + k + lane;
              dx[at] += dy[outBase + k + lane];
            }
          }
          PortableKernels.maxPoolGradChannels(x, dy, dx, g, b, y0, y1, x0, x1, outBase, k);
        }
      }
    }
  }
}
