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
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) out[i] = -x[i];
      }
      case SQUARE -> {
        for (int i = 0; i < n; i++) out[i] = x[i] * x[i];
      }
      case SQRT -> {
        for (int i = 0; i < n; i++) out[i] = (float) Math.sqrt(x[i]);
      }
      case EXP -> {
        for (int i = 0; i < n; i++) out[i] = (float) Math.exp(x[i]);
      }
      case LOG -> {
        for (int i = 0; i < n; i++) out[i] = (float) Math.log(x[i]);
      }
      case ABS -> {
        for (int i = 0; i < n; i++) out[i] = Math.abs(x[i]);
      }
      case RELU -> {
        for (int i = 0; i < n; i++) out[i] = x[i] > 0f ? x[i] : 0f;
      }
      case RELU6 -> {
        for (int i = 0; i < n; i++) out[i] = Math.min(Math.max(x[i], 0f), 6f);
      }
      case SIGMOID -> {
        for (int i = 0; i < n; i++) out[i] = sigmoid(x[i]);
      }
      case TANH -> {
        for (int i = 0; i < n; i++) out[i] = (float) Math.tanh(x[i]);
      }
    }
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
    for (int i = 0, n = plan.inSize(); i < n; i++) {
      int o = plan.outputOffset(i);
      out[o] = op == ReduceOp.MAX ? Math.max(out[o], x[i]) : out[o] + x[i];
    }
    if (op == ReduceOp.MEAN) {
      float count = plan.groupSize();
      for (int o = 0; o < outSize; o++) out[o] /= count;
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
        int y0 = Math.max(oy * g.strideHeight() - g.padTop(), 0);
        int y1 = Math.min(oy * g.strideHeight() - g.padTop() + g.kernelHeight(), g.inHeight());
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int x0 = Math.max(ox * g.strideWidth() - g.padLeft(), 0);
          int x1 = Math.min(ox * g.strideWidth() - g.padLeft() + g.kernelWidth(), g.inWidth());
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
    for (int i = 0; i < n; i++) sum += (double) x[i] * x[i];
    out[0] = (float) (sum / 2);
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
}
