package org.staticflow.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every back end against straightforward double-precision references (products, convolution, pooling)
 * or against the portable definitions (element-wise kernels), on awkward sizes: 1, odd, not multiples of
 * any vector length or register tile, deeper than one k-block, wider than one column block, large enough
 * to run on several threads; all transpose combinations; SAME and VALID; strides.
 *
 * <p>Outputs are pre-filled with NaN so a kernel that reads or accumulates into its output fails.
 */
class KernelAgreementTest {
  /**
   * Elements from which the SIMD back end splits streaming element-wise work over the kernel threads ({@code
   * SimdParallel.STREAMING}; compute-bound work, the portable transcendental functions, from a quarter of it).
   */
  private static final int PARALLEL = 8 * ParallelRanges.MIN_RANGE;

  private static final int[][] PRODUCT_SIZES = {
    {1, 1, 1}, {1, 7, 3}, {5, 3, 1}, {2, 1, 9}, {7, 13, 33}, {6, 16, 32}, {12, 32, 64}, {13, 300, 47},
    {61, 513, 97}, {37, 70, 1100}, {100, 784, 500}, {100, 500, 10}, {200, 37, 5}, {1, 784, 500}, {2, 100, 70}, {5, 33, 17}, {784, 100, 500}, {3, 0, 4},
    // Narrow outputs (NarrowGemm for n <= VL, on one core and on all): tails of its 8-row blocks, n = 1, 15, 16, 17;
    // and the shallow transposed products of the same layers.
    {500, 100, 10}, {100, 10, 500}, {9, 100, 16}, {13, 7, 1}, {8, 3, 15}, {100, 16, 33}, {15, 1, 17}, {6, 17, 16},
    {1003, 300, 10}, {301, 10, 1001} // on every core
  };

