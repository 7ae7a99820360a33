package org.staticflow.runtime.kernels;

/**
 * The SIMD back end on the JDK Vector API ({@code jdk.incubator.vector}): the hot kernels are
 * overridden here, everything else is inherited from {@link PortableKernels}, so a kernel added to
 * {@link Kernels} always has a correct implementation on both back ends.
 *
 * <p>Overridden: matrix products ({@link PackedGemm}, all transpose combinations; {@link SmallRowsGemm}
 * for one to five rows; {@link NarrowGemm} for outputs at most one vector wide), 2-D
 * convolution
 * (the same product on the im2col view of the input, {@link PatchOperand}, never materialised; padded
 * windows read a zero-padded copy of the input, {@link PaddedInput}) and its
 * filter gradient (on the transposed view) and input gradient (for stride 1 a convolution with the
 * rotated filter, otherwise the product {@code dy · filter^T} scattered back by col2im), pooling
 * ({@link SimdPooling}), element-wise unary and binary kernels with fast paths for equal shapes, a
 * scalar operand and bias-like row broadcasts ({@link SimdElementwise}), a layer's bias and activation and
 * its gradient with the bias gradient, each fused in one pass, softmax. Large products and convolutions use
 * all cores through the persistent {@link WorkerPool}, and so do large element-wise kernels, reductions and
 * pooling ({@link SimdParallel}, split so that results do not depend on the thread count).
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
    } else if (NarrowGemm.handles(m, k, n, transposeA, transposeB)) {
      NarrowGemm.multiply(a, b, out, m, k, n, transposeA);
    } else {
      ParallelGemm.forThread().matmul(a, b, out, m, k, n, transposeA, transposeB);
    }
  }

  private static final ThreadLocal<PaddedInput> PADDED_INPUT = ThreadLocal.withInitial(PaddedInput::new);

  /** Windows that reach outside the input run on a zero-padded copy ({@link PaddedInput}). */
  @Override
  public void conv2d(float[] x, float[] filter, float[] out, WindowGeometry g) {
    if (PaddedInput.needed(g)) {
      PaddedInput padded = PADDED_INPUT.get();
      x = padded.copy(x, g);
      g = padded.geometry();
    }
    int m = g.batch() * g.outHeight() * g.outWidth();
    int k = g.kernelHeight() * g.kernelWidth() * g.inChannels();
    ParallelGemm gemm = ParallelGemm.forThread();
    gemm.multiply(gemm.patches.set(x, g), m, k, filter, false, out, g.outChannels());
  }

  @Override
  public void unary(UnaryOp op, float[] x, float[] out, int n) {
    SimdParallel.unary(op, x, out, n);
  }

  @Override
  public void unaryGrad(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, int n) {
    SimdParallel.unaryGrad(op, x, y, dy, dx, n);
  }

  @Override
  void reduceBlocked(boolean max, float[] x, float[] out, int outer, int mid, int inner) {
    SimdParallel.reduceBlocked(max, x, out, outer, mid, inner);
  }

  @Override
  public void binary(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan) {
    if (!SimdElementwise.binary(op, a, b, out, plan)) {
      super.binary(op, a, b, out, plan);
    }
  }

  @Override
  public void biasActivation(UnaryOp op, float[] x, float[] bias, float[] out, int rows, int cols) {
    SimdParallel.biasActivation(op, x, bias, out, rows, cols);
  }

  @Override
  public void l2Loss(float[] x, float[] out, int n) {
    SimdParallel.l2Loss(x, out, n);
  }

  @Override
  public void scaledAdd(float[] x, float[] scale, float[] y, float[] out, int n) {
    SimdParallel.scaledAdd(x, scale[0], y, out, n);
  }

  @Override
  public void unaryGradColumnSums(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, float[] sums, int rows, int cols) {
    SimdParallel.unaryGradColumnSums(op, x, y, dy, dx, sums, rows, cols);
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
   * The input gradient for strides other than 1, as the transpose of im2col: the patch columns of a block of
   * output positions, {@code cols[r, (ky, kx, c)] = sum_k dy[r, k] * filter[ky, kx, c, k]}, come from the packed
   * product ({@code dy · filter^T}), and each is added into the input positions its window covers (col2im), a
   * vector of channels at a time. Blocks of {@link #COLUMN_CHUNK} floats keep the columns in cache and the scratch
   * small. Sums run in another order than the portable kernel's, so results differ from it by rounding only.
   */
  private void stridedBackpropInput(float[] dy, float[] filter, float[] dx, WindowGeometry g) {
    int inC = g.inChannels();
    int outC = g.outChannels();
    int patch = g.kernelHeight() * g.kernelWidth() * inC;
    int positions = g.outHeight() * g.outWidth();
    int rows = g.batch() * positions;
    java.util.Arrays.fill(dx, 0, g.batch() * g.inHeight() * g.inWidth() * inC, 0f);
    if (rows == 0 || patch == 0) {
      return;
    }
    int chunk = Math.max(1, Math.min(rows, COLUMN_CHUNK / patch));
    BackwardInput scratch = BACKWARD_INPUT.get();
    if (scratch.columns.length < chunk * patch) {
      scratch.columns = new float[chunk * patch];
    }
    if (scratch.dyRows.length < chunk * outC) {
      scratch.dyRows = new float[chunk * outC];
    }
    float[] cols = scratch.columns;
    for (int r0 = 0; r0 < rows; r0 += chunk) {
      int count = Math.min(chunk, rows - r0);
      System.arraycopy(dy, r0 * outC, scratch.dyRows, 0, count * outC);
      matmul(scratch.dyRows, filter, cols, count, outC, patch, false, true);
      for (int t = 0; t < count; t++) {
        int row = r0 + t;
        int b = row / positions;
        int oy = row % positions / g.outWidth();
        int ox = row % g.outWidth();
        for (int ky = 0; ky < g.kernelHeight(); ky++) {
          int iy = oy * g.strideHeight() + ky - g.padTop();
          if (iy < 0 || iy >= g.inHeight()) {
            continue;
          }
          for (int kx = 0; kx < g.kernelWidth(); kx++) {
            int ix = ox * g.strideWidth() + kx - g.padLeft();
            if (ix >= 0 && ix < g.inWidth()) {
              SimdElementwise.addInto(cols, t * patch + (ky * g.kernelWidth() + kx) * inC, dx,
                  ((b * g.inHeight() + iy) * g.inWidth() + ix) * inC, inC);
            }
          }
        }
      }
    }
  }

  /** Per-thread scratch of {@link #conv2dBackpropInput}: the rotated filter, grown on demand, and the geometry. */
  private static final class BackwardInput {
    float[] rotated = new float[0];
    final GeometryCache backwardGeometries = new GeometryCache();
    float[] dyRows = new float[0];
    float[] columns = new float[0];
  }

  /** Floats of patch columns computed at a time by the strided input gradient (1 MiB: stays in L2). */
  private static final int COLUMN_CHUNK = 1 << 18;

  private static final ThreadLocal<BackwardInput> BACKWARD_INPUT = ThreadLocal.withInitial(BackwardInput::new);

  /**
   * For stride 1, the input gradient is itself a convolution: {@code dx[iy, ix, c] = sum over ky, kx, k of
   * dy[iy - p'_t + ky', ix - p'_l + kx', k] * F'[ky', kx', k, c]} with the filter rotated by 180 degrees
   * and its channel axes swapped, {@code F'[ky', kx', k, c] = F[kH-1-ky', kW-1-kx', c, k]}, and padding
   * {@code p'_t = kH-1-padTop}, {@code p'_l = kW-1-padLeft} (rows of {@code dy} outside it read as 0); so it
   * runs on the forward convolution's packed product. Other strides use the portable kernel.
   */
  @Override
  public void conv2dBackpropInput(float[] dy, float[] filter, float[] dx, WindowGeometry g) {
    if (g.strideHeight() != 1 || g.strideWidth() != 1) {
      stridedBackpropInput(dy, filter, dx, g);
      return;
    }
    int kH = g.kernelHeight();
    int kW = g.kernelWidth();
    int inC = g.inChannels();
    int outC = g.outChannels();
    BackwardInput scratch = BACKWARD_INPUT.get();
    if (scratch.rotated.length < kH * kW * inC * outC) {
      scratch.rotated = new float[kH * kW * inC * outC];
    }
    float[] rotated = scratch.rotated;
    for (int ky = 0; ky < kH; ky++) {
      for (int kx = 0; kx < kW; kx++) {
        int src = ((kH - 1 - ky) * kW + (kW - 1 - kx)) * inC * outC;
        int dst = (ky * kW + kx) * outC * inC;
        for (int c = 0; c < inC; c++) {
          for (int k = 0; k < outC; k++) rotated[dst + k * inC + c] = filter[src + c * outC + k];
        }
      }
    }
    // Derived once per geometry, so a training step allocates nothing.
    conv2d(dy, rotated, dx, scratch.backwardGeometries.get(g, SimdKernels::inputGradientConvolution));
  }

  /** The stride-1 convolution of {@code dy} with the rotated filter that computes {@code g}'s input gradient. */
  private static WindowGeometry inputGradientConvolution(WindowGeometry g) {
    return new WindowGeometry(g.batch(), g.outHeight(), g.outWidth(), g.outChannels(), g.kernelHeight(),
        g.kernelWidth(), g.inChannels(), 1, 1, g.inHeight(), g.inWidth(), g.kernelHeight() - 1 - g.padTop(),
        g.kernelWidth() - 1 - g.padLeft());
  }

  /**
   * {@code dfilter = P^T · dy}: the transposed im2col view of {@code x} ({@link TransposedPatchOperand},
   * never materialised) times {@code dy} seen as {@code [batch*outH*outW, outC]}, on the packed product.
   */
  @Override
  public void conv2dBackpropFilter(float[] x, float[] dy, float[] dfilter, WindowGeometry g) {
    if (PaddedInput.needed(g)) {
      PaddedInput padded = PADDED_INPUT.get();
      x = padded.copy(x, g);
      g = padded.geometry();
    }
    int m = g.kernelHeight() * g.kernelWidth() * g.inChannels();
    int k = g.batch() * g.outHeight() * g.outWidth();
    ParallelGemm gemm = ParallelGemm.forThread();
    gemm.multiply(gemm.transposedPatches.set(x, g), m, k, dy, false, dfilter, g.outChannels());
  }

  @Override
  public void avgPoolGrad(float[] dy, float[] dx, WindowGeometry g) {
    SimdPooling.avgPoolGrad(dy, dx, g);
  }

  @Override
  public void maxPoolGrad(float[] x, float[] y, float[] dy, float[] dx, WindowGeometry g) {
    if (SimdPooling.tiles2x2(g)) {
      SimdParallel.maxPoolGrad2x2(x, dy, dx, g);
    } else {
      SimdPooling.maxPoolGrad(x, dy, dx, g);
    }
  }

  @Override
  public void maxPool(float[] x, float[] out, WindowGeometry g) {
    SimdParallel.pool(x, out, g, true);
  }

  @Override
  public void avgPool(float[] x, float[] out, WindowGeometry g) {
    SimdParallel.pool(x, out, g, false);
  }
}
