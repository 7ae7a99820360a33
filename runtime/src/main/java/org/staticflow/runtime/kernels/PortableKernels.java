package org.staticflow.runtime.kernels;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.staticflow.runtime.random.Rng;

/**
 * The portable back end: EJML for matrix products, plain loops elsewhere; needs no JVM flags. Stateless
 * apart from per-thread EJML matrix headers that are re-pointed at the caller's arrays on each call (so a
 * product allocates nothing).
 */
public class PortableKernels implements Kernels {
  private static final ThreadLocal<FMatrixRMaj[]> HEADERS =
      ThreadLocal.withInitial(() -> new FMatrixRMaj[] {new FMatrixRMaj(0, 0), new FMatrixRMaj(0, 0), new FMatrixRMaj(0, 0)});

  /** The back end's name, {@code portable} or {@code simd} (test reports show it). */
  @Override
  public String toString() {
    return Backends.nameOf(this);
  }

  @Override
  public void unary(UnaryOp op, float[] x, float[] out, int n) {
    unaryRange(op, x, out, 0, n);
  }

  /** {@code out[i] = op(x[i])} for {@code from <= i < to} (back ends split large calls in ranges). */
  static void unaryRange(UnaryOp op, float[] x, float[] out, int from, int to) {
    switch (op) {
      case NEG -> {
        for (int i = from; i < to; i++) out[i] = -x[i];
      }
      case SQUARE -> {
        for (int i = from; i < to; i++) out[i] = x[i] * x[i];
      }
      case SQRT -> {
        for (int i = from; i < to; i++) out[i] = (float) Math.sqrt(x[i]);
      }
      case EXP -> {
        for (int i = from; i < to; i++) out[i] = (float) Math.exp(x[i]);
      }
      case LOG -> {
        for (int i = from; i < to; i++) out[i] = (float) Math.log(x[i]);
      }
      case ABS -> {
        for (int i = from; i < to; i++) out[i] = Math.abs(x[i]);
      }
      case RELU -> {
        for (int i = from; i < to; i++) out[i] = x[i] > 0f ? x[i] : 0f;
      }
      case RELU6 -> {
        for (int i = from; i < to; i++) out[i] = Math.min(Math.max(x[i], 0f), 6f);
      }
      case SIGMOID -> {
        for (int i = from; i < to; i++) out[i] = sigmoid(x[i]);
      }
      case TANH -> {
        for (int i = from; i < to; i++) out[i] = (float) Math.tanh(x[i]);
      }
    }
  }