  static Stream<Arguments> products() {
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (int[] size : PRODUCT_SIZES) {
        for (int t = 0; t < 4; t++) {
          cases.add(Arguments.of(kernels, size[0], size[1], size[2], (t & 1) != 0, (t & 2) != 0));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: [{1}x{2}]x[{2}x{3}] transposeA={4} transposeB={5}")
  @MethodSource("products")
  void matmulMatchesTheDefinition(Kernels kernels, int m, int k, int n, boolean transposeA, boolean transposeB) {
    SplittableRandom random = new SplittableRandom(m * 31L + k * 7L + n);
    float[] a = values(random, m * k);
    float[] b = values(random, k * n);
    float[] out = nans(m * n);
    kernels.matmul(a, b, out, m, k, n, transposeA, transposeB);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double magnitude = 0;
        for (int p = 0; p < k; p++) {
          double product = (double) a[transposeA ? p * m + i : i * k + p] * b[transposeB ? j * k + p : p * n + j];
          sum += product;
          magnitude += Math.abs(product);
        }
        assertClose(sum, magnitude, out[i * n + j], "out[" + i + "," + j + "]");
      }
    }
  }

  static Stream<Arguments> convolutions() {
    int[][] geometries = {
      // batch, height, width, inC, kH, kW, outC, strideH, strideW, same
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 0},
      {2, 5, 7, 3, 3, 3, 5, 1, 1, 1},
      {2, 6, 5, 2, 2, 3, 4, 2, 1, 0},
      {3, 9, 8, 4, 5, 5, 33, 2, 2, 1},
      {1, 4, 4, 3, 4, 4, 2, 3, 3, 1},
      {2, 3, 3, 1, 5, 5, 2, 1, 1, 0},
      {4, 28, 28, 1, 5, 5, 32, 1, 1, 1},
      {2, 14, 14, 32, 5, 5, 64, 1, 1, 1},
      {1, 11, 13, 7, 3, 2, 17, 2, 3, 0},
      // Strided, with more patch columns than one block of the SIMD input gradient's col2im (2^18 floats).
      {4, 28, 28, 16, 5, 5, 32, 2, 2, 1},
    };
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (int[] g : geometries) {
        cases.add(Arguments.of(kernels, WindowGeometry.of(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9] == 1)));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("convolutions")
  void conv2dMatchesTheDefinition(Kernels kernels, WindowGeometry g) {
    SplittableRandom random = new SplittableRandom(g.hashCode());
    float[] x = values(random, g.batch() * g.inHeight() * g.inWidth() * g.inChannels());
    float[] filter = values(random, g.kernelHeight() * g.kernelWidth() * g.inChannels() * g.outChannels());
    float[] out = nans(g.batch() * g.outHeight() * g.outWidth() * g.outChannels());
    kernels.conv2d(x, filter, out, g);
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        for (int ox = 0; ox < g.outWidth(); ox++) {
          for (int o = 0; o < g.outChannels(); o++) {
            double sum = 0;
            double magnitude = 0;
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
              for (int kx = 0; kx < g.kernelWidth(); kx++) {
                int iy = oy * g.strideHeight() + ky - g.padTop();
                int ix = ox * g.strideWidth() + kx - g.padLeft();
                if (iy < 0 || iy >= g.inHeight() || ix < 0 || ix >= g.inWidth()) continue;
                for (int c = 0; c < g.inChannels(); c++) {
                  double product = (double) x[((b * g.inHeight() + iy) * g.inWidth() + ix) * g.inChannels() + c]
                      * filter[((ky * g.kernelWidth() + kx) * g.inChannels() + c) * g.outChannels() + o];
                  sum += product;
                  magnitude += Math.abs(product);
                }
              }
            }
            int index = ((b * g.outHeight() + oy) * g.outWidth() + ox) * g.outChannels() + o;
            assertClose(sum, magnitude, out[index], "out[" + index + "]");
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("convolutions")
  void conv2dFilterGradientMatchesTheDefinition(Kernels kernels, WindowGeometry g) {
    SplittableRandom random = new SplittableRandom(g.hashCode() + 1);
    float[] x = values(random, g.batch() * g.inHeight() * g.inWidth() * g.inChannels());
    float[] dy = values(random, g.batch() * g.outHeight() * g.outWidth() * g.outChannels());
    float[] dfilter = nans(g.kernelHeight() * g.kernelWidth() * g.inChannels() * g.outChannels());
    kernels.conv2dBackpropFilter(x, dy, dfilter, g);
    for (int ky = 0; ky < g.kernelHeight(); ky++) {
      for (int kx = 0; kx < g.kernelWidth(); kx++) {
        for (int c = 0; c < g.inChannels(); c++) {
          for (int o = 0; o < g.outChannels(); o++) {
            double sum = 0;
            double magnitude = 0;
            for (int b = 0; b < g.batch(); b++) {
              for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                  int iy = oy * g.strideHeight() + ky - g.padTop();
                  int ix = ox * g.strideWidth() + kx - g.padLeft();
                  if (iy < 0 || iy >= g.inHeight() || ix < 0 || ix >= g.inWidth()) continue;
                  double product = (double) x[((b * g.inHeight() + iy) * g.inWidth() + ix) * g.inChannels() + c]
                      * dy[((b * g.outHeight() + oy) * g.outWidth() + ox) * g.outChannels() + o];
                  sum += product;
                  magnitude += Math.abs(product);
                }
              }
            }
            int index = ((ky * g.kernelWidth() + kx) * g.inChannels() + c) * g.outChannels() + o;
            assertClose(sum, magnitude, dfilter[index], "dfilter[" + index + "]");
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("convolutions")
  void conv2dInputGradientMatchesTheDefinition(Kernels kernels, WindowGeometry g) {
    SplittableRandom random = new SplittableRandom(g.hashCode() + 2);
    float[] dy = values(random, g.batch() * g.outHeight() * g.outWidth() * g.outChannels());
    float[] filter = values(random, g.kernelHeight() * g.kernelWidth() * g.inChannels() * g.outChannels());
    int size = g.batch() * g.inHeight() * g.inWidth() * g.inChannels();
    double[] sum = new double[size];
    double[] magnitude = new double[size];
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        for (int ox = 0; ox < g.outWidth(); ox++) {
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
              int iy = oy * g.strideHeight() + ky - g.padTop();
              int ix = ox * g.strideWidth() + kx - g.padLeft();
              if (iy < 0 || iy >= g.inHeight() || ix < 0 || ix >= g.inWidth()) continue;
              for (int c = 0; c < g.inChannels(); c++) {
                for (int o = 0; o < g.outChannels(); o++) {
                  double product = (double) dy[((b * g.outHeight() + oy) * g.outWidth() + ox) * g.outChannels() + o]
                      * filter[((ky * g.kernelWidth() + kx) * g.inChannels() + c) * g.outChannels() + o];
                  int index = ((b * g.inHeight() + iy) * g.inWidth() + ix) * g.inChannels() + c;
                  sum[index] += product;
                  magnitude[index] += Math.abs(product);
                }
              }
            }
          }
        }
      }
    }
    float[] dx = nans(size);
    kernels.conv2dBackpropInput(dy, filter, dx, g);
    for (int i = 0; i < size; i++) {
      assertClose(sum[i], magnitude[i], dx[i], "dx[" + i + "]");
    }
  }

  static Stream<Arguments> pools() {
    int[][] geometries = {
      // batch, height, width, channels, kH, kW, strideH, strideW, same
      {1, 1, 1, 1, 1, 1, 1, 1, 0},
      {2, 28, 28, 32, 2, 2, 2, 2, 1},
      {2, 14, 14, 64, 2, 2, 2, 2, 1},
      {3, 7, 9, 17, 3, 3, 2, 2, 1},
      {1, 5, 6, 33, 3, 2, 1, 2, 0},
      {2, 4, 4, 1, 4, 4, 3, 3, 1},
      {2, 6, 8, 19, 2, 2, 2, 2, 0}, // tiling 2x2 windows, channels not a multiple of the vector length
      {1, 7, 7, 16, 2, 2, 2, 2, 1}, // 2x2 windows over an odd size: the last ones are padded
      // Large enough to be split over the kernel threads (by output rows).
      {100, 28, 28, 32, 2, 2, 2, 2, 1}, // the MNIST CNN's first pooling
      {24, 14, 14, 64, 2, 2, 2, 2, 1},
      {20, 29, 31, 17, 3, 3, 2, 2, 1},
      {8, 40, 40, 23, 2, 2, 2, 2, 0},
    };
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (int[] g : geometries) {
        cases.add(Arguments.of(kernels, WindowGeometry.of(g[0], g[1], g[2], g[3], g[4], g[5], g[3], g[6], g[7], g[8] == 1)));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("pools")
  void poolingMatchesTheDefinition(Kernels kernels, WindowGeometry g) {
    float[] x = values(new SplittableRandom(g.hashCode()), g.batch() * g.inHeight() * g.inWidth() * g.inChannels());
    int size = g.batch() * g.outHeight() * g.outWidth() * g.inChannels();
    float[] max = nans(size);
    float[] avg = nans(size);
    kernels.maxPool(x, max, g);
    kernels.avgPool(x, avg, g);
    float[] portable = new float[size];
    Backends.portable().maxPool(x, portable, g);
    assertSameBits(portable, max, "maxPool as the portable kernel");
    Backends.portable().avgPool(x, portable, g);
    assertSameBits(portable, avg, "avgPool as the portable kernel");
    int c = g.inChannels();
    for (int b = 0; b < g.batch(); b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        for (int ox = 0; ox < g.outWidth(); ox++) {
          for (int ch = 0; ch < c; ch++) {
            float best = Float.NEGATIVE_INFINITY;
            double sum = 0;
            int count = 0;
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
              for (int kx = 0; kx < g.kernelWidth(); kx++) {
                int iy = oy * g.strideHeight() + ky - g.padTop();
                int ix = ox * g.strideWidth() + kx - g.padLeft();
                if (iy < 0 || iy >= g.inHeight() || ix < 0 || ix >= g.inWidth()) continue;
                float v = x[((b * g.inHeight() + iy) * g.inWidth() + ix) * c + ch];
                best = Math.max(best, v);
                sum += v;
                count++;
              }
            }
            int index = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c + ch;
            assertEquals(best, max[index], "max[" + index + "]");
            assertEquals(sum / count, avg[index], 1e-6, "avg[" + index + "]");
          }
        }
      }
    }
  }

  static Stream<Arguments> unaries() {
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (UnaryOp op : UnaryOp.values()) {
        for (int n : new int[] {0, 1, 15, 16, 17, 33, 1000, PARALLEL / 4 + 17, PARALLEL + 17, 600_001}) {
          cases.add(Arguments.of(kernels, op, n));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1} n={2}")
  @MethodSource("unaries")
  void unaryMatchesThePortableDefinition(Kernels kernels, UnaryOp op, int n) {
    float[] x = values(new SplittableRandom(n), n);
    for (int i = 0; i < n; i++) {
      x[i] *= 8; // reach the saturating ranges of sigmoid, tanh and relu6
    }
    if (n > 3) {
      x[0] = Float.NaN;
      x[1] = Float.POSITIVE_INFINITY;
      x[2] = Float.NEGATIVE_INFINITY;
      x[3] = -0f;
    }
    float[] expected = new float[n];
    Backends.portable().unary(op, x, expected, n);
    float[] out = nans(n);
    kernels.unary(op, x, out, n);
    for (int i = 0; i < n; i++) {
      assertNearlyEqual(expected[i], out[i], 2, op + "(" + x[i] + ")");
    }
    kernels.unary(op, x, x, n);
    assertSameBits(out, x, "in place gives the same");
  }

  static Stream<Arguments> binaries() {
    int[][][] shapes = {
      {{3, 17}, {3, 17}},
      {{100, 500}, {500}},
      {{7, 33}, {33}},
      {{7, 33}, {7, 1}},
      {{33}, {7, 33}},
      {{2, 3, 19}, {19}},
      {{}, {19}},
      {{19}, {}},
      {{4, 1, 3}, {1, 5, 1}},
      {{2, 1, 17}, {2, 5, 17}},
      {{1}, {1}},
      {{0, 3}, {3}},
      // Large enough to be split over the kernel threads (by elements, across runs).
      {{600, 517}, {517}},
      {{517}, {600, 517}},
      {{270_001}, {270_001}},
      {{9000, 33}, {9000, 1}},
      {{300_007}, {}},
      {{2, 1100, 129}, {1100, 1}},
    };
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (BinaryOp op : BinaryOp.values()) {
        for (int[][] pair : shapes) {
          cases.add(Arguments.of(kernels, op, pair[0], pair[1]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1} {2} {3}")
  @MethodSource("binaries")
  void binaryMatchesThePortableDefinition(Kernels kernels, BinaryOp op, int[] aShape, int[] bShape) {
    SplittableRandom random = new SplittableRandom(aShape.length * 7 + bShape.length);
    Broadcast plan = Broadcast.of(aShape, bShape);
    float[] a = values(random, count(aShape));
    float[] b = values(random, count(bShape));
    if (a.length > 2 && b.length > 2) {
      a[1] = Float.NaN;
      b[2] = 0f;
    }
    float[] expected = new float[plan.size()];
    Backends.portable().binary(op, a, b, expected, plan);
    float[] out = nans(plan.size());
    kernels.binary(op, a, b, out, plan);
    assertSameBits(expected, out, op + " " + plan.size() + " elements");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("pools")
  void poolingGradientsMatchThePortableDefinition(Kernels kernels, WindowGeometry g) {
    SplittableRandom random = new SplittableRandom(g.hashCode() + 1);
    int inSize = g.batch() * g.inHeight() * g.inWidth() * g.inChannels();
    int outSize = g.batch() * g.outHeight() * g.outWidth() * g.inChannels();
    float[] x = values(random, inSize);
    for (int i = 0; i < inSize; i++) {
      x[i] = Math.round(x[i] * 3) / 3f; // few distinct values: ties, where the first maximum must win
    }
    if (inSize > 64) {
      x[5] = Float.NaN;
      x[40] = Float.NaN;
    }
    float[] y = new float[outSize];
    Backends.portable().maxPool(x, y, g);
    float[] dy = values(random, outSize);
    if (outSize > 3) {
      dy[3] = -0f;
    }
    float[] expected = new float[inSize];
    Backends.portable().maxPoolGrad(x, y, dy, expected, g);
    float[] dx = nans(inSize);
    kernels.maxPoolGrad(x, y, dy, dx, g);
    assertSameBits(expected, dx, "maxPoolGrad");
    Backends.portable().avgPoolGrad(dy, expected, g);
    kernels.avgPoolGrad(dy, dx, g);
    assertSameBits(expected, dx, "avgPoolGrad");
  }

  static Stream<Arguments> unaryGradients() {
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (UnaryOp op : UnaryOp.values()) {
        for (int n : new int[] {0, 1, 15, 17, 1000, PARALLEL + 17, 600_001}) {
          cases.add(Arguments.of(kernels, op, n));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1} gradient n={2}")
  @MethodSource("unaryGradients")
  void unaryGradientMatchesThePortableDefinition(Kernels kernels, UnaryOp op, int n) {
    SplittableRandom random = new SplittableRandom(n + 5);
    float[] x = values(random, n);
    for (int i = 0; i < n; i++) {
      x[i] *= 8; // both sides of 0 and of relu6's 6
    }
    if (n > 5) {
      x[0] = Float.NaN;
      x[1] = -0f;
      x[2] = 0f;
      x[3] = 6f;
      x[4] = Float.POSITIVE_INFINITY;
    }
    float[] y = new float[n];
    Backends.portable().unary(op, x, y, n);
    float[] dy = values(random, n);
    if (n > 6) {
      dy[6] = Float.NaN;
    }
    float[] expected = new float[n];
    Backends.portable().unaryGrad(op, x, y, dy, expected, n);
    float[] dx = nans(n);
    kernels.unaryGrad(op, x, y, dy, dx, n);
    assertSameBits(expected, dx, op + " gradient");
  }

  static Stream<Arguments> reductions() {
    Object[][] shapesAndAxes = {
      {new int[] {100, 500}, new int[] {0}},          // a bias gradient
      {new int[] {100, 500}, new int[] {1}},          // row sums
      {new int[] {4, 7, 7, 64}, new int[] {0, 1, 2}}, // a convolution's bias gradient
      {new int[] {3, 5, 17}, new int[] {1}},          // reduced axis in the middle
      {new int[] {3, 5, 17}, new int[] {0, 2}},       // not adjacent: the general walk
      {new int[] {2, 1, 9, 1}, new int[] {0, 2}},     // adjacent once size-1 axes are skipped
      {new int[] {6, 35}, new int[] {0, 1}},          // everything
      {new int[] {1}, new int[] {0}},
      {new int[] {4, 3}, new int[] {}},               // nothing
      {new int[] {0, 3}, new int[] {0}},              // empty input
      // Large enough to be split over the kernel threads: by vector columns or by outer index.
      {new int[] {300, 1000}, new int[] {0}},
      {new int[] {601, 1000}, new int[] {0}},         // blocks too large for L2: walked row by row
      {new int[] {3, 2003, 150}, new int[] {1}},
      {new int[] {9000, 32}, new int[] {0}},          // a vector wide twice: not split, one thread
      {new int[] {8, 28, 28, 64}, new int[] {0, 1, 2}},
      {new int[] {3, 1000, 100}, new int[] {1}},
      {new int[] {90, 100, 33}, new int[] {1}},
      {new int[] {2000, 65}, new int[] {1}},
      {new int[] {70_000, 1}, new int[] {0}},
    };
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (ReduceOp op : ReduceOp.values()) {
        for (Object[] shapeAndAxes : shapesAndAxes) {
          cases.add(Arguments.of(kernels, op, shapeAndAxes[0], shapeAndAxes[1]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1} of {2} over {3}")
  @MethodSource("reductions")
  void reductionAndItsGradientMatchTheDefinition(Kernels kernels, ReduceOp op, int[] shape, int[] axes) {
    ReducePlan plan = ReducePlan.of(shape, axes);
    SplittableRandom random = new SplittableRandom(count(shape) + axes.length);
    float[] x = values(random, count(shape));
    if (x.length > 40) {
      x[40] = Float.NaN; // propagates to its output under every op
    }
    // The definition: each output accumulates its inputs in input order, in float.
    int[] outputOf = outputIndices(shape, axes);
    float[] expected = new float[plan.outSize()];
    int[] counts = new int[plan.outSize()];
    Arrays.fill(expected, op == ReduceOp.MAX ? Float.NEGATIVE_INFINITY : 0f);
    for (int i = 0; i < x.length; i++) {
      int o = outputOf[i];
      expected[o] = op == ReduceOp.MAX ? Math.max(expected[o], x[i]) : expected[o] + x[i];
      counts[o]++;
    }
    if (op == ReduceOp.MEAN) {
      for (int o = 0; o < expected.length; o++) expected[o] /= (float) plan.groupSize();
    }
    float[] out = nans(plan.outSize());
    kernels.reduce(op, x, out, plan);
    assertSameBits(expected, out, "reduction");

    if (op != ReduceOp.MAX) {
      float[] dy = values(random, plan.outSize());
      float[] dx = nans(x.length);
      kernels.reduceGrad(op, dy, dx, plan);
      for (int i = 0; i < x.length; i++) {
        float want = op == ReduceOp.MEAN ? dy[outputOf[i]] / (float) plan.groupSize() : dy[outputOf[i]];
        assertEquals(want, dx[i], 0f, "gradient of input " + i);
      }
    }
  }

  /** For each input element (row-major), the row-major index of its output once {@code axes} are dropped. */
  private static int[] outputIndices(int[] shape, int[] axes) {
    boolean[] reduced = new boolean[shape.length];
    for (int axis : axes) reduced[axis] = true;
    int[] result = new int[count(shape)];
    int[] index = new int[shape.length];
    for (int i = 0; i < result.length; i++) {
      int o = 0;
      for (int d = 0; d < shape.length; d++) {
        if (!reduced[d]) o = o * shape[d] + index[d];
      }
      result[i] = o;
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) break;
        index[d] = 0;
      }
    }
    return result;
  }

  /** Shapes of the fused layer tails: awkward small ones, and ones split over the kernel threads. */
  private static final int[][] LAYER_SHAPES = fusedShapes();

  private static int[][] fusedShapes() {
    List<int[]> shapes = new ArrayList<>();
    for (int rows : new int[] {1, 3, 100}) {
      for (int cols : new int[] {1, 5, 16, 17, 32, 33, 64, 500}) {
        shapes.add(new int[] {rows, cols});
      }
    }
    int[][] parallel = {
      {2100, 32}, {9000, 32}, {9000, 33}, {4200, 64}, {600, 500}, {17_000, 16}, {17_000, 17}, {270_000, 1},
      {54_000, 5}, {78_400, 32}, {19_600, 64},
    };
    shapes.addAll(Arrays.asList(parallel));
    return shapes.toArray(new int[0][]);
  }

  static Stream<Arguments> layerTails() {
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (UnaryOp op : UnaryOp.values()) {
        for (int[] shape : LAYER_SHAPES) {
          cases.add(Arguments.of(kernels, op, shape[0], shape[1]));
        }
      }
    }
    return cases.stream();
  }

  /** Values where the activations and their gradients decide: around 0 and 6, signed zeros, NaN, infinities. */
  private static final float[] EDGES = {
    Float.NaN, -0f, 0f, 6f, -6f, Math.nextUp(6f), Math.nextDown(6f), Float.MIN_VALUE, -Float.MIN_VALUE,
    Math.nextUp(0f) * 1e6f, -1e-30f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f,
  };

  /** Values in [-8, 8) with an edge value at every third position. */
  private static float[] activations(SplittableRandom random, int n) {
    float[] x = values(random, n);
    for (int i = 0; i < n; i++) {
      x[i] = i % 3 == 1 ? EDGES[random.nextInt(EDGES.length)] : x[i] * 8;
    }
    return x;
  }

  @ParameterizedTest(name = "{0}: {1} biasActivation [{2}x{3}]")
  @MethodSource("layerTails")
  void biasActivationIsTheAdditionThenTheActivation(Kernels kernels, UnaryOp op, int rows, int cols) {
    SplittableRandom random = new SplittableRandom(rows * 1000L + cols);
    int n = rows * cols;
    float[] x = activations(random, n);
    float[] bias = values(random, cols);
    for (int j = 0; j < cols; j++) {
      // -0 + -0 is the only sum that is -0; +0 and 6 keep the edges where they are.
      bias[j] = switch (j % 4) {
        case 1 -> -0f;
        case 2 -> 0f;
        default -> bias[j] * 6;
      };
    }
    if (cols > 7) {
      bias[7] = random.nextBoolean() ? Float.NaN : 6f; // a whole column on an edge
    }
    Kernels portable = Backends.portable();
    float[] expected = new float[n];
    portable.binary(BinaryOp.ADD, x, bias, expected, Broadcast.of(new int[] {rows, cols}, new int[] {cols}));
    portable.unary(op, expected, expected, n);

    float[] out = nans(n);
    kernels.biasActivation(op, x, bias, out, rows, cols);
    assertSameBits(expected, out, op + " biasActivation");
    float[] inPlace = x.clone();
    kernels.biasActivation(op, inPlace, bias, inPlace, rows, cols);
    assertSameBits(expected, inPlace, op + " biasActivation in place (out == x)");
  }

  static Stream<Arguments> l2Sizes() {
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      // Block and lane tails; 392,000 (the MLP's first weights) and more run on every core.
      for (int n : new int[] {0, 1, 7, 8, 9, 15, 16_383, 16_384, 16_385, 100_003, 392_000, PARALLEL + 5}) {
        cases.add(Arguments.of(kernels, n));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: l2Loss n={1}")
  @MethodSource("l2Sizes")
  void l2LossIsTheSumOfSquaresRoundedOnceAndTheSameOnEveryBackEnd(Kernels kernels, int n) {
    SplittableRandom random = new SplittableRandom(n + 17L);
    float[] x = values(random, n);
    for (int i = 0; i < n; i += 3) {
      x[i] *= 1e3f; // magnitudes that make the order of additions matter
    }
    java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
    for (float v : x) {
      exact = exact.add(new java.math.BigDecimal(v).multiply(new java.math.BigDecimal(v)));
    }
    float expected = exact.divide(java.math.BigDecimal.valueOf(2)).floatValue();
    float[] out = {Float.NaN};
    kernels.l2Loss(x, out, n);
    assertTrue(Math.abs(out[0] - expected) <= Math.ulp(expected), "l2Loss " + out[0] + " against the exact " + expected);
    float[] portable = {Float.NaN};
    Backends.portable().l2Loss(x, portable, n);
    assertSameBits(portable, out, "l2Loss against the portable order");
    // The order itself, before the rounding to float hides it: the SIMD block sums equal the portable ones in double.
    for (int from = 0; from < n; from += PortableKernels.L2_BLOCK) {
      int to = Math.min(from + PortableKernels.L2_BLOCK, n);
      assertEquals(PortableKernels.l2BlockSum(x, from, to), SimdElementwise.l2BlockSum(x, from, to), 0.0,
          "block sum at " + from);
    }
    if (n > 8) {
      x[n / 2] = Float.NaN;
      kernels.l2Loss(x, out, n);
      assertTrue(Float.isNaN(out[0]), "NaN propagates");
      x[n / 2] = Float.POSITIVE_INFINITY;
      kernels.l2Loss(x, out, n);
      assertEquals(Float.POSITIVE_INFINITY, out[0]);
    }
  }

  static Stream<Arguments> scaledSums() {
    List<Arguments> cases = new ArrayList<>();
    float[] scales = {1e-4f, -0.5f, 0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, 3.3f};
    for (Kernels kernels : KernelBackends.all()) {
      // 392,000: the MLP's first weights, split over the cores; the others: a tail, a single vector, tiny.
      for (int n : new int[] {1, 7, 16, 33, 5_000, PARALLEL - 1, PARALLEL + 17, 392_000}) {
        for (float scale : scales) {
          cases.add(Arguments.of(kernels, n, scale));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: scaledAdd n={1} scale={2}")
  @MethodSource("scaledSums")
  void scaledAddIsTheProductThenTheSum(Kernels kernels, int n, float scale) {
    SplittableRandom random = new SplittableRandom(n * 31L + Float.floatToIntBits(scale));
    float[] x = activations(random, n);
    float[] y = activations(random, n);
    for (int i = 0; i < n; i += 5) {
      // Where a fused multiply-add would round differently: y cancels the product's high bits.
      y[i] = -(x[i] * scale);
      x[i] = Math.nextUp(x[i]);
    }
    float[] s = {scale};
    Kernels portable = Backends.portable();
    float[] expected = new float[n];
    portable.binary(BinaryOp.MUL, x, s, expected, Broadcast.of(new int[] {n}, new int[] {}));
    portable.binary(BinaryOp.ADD, expected, y, expected, Broadcast.of(new int[] {n}, new int[] {n}));

    float[] out = nans(n);
    kernels.scaledAdd(x, s, y, out, n);
    assertSameBits(expected, out, "scaledAdd");
    float[] overX = x.clone();
    kernels.scaledAdd(overX, s, y, overX, n);
    assertSameBits(expected, overX, "scaledAdd in place (out == x)");
    float[] overY = y.clone();
    kernels.scaledAdd(x, s, overY, overY, n);
    assertSameBits(expected, overY, "scaledAdd in place (out == y)");
    if (scale == 1e-4f && n > 1) {
      float fused = Math.fma(x[0], scale, y[0]);
      float separate = x[0] * scale + y[0];
      assertTrue(fused != separate || Float.isNaN(separate) || separate == 0, "the cancelling case tells fused from separate rounding");
    }
  }

  @ParameterizedTest(name = "{0}: {1} unaryGradColumnSums [{2}x{3}]")
  @MethodSource("layerTails")
  void unaryGradColumnSumsIsTheGradientThenTheSumOverRows(Kernels kernels, UnaryOp op, int rows, int cols) {
    SplittableRandom random = new SplittableRandom(rows * 1000L + cols + 1);
    int n = rows * cols;
    float[] x = activations(random, n);
    Kernels portable = Backends.portable();
    float[] y = new float[n];
    portable.unary(op, x, y, n);
    float[] dy = values(random, n);
    for (int i = 0; i < n; i++) {
      // Magnitudes far apart, so a sum in any other order rounds differently; signed zeros; a rare NaN.
      int kind = random.nextInt(16);
      dy[i] = kind == 0 ? -0f : kind == 1 ? 0f : kind == 2 ? dy[i] * 1e7f : kind == 3 && random.nextInt(64) == 0 ? Float.NaN : dy[i];
    }
    float[] expectedDx = new float[n];
    portable.unaryGrad(op, x, y, dy, expectedDx, n);
    float[] expectedSums = new float[cols];
    portable.reduce(ReduceOp.SUM, expectedDx, expectedSums, ReducePlan.of(new int[] {rows, cols}, 0));

    float[] dx = nans(n);
    float[] sums = nans(cols);
    kernels.unaryGradColumnSums(op, x, y, dy, dx, sums, rows, cols);
    assertSameBits(expectedDx, dx, op + " dx");
    assertSameBits(expectedSums, sums, op + " column sums");

    float[] inPlace = dy.clone();
    float[] sums2 = nans(cols);
    kernels.unaryGradColumnSums(op, x, y, inPlace, inPlace, sums2, rows, cols);
    assertSameBits(expectedDx, inPlace, op + " dx in place (dx == dy)");
    assertSameBits(expectedSums, sums2, op + " column sums, dx == dy");
  }

  /**
   * Bit-for-bit equality, reporting the first difference: signed zeros count, NaN payloads do not (Java does not
   * define them: the same code gives {@code 0x7fc00000} or {@code 0xffc00000} for {@code NaN + NaN'} depending on
   * which operand the JIT puts first, interpreted or compiled, on either back end).
   */
  private static void assertSameBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      int want = Float.floatToIntBits(expected[i]);
      int got = Float.floatToIntBits(actual[i]);
      if (want != got) {
        throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " (bits " + Integer.toHexString(want)
            + ") but was " + actual[i] + " (bits " + Integer.toHexString(got) + ")");
      }
    }
  }

  static Stream<Arguments> softmaxes() {
    List<Arguments> cases = new ArrayList<>();
    for (Kernels kernels : KernelBackends.all()) {
      for (int[] size : new int[][] {{1, 1}, {3, 10}, {5, 33}, {100, 10}, {2, 1000}, {0, 4}}) {
        cases.add(Arguments.of(kernels, size[0], size[1]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: [{1}x{2}]")
  @MethodSource("softmaxes")
  void softmaxMatchesTheDefinition(Kernels kernels, int rows, int cols) {
    float[] x = values(new SplittableRandom(rows * 100 + cols), rows * cols);
    for (int i = 0; i < x.length; i++) {
      x[i] *= 30;
    }
    float[] soft = nans(x.length);
    float[] logSoft = nans(x.length);
    kernels.softmax(x, soft, rows, cols);
    kernels.logSoftmax(x, logSoft, rows, cols);
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) max = Math.max(max, x[r * cols + j]);
      double sum = 0;
      for (int j = 0; j < cols; j++) sum += Math.exp(x[r * cols + j] - max);
      for (int j = 0; j < cols; j++) {
        int i = r * cols + j;
        double log = x[i] - max - Math.log(sum);
        assertEquals(Math.exp(log), soft[i], 1e-6 * Math.exp(log) + 1e-12, "softmax[" + i + "]");
        assertEquals(log, logSoft[i], 1e-5 * (1 + Math.abs(log)), "logSoftmax[" + i + "]");
      }
    }
  }

  private static void assertClose(double expected, double magnitude, float actual, String what) {
    // float accumulation in any order: error bounded by about k ulps of the sum of magnitudes
    double tolerance = 1e-5 * magnitude + 1e-30;
    assertTrue(Math.abs(expected - actual) <= tolerance, what + ": expected " + expected + " but was " + actual);
  }

  private static void assertNearlyEqual(float expected, float actual, int ulps, String what) {
    if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0f) {
      assertEquals(expected, actual, Math.abs(expected) == 0f ? 1e-30f : 0f, what);
      return;
    }
    assertTrue(Math.abs(expected - actual) <= ulps * Math.ulp(expected), what + ": expected " + expected + " but was " + actual);
  }

  private static int count(int[] shape) {
    int n = 1;
    for (int d : shape) n *= d;
    return n;
  }

  private static float[] values(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static float[] nans(int n) {
    float[] v = new float[n];
    Arrays.fill(v, Float.NaN);
    return v;
  }
}
