package org.staticflow.runtime.kernels;

/**
 * The SIMD back end on the JDK Vector API ({@code jdk.incubator.vector}): the hot kernels are
 * overridden here, everything else is inherited from {@link PortableKernels}, so a kernel added to
 * {@link Kernels} always has a correct implementation on both back ends.
 *
 * <p>Overridden: matrix products ({@link PackedGemm}, all transpose combinations; {@link SmallRowsGemm}
 * for one to five rows), 2-D convolution
 * (the same product on the im2col view of the input, {@link PatchOperand}, never materialised) and its
 * filter gradient (on the transposed view), pooling
 * ({@link SimdPooling}), element-wise unary and binary kernels with fast paths for equal shapes, a
 * scalar operand and bias-like row broadcasts ({@link SimdElementwise}), softmax. Large products and
 * convolutions use all cores through the persistent {@link WorkerPool}.
 *
 * <p>Same contract as every back end: caller-supplied output buffers; after warm-up (per-thread packing
 * buffers, grown on demand) no allocation per call. Loaded only reflectively by {@link Backends}, when
 * the module is in the boot layer.
 */
public class SimdKernels extends PortableKernels {

  @Override
  public void matmul(float[] a, float[] b, float[] out, int m, int k, int n, boolean transposeA, boolean transposeB) {
    if (SmallRowsGemm.handles(m, k, n, transposeA, transposeB)) {
      SmallRowsGemm.multiply(a, b, out, m, k, n, transposeA, transposeB);
    } else {
      ParallelGemm.forThread().matmul(a, b, out, m, k, n, transposeA, transposeB);
    }
  }

  @Override
  public void conv2d(float[] x, float[] filter, float[] out, WindowGeometry g) {
    int m = g.batch() * g.outHeight() * g.outWidth();
    int k = g.kernelHeight() * g.kernelWidth() * g.inChannels();
    ParallelGemm gemm = ParallelGemm.forThread();
    gemm.multiply(gemm.patches.set(x, g), m, k, filter, false, out, g.outChannels());
  }

  @Override
  public void unary(UnaryOp op, float[] x, float[] out, int n) {
    if (!SimdElementwise.unary(op, x, out, n)) {
      super.unary(op, x, out, n);
    }
  }

  @Override
  public void binary(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan) {
    if (!SimdElementwise.binary(op, a, b, out, plan)) {
      super.binary(op, a, b, out, plan);
    }
  }

  /**
   * As the portable softmax (same maths, same rounding: exponentials in double, sum in double), with the
   * row maximum and the final scaling vectorised.
   */
  @Override
  public void softmax(float[] x, float[] out, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float max = SimdElementwise.rowMax(x, base, cols);
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        float e = (float) Math.exp(x[base + j] - max);
        out[base + j] = e;
        sum += e;
      }
      SimdElementwise.scaleRow(out, out, base, cols, (float) (1.0 / sum));
    }
  }

  /**
   * {@code dfilter = P^T · dy}: the transposed im2col view of {@code x} ({@link TransposedPatchOperand},
   * never materialised) times {@code dy} seen as {@code [batch*outH*outW, outC]}, on the packed product.
   */
  @Override
  public void conv2dBackpropFilter(float[] x, float[] dy, float[] dfilter, WindowGeometry g) {
    int m = g.kernelHeight() * g.kernelWidth() * g.inChannels();
    int k = g.batch() * g.outHeight() * g.outWidth();
    ParallelGemm gemm = ParallelGemm.forThread();
    gemm.multiply(gemm.transposedPatches.set(x, g), m, k, dy, false, dfilter, g.outChannels());
  }

  @Override
  public void maxPool(float[] x, float[] out, WindowGeometry g) {
    SimdPooling.pool(x, out, g, true);
  }

  @Override
  public void avgPool(float[] x, float[] out, WindowGeometry g) {
    SimdPooling.pool(x, out, g, false);
  }
}