  @Override
  public void biasActivation(UnaryOp op, float[] x, float[] bias, float[] out, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int j = 0; j < cols; j++) out[base + j] = x[base + j] + bias[j];
    }
    unary(op, out, out, rows * cols);
  }

  @Override
  public void scaledAdd(float[] x, float[] scale, float[] y, float[] out, int n) {
    scaledAddRange(x, scale[0], y, out, 0, n);
  }

  /** {@link #scaledAdd} over {@code [from, to)}; Java never contracts {@code x * s + y} into a fused multiply-add. */
  static void scaledAddRange(float[] x, float s, float[] y, float[] out, int from, int to) {
    for (int i = from; i < to; i++) out[i] = x[i] * s + y[i];
  }

  private static float sigmoid(float v) {
    if (v >= 0) {
      return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
    double e = Math.exp(v);
    return (float) (e / (1.0 + e));
  }

  @Override
  public void binary(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan) {
    if (plan.size() == 0) {
      return;
    }
    if (plan.sameShape()) {
      row(op, a, 0, 1, b, 0, 1, out, 0, plan.size());
      return;
    }
    walk(op, a, b, out, plan, 0, 0, 0, 0);
  }

  /** Recurses over the leading axes; the last axis runs as one strided row. */
  private static int walk(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan, int axis, int aOff, int bOff, int outOff) {
    int rank = plan.rank();
    if (rank == 0) {
      out[0] = apply(op, a[0], b[0]);
      return 1;
    }
    int d = plan.outDim(axis);
    if (axis == rank - 1) {
      row(op, a, aOff, plan.aStride(axis), b, bOff, plan.bStride(axis), out, outOff, d);
      return d;
    }
    int written = 0;
    for (int i = 0; i < d; i++) {
      written += walk(op, a, b, out, plan, axis + 1, aOff + i * plan.aStride(axis), bOff + i * plan.bStride(axis), outOff + written);
    }
    return written;
  }

  private static void row(BinaryOp op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) out[oi + i] = a[ai + i * as] + b[bi + i * bs];
      }
      case SUB -> {
        for (int i = 0; i < n; i++) out[oi + i] = a[ai + i * as] - b[bi + i * bs];
      }
      case MUL -> {
        for (int i = 0; i < n; i++) out[oi + i] = a[ai + i * as] * b[bi + i * bs];
      }
      case DIV -> {
        for (int i = 0; i < n; i++) out[oi + i] = a[ai + i * as] / b[bi + i * bs];
      }
      case MAXIMUM, MINIMUM -> {
        for (int i = 0; i < n; i++) out[oi + i] = apply(op, a[ai + i * as], b[bi + i * bs]);
      }
    }
  }

  private static float apply(BinaryOp op, float x, float y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case MAXIMUM -> Math.max(x, y);
      case MINIMUM -> Math.min(x, y);
    };
  }

  @Override
  public void equal(float[] a, float[] b, boolean[] out, Broadcast plan) {
    for (int i = 0, n = plan.size(); i < n; i++) {
      out[i] = a[plan.aOffset(i)] == b[plan.bOffset(i)];
    }
  }

  @Override
  public void equal(int[] a, int[] b, boolean[] out, Broadcast plan) {
    for (int i = 0, n = plan.size(); i < n; i++) {
      out[i] = a[plan.aOffset(i)] == b[plan.bOffset(i)];
    }
  }

  @Override
  public void equal(long[] a, long[] b, boolean[] out, Broadcast plan) {
    for (int i = 0, n = plan.size(); i < n; i++) {
      out[i] = a[plan.aOffset(i)] == b[plan.bOffset(i)];
    }
  }

  @Override
  public void matmul(float[] a, float[] b, float[] out, int m, int k, int n, boolean transposeA, boolean transposeB) {
    if (k == 0) {
      java.util.Arrays.fill(out, 0, m * n, 0f);
      return;
    }
    if (m == 0 || n == 0) {
      return;
    }
    FMatrixRMaj[] h = HEADERS.get();
    FMatrixRMaj ma = point(h[0], a, transposeA ? k : m, transposeA ? m : k);
    FMatrixRMaj mb = point(h[1], b, transposeB ? n : k, transposeB ? k : n);
    FMatrixRMaj mc = point(h[2], out, m, n);
    try {
      if (transposeA && transposeB) {
        CommonOps_FDRM.multTransAB(ma, mb, mc);
      } else if (transposeA) {
        CommonOps_FDRM.multTransA(ma, mb, mc);
      } else if (transposeB) {
        CommonOps_FDRM.multTransB(ma, mb, mc);
      } else {
        CommonOps_FDRM.mult(ma, mb, mc);
      }
    } finally {
      // Drop the references so a thread's headers never keep a model's buffers alive.
      h[0].data = h[1].data = h[2].data = EMPTY;
    }
  }

  private static final float[] EMPTY = new float[0];

  private static FMatrixRMaj point(FMatrixRMaj header, float[] data, int rows, int cols) {
    header.data = data;
    header.numRows = rows;
    header.numCols = cols;
    return header;
  }

  @Override
  public void softmax(float[] x, float[] out, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) max = Math.max(max, x[base + j]);
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        float e = (float) Math.exp(x[base + j] - max);
        out[base + j] = e;
        sum += e;
      }
      float inv = (float) (1.0 / sum);
      for (int j = 0; j < cols; j++) out[base + j] *= inv;
    }
  }

  @Override
  public void logSoftmax(float[] x, float[] out, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float lse = logSumExp(x, base, cols);
      for (int j = 0; j < cols; j++) out[base + j] = x[base + j] - lse;
    }
  }

  /** {@code log(sum exp(x))} over one row, shifted by the maximum so it cannot overflow. */
  private static float logSumExp(float[] x, int base, int cols) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < cols; j++) max = Math.max(max, x[base + j]);
    double sum = 0;
    for (int j = 0; j < cols; j++) sum += Math.exp(x[base + j] - max);
    return max + (float) Math.log(sum);
  }

  @Override
  public void transpose(float[] x, float[] out, TransposePlan plan) {
    for (int i = 0, n = plan.size(); i < n; i++) {
      out[i] = x[plan.inputOffset(i)];
    }
  }

  @Override
  public void concat(float[][] inputs, int[] chunks, float[] out, int outer) {
    int o = 0;
    for (int r = 0; r < outer; r++) {
      for (int t = 0; t < inputs.length; t++) {
        System.arraycopy(inputs[t], r * chunks[t], out, o, chunks[t]);
        o += chunks[t];
      }
    }
  }

  @Override
  public void reduce(ReduceOp op, float[] x, float[] out, ReducePlan plan) {
    int outSize = plan.outSize();
    float init = op == ReduceOp.MAX ? Float.NEGATIVE_INFINITY : 0f;
    java.util.Arrays.fill(out, 0, outSize, init);
    if (plan.isBlocked()) {
      // Each output accumulates its inputs in input order, as the general walk below does: same rounding.
      reduceBlocked(op == ReduceOp.MAX, x, out, plan.outer(), plan.mid(), plan.inner());
    } else {
      for (int i = 0, n = plan.inSize(); i < n; i++) {
        int o = plan.outputOffset(i);
        out[o] = op == ReduceOp.MAX ? Math.max(out[o], x[i]) : out[o] + x[i];
      }
    }
    if (op == ReduceOp.MEAN) {
      float count = plan.groupSize();
      for (int o = 0; o < outSize; o++) out[o] /= count;
    }
  }

  /**
   * {@code out[o, i] = sum (or max) over m of x[o, m, i]}, accumulating in increasing {@code m} into {@code out}
   * (which holds the initial value). Overridden by back ends that vectorise the rows.
   */
  void reduceBlocked(boolean max, float[] x, float[] out, int outer, int mid, int inner) {
    reduceBlockedRange(max, x, out, 0, outer, mid, inner);
  }

  /** {@link #reduceBlocked} for the outer indices {@code outerFrom <= o < outerTo}. */
  static void reduceBlockedRange(boolean max, float[] x, float[] out, int outerFrom, int outerTo, int mid, int inner) {
    for (int o = outerFrom; o < outerTo; o++) {
      int outBase = o * inner;
      int inBase = o * mid * inner;
      if (inner == 1) {
        float acc = out[outBase];
        for (int m = 0; m < mid; m++) {
          acc = max ? Math.max(acc, x[inBase + m]) : acc + x[inBase + m];
        }
        out[outBase] = acc;
        continue;
      }
      for (int m = 0; m < mid; m++) {
        int row = inBase + m * inner;
        if (max) {
          for (int i = 0; i < inner; i++) out[outBase + i] = Math.max(out[outBase + i], x[row + i]);
        } else {
          for (int i = 0; i < inner; i++) out[outBase + i] += x[row + i];
        }
      }
    }
  }

  @Override
  public void argmax(float[] x, long[] out, int outer, int n, int inner) {
    if (n == 0 && outer * inner > 0) {
      throw new IllegalArgumentException("argmax over an empty axis (TensorFlow: reduction axis is empty)");
    }
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        float bestValue = x[o * n * inner + i];
        for (int j = 1; j < n; j++) {
          float v = x[(o * n + j) * inner + i];
          if (v > bestValue) {
            bestValue = v;
            best = j;
          }
        }
        out[o * inner + i] = best;
      }
    }
  }

  @Override
  public void oneHot(long[] indices, float[] out, int count, int depth, float on, float off) {
    for (int i = 0; i < count; i++) {
      long index = indices[i];
      for (int j = 0; j < depth; j++) out[i * depth + j] = j == index ? on : off;
    }
  }

  @Override
  public void oneHot(int[] indices, float[] out, int count, int depth, float on, float off) {
    for (int i = 0; i < count; i++) {
      int index = indices[i];
      for (int j = 0; j < depth; j++) out[i * depth + j] = j == index ? on : off;
    }
  }

  @Override
  public void conv2d(float[] x, float[] filter, float[] out, WindowGeometry g) {
    int inC = g.inChannels();
    int outC = g.outChannels();
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * outC;
          java.util.Arrays.fill(out, outBase, outBase + outC, 0f);
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.strideHeight() + ky - g.padTop();
            if (iy < 0 || iy >= g.inHeight()) continue;
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
              int ix = ox * g.strideWidth() + kx - g.padLeft();
              if (ix < 0 || ix >= g.inWidth()) continue;
              int inBase = ((b * g.inHeight() + iy) * g.inWidth() + ix) * inC;
              int filterBase = (ky * g.kernelWidth() + kx) * inC * outC;
              for (int c = 0; c < inC; c++) {
                float v = x[inBase + c];
                int f = filterBase + c * outC;
                for (int k = 0; k < outC; k++) out[outBase + k] += v * filter[f + k];
              }
            }
          }
        }
      }
    }
  }

  @Override
  public void maxPool(float[] x, float[] out, WindowGeometry g) {
    pool(x, out, g, true);
  }

  @Override
  public void avgPool(float[] x, float[] out, WindowGeometry g) {
    pool(x, out, g, false);
  }

  private static void pool(float[] x, float[] out, WindowGeometry g, boolean max) {
    int c = g.inChannels();
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int y0 = g.windowTop(oy);
        int y1 = g.windowBottom(oy);
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int x0 = g.windowLeft(ox);
          int x1 = g.windowRight(ox);
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c;
          for (int k = 0; k < c; k++) {
            float acc = max ? Float.NEGATIVE_INFINITY : 0f;
            for (int iy = y0; iy < y1; iy++) {
              for (int ix = x0; ix < x1; ix++) {
                float v = x[((b * g.inHeight() + iy) * g.inWidth() + ix) * c + k];
                acc = max ? Math.max(acc, v) : acc + v;
              }
            }
            out[outBase + k] = max ? acc : acc / ((y1 - y0) * (x1 - x0));
          }
        }
      }
    }
  }

  @Override
  public void dropout(float[] x, float keepProb, Rng rng, boolean[] mask, float[] out, int n) {
    float scale = 1f / keepProb;
    for (int i = 0; i < n; i++) {
      boolean keep = keepProb + rng.nextFloat() >= 1f;
      mask[i] = keep;
      out[i] = keep ? x[i] * scale : 0f;
    }
  }

  @Override
  public void l2Loss(float[] x, float[] out, int n) {
    double sum = 0;
    for (int from = 0; from < n; from += L2_BLOCK) {
      sum += l2BlockSum(x, from, Math.min(from + L2_BLOCK, n));
    }
    out[0] = (float) (sum / 2);
  }

  /** Elements per block of {@link #l2Loss}'s sum: blocks are summed on their own, then added in block order. */
  static final int L2_BLOCK = 1 << 14;

  /**
   * {@code sum(x[i]^2)} over {@code [from, to)} in double, in {@link #l2Loss}'s fixed order: element {@code i}
   * goes to lane {@code (i - from) % 8}, each lane adds in increasing {@code i}, and the lanes are combined as
   * {@code ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))}. A float's square is exact in double, so only the
   * additions round. Eight independent sums rather than one chain: a chain of 392,000 dependent additions (the
   * MLP's first weights) took a quarter of the tutorial's training step. The SIMD back end computes the same
   * order in vectors, bit for bit.
   */
  static double l2BlockSum(float[] x, int from, int to) {
    double l0 = 0;
    double l1 = 0;
    double l2 = 0;
    double l3 = 0;
    double l4 = 0;
    double l5 = 0;
    double l6 = 0;
    double l7 = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      double v0 = x[i];
      double v1 = x[i + 1];
      double v2 = x[i + 2];
      double v3 = x[i + 3];
      double v4 = x[i + 4];
      double v5 = x[i + 5];
      double v6 = x[i + 6];
      double v7 = x[i + 7];
      l0 += v0 * v0;
      l1 += v1 * v1;
      l2 += v2 * v2;
      l3 += v3 * v3;
      l4 += v4 * v4;
      l5 += v5 * v5;
      l6 += v6 * v6;
      l7 += v7 * v7;
    }
    return combineLanes(l0, l1, l2, l3, l4, l5, l6, l7, x, i, to);
  }

  /** Adds the tail {@code x[i..to)} (fewer than 8) to lanes 0, 1, ... and combines the lanes in the fixed order. */
  static double combineLanes(
      double l0, double l1, double l2, double l3, double l4, double l5, double l6, double l7, float[] x, int i, int to) {
    int tail = to - i;
    if (tail > 0) l0 += (double) x[i] * x[i];
    if (tail > 1) l1 += (double) x[i + 1] * x[i + 1];
    if (tail > 2) l2 += (double) x[i + 2] * x[i + 2];
    if (tail > 3) l3 += (double) x[i + 3] * x[i + 3];
    if (tail > 4) l4 += (double) x[i + 4] * x[i + 4];
    if (tail > 5) l5 += (double) x[i + 5] * x[i + 5];
    if (tail > 6) l6 += (double) x[i + 6] * x[i + 6];
    return ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7));
  }

  @Override
  public void softmaxCrossEntropy(float[] labels, float[] logits, float[] out, int rows, int classes) {
    for (int r = 0; r < rows; r++) {
      int base = r * classes;
      float lse = logSumExp(logits, base, classes);
      double loss = 0;
      for (int j = 0; j < classes; j++) loss -= labels[base + j] * (logits[base + j] - lse);
      out[r] = (float) loss;
    }
  }

  @Override
  public void sparseSoftmaxCrossEntropy(long[] labels, float[] logits, float[] out, int rows, int classes) {
    for (int r = 0; r < rows; r++) {
      out[r] = sparseRow(labels[r], logits, r, classes);
    }
  }

  @Override
  public void sparseSoftmaxCrossEntropy(int[] labels, float[] logits, float[] out, int rows, int classes) {
    for (int r = 0; r < rows; r++) {
      out[r] = sparseRow(labels[r], logits, r, classes);
    }
  }

  private static float sparseRow(long label, float[] logits, int r, int classes) {
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException(
          "Received a label value of " + label + " which is outside the valid range of [0, " + classes + ")");
    }
    int base = r * classes;
    return logSumExp(logits, base, classes) - logits[base + (int) label];
  }

  @Override
  public void sigmoidCrossEntropy(float[] labels, float[] logits, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      float x = logits[i];
      out[i] = (float) (Math.max(x, 0f) - x * labels[i] + Math.log1p(Math.exp(-Math.abs(x))));
    }
  }

  @Override
  public void copy(float[] x, float[] out, int n) {
    System.arraycopy(x, 0, out, 0, n);
  }

  @Override
  public void cast(float[] x, int[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = (int) x[i];
  }

  @Override
  public void cast(float[] x, long[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = (long) x[i];
  }

  @Override
  public void cast(float[] x, boolean[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = x[i] != 0f;
  }

  @Override
  public void cast(int[] x, float[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = x[i];
  }

  @Override
  public void cast(int[] x, long[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = x[i];
  }

  @Override
  public void cast(long[] x, float[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = x[i];
  }

  @Override
  public void cast(long[] x, int[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = (int) x[i];
  }

  @Override
  public void cast(boolean[] x, float[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = x[i] ? 1f : 0f;
  }

  @Override
  public void cast(boolean[] x, int[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = x[i] ? 1 : 0;
  }

  @Override
  public void cast(boolean[] x, long[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = x[i] ? 1L : 0L;
  }

  // Backward pass.

  @Override
  public void unaryGrad(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, int n) {
    unaryGradRange(op, x, y, dy, dx, 0, n);
  }

  /** {@link #unaryGrad} for {@code from <= i < to}. */
  static void unaryGradRange(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
    switch (op) {
      case NEG -> {
        for (int i = from; i < to; i++) dx[i] = -dy[i];
      }
      case SQUARE -> {
        for (int i = from; i < to; i++) dx[i] = dy[i] * (2f * x[i]);
      }
      case SQRT -> {
        for (int i = from; i < to; i++) dx[i] = dy[i] * 0.5f / y[i];
      }
      case EXP -> {
        for (int i = from; i < to; i++) dx[i] = dy[i] * y[i];
      }
      case LOG -> {
        for (int i = from; i < to; i++) dx[i] = dy[i] * (1f / x[i]);
      }
      case ABS -> {
        for (int i = from; i < to; i++) dx[i] = dy[i] * Math.signum(x[i]);
      }
      case RELU -> {
        for (int i = from; i < to; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
      }
      case RELU6 -> {
        for (int i = from; i < to; i++) dx[i] = x[i] > 0f && x[i] < 6f ? dy[i] : 0f;
      }
      case SIGMOID -> {
        for (int i = from; i < to; i++) dx[i] = dy[i] * y[i] * (1f - y[i]);
      }
      case TANH -> {
        for (int i = from; i < to; i++) dx[i] = dy[i] * (1f - y[i] * y[i]);
      }
    }
  }

  @Override
  public void unaryGradColumnSums(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, float[] sums, int rows, int cols) {
    unaryGrad(op, x, y, dy, dx, rows * cols);
    java.util.Arrays.fill(sums, 0, cols, 0f);
    reduceBlocked(false, dx, sums, 1, rows, cols);
  }

  @Override
  public void extremumGrad(BinaryOp op, int operand, float[] a, float[] b, float[] dy, float[] out, Broadcast plan) {
    if (op != BinaryOp.MAXIMUM && op != BinaryOp.MINIMUM) {
      throw new IllegalArgumentException("extremumGrad of " + op);
    }
    boolean max = op == BinaryOp.MAXIMUM;
    for (int i = 0, n = plan.size(); i < n; i++) {
      float x = a[plan.aOffset(i)];
      float y = b[plan.bOffset(i)];
      boolean first = max ? x >= y : x <= y;
      out[i] = first == (operand == 0) ? dy[i] : 0f;
    }
  }

  @Override
  public void reduceGrad(ReduceOp op, float[] dy, float[] dx, ReducePlan plan) {
    if (op == ReduceOp.MAX) {
      throw new IllegalArgumentException("reduceGrad of MAX needs the forward values: use reduceMaxGrad");
    }
    // Multiplying by the reciprocal, as TensorFlow's MeanGrad divides the incoming gradient once per output.
    int n = plan.inSize();
    boolean mean = op == ReduceOp.MEAN;
    float count = plan.groupSize();
    if (plan.isBlocked()) {
      int outer = plan.outer(), mid = plan.mid(), inner = plan.inner();
      for (int o = 0, i = 0; o < outer; o++) {
        for (int m = 0; m < mid; m++) {
          for (int j = 0; j < inner; j++, i++) {
            dx[i] = mean ? dy[o * inner + j] / count : dy[o * inner + j];
          }
        }
      }
    } else if (mean) {
      for (int i = 0; i < n; i++) dx[i] = dy[plan.outputOffset(i)] / count;
    } else {
      for (int i = 0; i < n; i++) dx[i] = dy[plan.outputOffset(i)];
    }
  }

  @Override
  public void reduceMaxGrad(float[] x, float[] y, float[] dy, float[] dx, float[] counts, ReducePlan plan) {
    int n = plan.inSize();
    java.util.Arrays.fill(counts, 0, plan.outSize(), 0f);
    for (int i = 0; i < n; i++) {
      int o = plan.outputOffset(i);
      if (x[i] == y[o]) counts[o] += 1f;
    }
    for (int i = 0; i < n; i++) {
      int o = plan.outputOffset(i);
      dx[i] = x[i] == y[o] ? 1f / counts[o] * dy[o] : 0f;
    }
  }

  @Override
  public void softmaxGrad(float[] y, float[] dy, float[] dx, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float sum = 0f;
      for (int j = 0; j < cols; j++) sum += dy[base + j] * y[base + j];
      for (int j = 0; j < cols; j++) dx[base + j] = (dy[base + j] - sum) * y[base + j];
    }
  }

  @Override
  public void logSoftmaxGrad(float[] y, float[] dy, float[] dx, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float sum = 0f;
      for (int j = 0; j < cols; j++) sum += dy[base + j];
      for (int j = 0; j < cols; j++) dx[base + j] = dy[base + j] - (float) Math.exp(y[base + j]) * sum;
    }
  }

  @Override
  public void conv2dBackpropInput(float[] dy, float[] filter, float[] dx, WindowGeometry g) {
    int inC = g.inChannels();
    int outC = g.outChannels();
    java.util.Arrays.fill(dx, 0, g.batch() * g.inHeight() * g.inWidth() * inC, 0f);
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * outC;
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.strideHeight() + ky - g.padTop();
            if (iy < 0 || iy >= g.inHeight()) continue;
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
              int ix = ox * g.strideWidth() + kx - g.padLeft();
              if (ix < 0 || ix >= g.inWidth()) continue;
              int inBase = ((b * g.inHeight() + iy) * g.inWidth() + ix) * inC;
              int filterBase = (ky * g.kernelWidth() + kx) * inC * outC;
              for (int c = 0; c < inC; c++) {
                int f = filterBase + c * outC;
                float sum = 0f;
                for (int k = 0; k < outC; k++) sum += dy[outBase + k] * filter[f + k];
                dx[inBase + c] += sum;
              }
            }
          }
        }
      }
    }
  }

  @Override
  public void conv2dBackpropFilter(float[] x, float[] dy, float[] dfilter, WindowGeometry g) {
    int inC = g.inChannels();
    int outC = g.outChannels();
    java.util.Arrays.fill(dfilter, 0, g.kernelHeight() * g.kernelWidth() * inC * outC, 0f);
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * outC;
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.strideHeight() + ky - g.padTop();
            if (iy < 0 || iy >= g.inHeight()) continue;
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
              int ix = ox * g.strideWidth() + kx - g.padLeft();
              if (ix < 0 || ix >= g.inWidth()) continue;
              int inBase = ((b * g.inHeight() + iy) * g.inWidth() + ix) * inC;
              int filterBase = (ky * g.kernelWidth() + kx) * inC * outC;
              for (int c = 0; c < inC; c++) {
                float v = x[inBase + c];
                int f = filterBase + c * outC;
                for (int k = 0; k < outC; k++) dfilter[f + k] += v * dy[outBase + k];
              }
            }
          }
        }
      }
    }
  }

  @Override
  public void maxPoolGrad(float[] x, float[] y, float[] dy, float[] dx, WindowGeometry g) {
    int c = g.inChannels();
    java.util.Arrays.fill(dx, 0, g.batch() * g.inHeight() * g.inWidth() * c, 0f);
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int y0 = g.windowTop(oy);
        int y1 = g.windowBottom(oy);
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int x0 = g.windowLeft(ox);
          int x1 = g.windowRight(ox);
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c;
          maxPoolGradChannels(x, dy, dx, g, b, y0, y1, x0, x1, outBase, 0);
        }
      }
    }
  }

  /**
   * The max-pool gradient of one window (rows {@code [y0, y1)}, columns {@code [x0, x1)} of image {@code b}) for
   * channels {@code [k0, c)}: each channel's {@code dy} goes to the first position of its maximum (a later value
   * replaces it only when strictly greater, so NaN never does), as TensorFlow routes it. The SIMD back end uses it
   * for the channels past its last whole vector.
   */
  static void maxPoolGradChannels(
      float[] x, float[] dy, float[] dx, WindowGeometry g, int b, int y0, int y1, int x0, int x1, int outBase, int k0) {
    int c = g.inChannels();
    for (int k = k0; k < c; k++) {
      int best = -1;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int iy = y0; iy < y1; iy++) {
        for (int ix = x0; ix < x1; ix++) {
          int at = ((b * g.inHeight() + iy) * g.inWidth() + ix) * c + k;
          if (best < 0 || x[at] > bestValue) {
            best = at;
            bestValue = x[at];
          }
        }
      }
      if (best >= 0) dx[best] += dy[outBase + k];
    }
  }

  @Override
  public void avgPoolGrad(float[] dy, float[] dx, WindowGeometry g) {
    int c = g.inChannels();
    java.util.Arrays.fill(dx, 0, g.batch() * g.inHeight() * g.inWidth() * c, 0f);
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int y0 = g.windowTop(oy);
        int y1 = g.windowBottom(oy);
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int x0 = g.windowLeft(ox);
          int x1 = g.windowRight(ox);
          int outBase = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c;
          float count = (y1 - y0) * (x1 - x0);
          for (int k = 0; k < c; k++) {
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

  @Override
  public void dropoutGrad(float[] dy, float keepProb, boolean[] mask, float[] dx, int n) {
    float scale = 1f / keepProb;
    for (int i = 0; i < n; i++) dx[i] = mask[i] ? dy[i] * scale : 0f;
  }

  @Override
  public void slice(float[] x, float[] out, int outer, int rowLength, int offset, int chunk) {
    for (int r = 0; r < outer; r++) {
      System.arraycopy(x, r * rowLength + offset, out, r * chunk, chunk);
    }
  }

  @Override
  public void softmaxCrossEntropyGrad(float[] labels, float[] logits, float[] dy, float[] dlogits, int rows, int classes) {
    softmax(logits, dlogits, rows, classes);
    for (int r = 0; r < rows; r++) {
      int base = r * classes;
      for (int j = 0; j < classes; j++) dlogits[base + j] = dy[r] * (dlogits[base + j] - labels[base + j]);
    }
  }

  @Override
  public void sparseSoftmaxCrossEntropyGrad(long[] labels, float[] logits, float[] dy, float[] dlogits, int rows, int classes) {
    softmax(logits, dlogits, rows, classes);
    for (int r = 0; r < rows; r++) {
      sparseGradRow(labels[r], dy[r], dlogits, r, classes);
    }
  }

  @Override
  public void sparseSoftmaxCrossEntropyGrad(int[] labels, float[] logits, float[] dy, float[] dlogits, int rows, int classes) {
    softmax(logits, dlogits, rows, classes);
    for (int r = 0; r < rows; r++) {
      sparseGradRow(labels[r], dy[r], dlogits, r, classes);
    }
  }

  /** Turns row {@code r} of {@code softmax} in place into {@code dy * (softmax - one_hot(label))}. */
  private static void sparseGradRow(long label, float dy, float[] softmax, int r, int classes) {
    int base = r * classes;
    for (int j = 0; j < classes; j++) {
      softmax[base + j] = dy * (j == label ? softmax[base + j] - 1f : softmax[base + j]);
    }
  }

  @Override
  public void sigmoidCrossEntropyGrad(float[] labels, float[] logits, float[] dy, float[] dlogits, int n) {
    for (int i = 0; i < n; i++) dlogits[i] = dy[i] * (sigmoid(logits[i]) - labels[i]);
  }
}
