package org.staticflow.runtime.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise kernels on the Vector API, bit-for-bit equal to {@link PortableKernels} where they are
 * defined here: the operations used are exactly rounded IEEE ones ({@code +, -, *, /, sqrt, abs, min,
 * max}), and {@code max}/{@code min} propagate NaN as {@link Math#max(float, float)} does. Transcendental
 * functions ({@code exp}, {@code log}, {@code tanh}, {@code sigmoid}) stay portable, so results do not
 * depend on the back end.
 *
 * <p>Binary operations take the vector path for the broadcast layouts a model actually produces, seen
 * on the innermost run of the output: both operands contiguous (equal shapes, or any shapes whose
 * trailing dimensions match), one operand a scalar over the run (e.g. {@code [rows, cols] op [rows, 1]},
 * or a true scalar), which covers bias addition {@code [batch, units] + [units]}; anything else falls
 * back to the portable walk.
 *
 * <p>The fused tails of a layer, {@code biasActivation} and {@code unaryGradColumnSums}, make one pass where
 * the composition makes two, and keep the composition's rounding: the same additions, and each column sum in
 * row order from +0.
 *
 * <p>Kernels here work on a range (elements, rows or vector columns) so that {@link SimdParallel} can split a
 * large call over the kernel threads; the result of a range does not depend on where the ranges start.
 */
final class SimdElementwise {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  private SimdElementwise() {}

  /** Whether {@link #unary} vectorises {@code op} (the others stay portable: transcendental functions). */
  static boolean hasUnary(UnaryOp op) {
    return switch (op) {
      case NEG, ABS, SQRT, SQUARE, RELU, RELU6 -> true;
      default -> false;
    };
  }

  /** {@code out[i] = op(x[i])} for {@code from <= i < to}, for the ops of {@link #hasUnary}; returns false for the others. */
  static boolean unary(UnaryOp op, float[] x, float[] out, int from, int to) {
    // One method per operator, naming it as a literal (see row).
    switch (op) {
      case NEG -> neg(x, out, from, to);
      case ABS -> abs(x, out, from, to);
      case SQRT -> sqrt(x, out, from, to);
      case SQUARE -> square(x, out, from, to);
      case RELU -> relu(x, out, from, to);
      case RELU6 -> relu6(x, out, from, to);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void neg(float[] x, float[] out, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.NEG).intoArray(out, i);
    }
    for (; i < to; i++) out[i] = -x[i];
  }

  private static void abs(float[] x, float[] out, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.ABS).intoArray(out, i);
    }
    for (; i < to; i++) out[i] = Math.abs(x[i]);
  }

  private static void sqrt(float[] x, float[] out, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.SQRT).intoArray(out, i);
    }
    for (; i < to; i++) out[i] = (float) Math.sqrt(x[i]);
  }

  private static void square(float[] x, float[] out, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      v.mul(v).intoArray(out, i);
    }
    for (; i < to; i++) out[i] = x[i] * x[i];
  }

  /** {@code x > 0 ? x : 0}: NaN and -0 give +0, exactly as the portable kernel. */
  private static void relu(float[] x, float[] out, int from, int to) {
    FloatVector zero = FloatVector.zero(S);
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, i);
    }
    for (; i < to; i++) out[i] = x[i] > 0f ? x[i] : 0f;
  }

  /** {@code min(max(x, 0), 6)} with {@link Math#max}/{@link Math#min} semantics (NaN stays NaN). */
  private static void relu6(float[] x, float[] out, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.MAX, 0f).lanewise(VectorOperators.MIN, 6f).intoArray(out, i);
    }
    for (; i < to; i++) out[i] = Math.min(Math.max(x[i], 0f), 6f);
  }

  /** Whether {@link #unaryGrad} vectorises {@code op}'s gradient. */
  static boolean hasUnaryGrad(UnaryOp op) {
    return op == UnaryOp.RELU || op == UnaryOp.RELU6;
  }

  /**
   * The gradients whose portable loops the JIT does not vectorise (a select per element): {@code RELU},
   * {@code dx = x > 0 ? dy : 0}, and {@code RELU6}, {@code dx = 0 < x < 6 ? dy : 0}, with +0 where the
   * condition fails (NaN x included), exactly as the portable kernel, for {@code from <= i < to}. Returns
   * false for the other ops.
   */
  static boolean unaryGrad(UnaryOp op, float[] x, float[] dy, float[] dx, int from, int to) {
    // One loop per operator: a mask that is conditionally combined would be a phi of two objects, which C2
    // does not scalar-replace, and every iteration would allocate.
    switch (op) {
      case RELU -> reluGrad(x, dy, dx, from, to);
      case RELU6 -> relu6Grad(x, dy, dx, from, to);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void reluGrad(float[] x, float[] dy, float[] dx, int from, int to) {
    FloatVector zero = FloatVector.zero(S);
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      zero.blend(FloatVector.fromArray(S, dy, i), v.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
    }
    for (; i < to; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
  }

  private static void relu6Grad(float[] x, float[] dy, float[] dx, int from, int to) {
    FloatVector zero = FloatVector.zero(S);
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      var inside = v.compare(VectorOperators.GT, 0f).and(v.compare(VectorOperators.LT, 6f));
      zero.blend(FloatVector.fromArray(S, dy, i), inside).intoArray(dx, i);
    }
    for (; i < to; i++) dx[i] = x[i] > 0f && x[i] < 6f ? dy[i] : 0f;
  }

  /**
   * {@code out[o, j] += x[o, m, j]} (or max) over {@code m} in increasing order, for the outer indices
   * {@code [o0, o1)} and the columns {@code [j0, j1)} ({@code j0} a multiple of the vector length, {@code j1}
   * one too or {@code inner}): each output accumulates in the same order as the portable loop, so the sums
   * are bit-for-bit equal whichever columns or outer indices a call covers. The rows are walked two vector
   * columns at a time with their sums in registers, except for blocks wider than {@value #TILE} vectors that
   * do not fit in L2: those walk the rows in order, {@value #ROWS} per step, the sums in {@code out} (a pass
   * per column pair would then read every cache line from memory several times). For {@code inner} at least
   * the vector length.
   */
  static void reduceColumns(boolean max, float[] x, float[] out, int o0, int o1, int mid, int inner, int j0, int j1) {
    for (int o = o0; o < o1; o++) {
      // Separate methods for sum and max: each names its operator as a literal.
      if (max) {
        maxColumns(x, o * mid * inner, out, o * inner, mid, inner, j0, j1);
      } else {
        sumColumns(x, o * mid * inner, out, o * inner, mid, inner, j0, j1);
      }
    }
  }

  private static void sumColumns(float[] x, int inBase, float[] out, int outBase, int mid, int inner, int j0, int j1) {
    int vectorEnd = j0 + S.loopBound(j1 - j0);
    if (vectorEnd - j0 > TILE * VL && (long) mid * (j1 - j0) >= IN_L2) {
      sumColumnsByRows(x, inBase, out, outBase, mid, inner, j0, j1);
      return;
    }
    int j = j0;
    for (; j + 2 * VL <= vectorEnd; j += 2 * VL) {
      FloatVector acc0 = FloatVector.fromArray(S, out, outBase + j);
      FloatVector acc1 = FloatVector.fromArray(S, out, outBase + j + VL);
      for (int m = 0, row = inBase + j; m < mid; m++, row += inner) {
        acc0 = acc0.add(FloatVector.fromArray(S, x, row));
        acc1 = acc1.add(FloatVector.fromArray(S, x, row + VL));
      }
      acc0.intoArray(out, outBase + j);
      acc1.intoArray(out, outBase + j + VL);
    }
    for (; j < vectorEnd; j += VL) {
      FloatVector acc = FloatVector.fromArray(S, out, outBase + j);
      for (int m = 0, row = inBase + j; m < mid; m++, row += inner) {
        acc = acc.add(FloatVector.fromArray(S, x, row));
      }
      acc.intoArray(out, outBase + j);
    }
    for (; j < j1; j++) {
      float acc = out[outBase + j];
      for (int m = 0, row = inBase + j; m < mid; m++, row += inner) acc += x[row];
      out[outBase + j] = acc;
    }
  }

  private static void maxColumns(float[] x, int inBase, float[] out, int outBase, int mid, int inner, int j0, int j1) {
    int vectorEnd = j0 + S.loopBound(j1 - j0);
    if (vectorEnd - j0 > TILE * VL && (long) mid * (j1 - j0) >= IN_L2) {
      maxColumnsByRows(x, inBase, out, outBase, mid, inner, j0, j1);
      return;
    }
    int j = j0;
    for (; j + 2 * VL <= vectorEnd; j += 2 * VL) {
      FloatVector acc0 = FloatVector.fromArray(S, out, outBase + j);
      FloatVector acc1 = FloatVector.fromArray(S, out, outBase + j + VL);
      for (int m = 0, row = inBase + j; m < mid; m++, row += inner) {
        acc0 = acc0.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, row));
        acc1 = acc1.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, row + VL));
      }
      acc0.intoArray(out, outBase + j);
      acc1.intoArray(out, outBase + j + VL);
    }
    for (; j < vectorEnd; j += VL) {
      FloatVector acc = FloatVector.fromArray(S, out, outBase + j);
      for (int m = 0, row = inBase + j; m < mid; m++, row += inner) {
        acc = acc.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, row));
      }
      acc.intoArray(out, outBase + j);
    }
    for (; j < j1; j++) {
      float acc = out[outBase + j];
      for (int m = 0, row = inBase + j; m < mid; m++, row += inner) acc = Math.max(acc, x[row]);
      out[outBase + j] = acc;
    }
  }

  /** {@link #sumColumns} for wide blocks beyond L2: rows in order, {@value #ROWS} per step. */
  private static void sumColumnsByRows(float[] x, int inBase, float[] out, int outBase, int mid, int inner, int j0, int j1) {
    int vectorEnd = j0 + S.loopBound(j1 - j0);
    int m = 0;
    for (; m + ROWS <= mid; m += ROWS) {
      int row = inBase + m * inner;
      int j = j0;
      for (; j < vectorEnd; j += VL) {
        int i = row + j;
        FloatVector.fromArray(S, out, outBase + j).add(FloatVector.fromArray(S, x, i)).add(FloatVector.fromArray(S, x, i + inner))
            .add(FloatVector.fromArray(S, x, i + 2 * inner)).add(FloatVector.fromArray(S, x, i + 3 * inner)).intoArray(out, outBase + j);
      }
      for (; j < j1; j++) {
        int i = row + j;
        out[outBase + j] = out[outBase + j] + x[i] + x[i + inner] + x[i + 2 * inner] + x[i + 3 * inner];
      }
    }
    for (; m < mid; m++) {
      int row = inBase + m * inner;
      int j = j0;
      for (; j < vectorEnd; j += VL) {
        FloatVector.fromArray(S, out, outBase + j).add(FloatVector.fromArray(S, x, row + j)).intoArray(out, outBase + j);
      }
      for (; j < j1; j++) out[outBase + j] += x[row + j];
    }
  }

  /** {@link #maxColumns} for wide blocks beyond L2: rows in order, {@value #ROWS} per step. */
  private static void maxColumnsByRows(float[] x, int inBase, float[] out, int outBase, int mid, int inner, int j0, int j1) {
    int vectorEnd = j0 + S.loopBound(j1 - j0);
    int m = 0;
    for (; m + ROWS <= mid; m += ROWS) {
      int row = inBase + m * inner;
      int j = j0;
      for (; j < vectorEnd; j += VL) {
        int i = row + j;
        FloatVector.fromArray(S, out, outBase + j).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, i))
            .lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, i + inner))
            .lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, i + 2 * inner))
            .lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, i + 3 * inner)).intoArray(out, outBase + j);
      }
      for (; j < j1; j++) {
        int i = row + j;
        out[outBase + j] = Math.max(Math.max(Math.max(Math.max(out[outBase + j], x[i]), x[i + inner]), x[i + 2 * inner]), x[i + 3 * inner]);
      }
    }
    for (; m < mid; m++) {
      int row = inBase + m * inner;
      int j = j0;
      for (; j < vectorEnd; j += VL) {
        FloatVector.fromArray(S, out, outBase + j).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, row + j)).intoArray(out, outBase + j);
      }
      for (; j < j1; j++) out[outBase + j] = Math.max(out[outBase + j], x[row + j]);
    }
  }

  /**
   * Eight double lanes, the halves of one float vector widened. Only with 16-float vectors (512 bits): another
   * float shape must never be used, because loading a second concrete float vector class makes C2 stop
   * treating every other kernel's vectors as one known class, and they are boxed (hundreds of megabytes per
   * second, measured).
   */
  private static final VectorSpecies<Double> EIGHT_DOUBLES = DoubleVector.SPECIES_512;
  private static final boolean WIDE_DOUBLES = VL == 16 && DoubleVector.SPECIES_PREFERRED.length() == 8;

  /**
   * {@link PortableKernels#l2BlockSum}, bit for bit: the eight lanes are the eight lanes of one double vector,
   * which takes each float vector's low half, then its high half (so each lane still adds in increasing index),
   * with fused multiply-adds that round as the portable additions do (a float's square is exact in double).
   * Without 512-bit vectors, the portable loop.
   */
  static double l2BlockSum(float[] x, int from, int to) {
    if (!WIDE_DOUBLES) {
      return PortableKernels.l2BlockSum(x, from, to);
    }
    DoubleVector lanes = DoubleVector.zero(EIGHT_DOUBLES);
    int i = from;
    for (; i + 16 <= to; i += 16) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      DoubleVector low = (DoubleVector) v.convertShape(VectorOperators.F2D, EIGHT_DOUBLES, 0);
      DoubleVector high = (DoubleVector) v.convertShape(VectorOperators.F2D, EIGHT_DOUBLES, 1);
      lanes = low.fma(low, lanes);
      lanes = high.fma(high, lanes);
    }
    double l0 = lanes.lane(0);
    double l1 = lanes.lane(1);
    double l2 = lanes.lane(2);
    double l3 = lanes.lane(3);
    double l4 = lanes.lane(4);
    double l5 = lanes.lane(5);
    double l6 = lanes.lane(6);
    double l7 = lanes.lane(7);
    if (to - i >= 8) {
      l0 += (double) x[i] * x[i];
      l1 += (double) x[i + 1] * x[i + 1];
      l2 += (double) x[i + 2] * x[i + 2];
      l3 += (double) x[i + 3] * x[i + 3];
      l4 += (double) x[i + 4] * x[i + 4];
      l5 += (double) x[i + 5] * x[i + 5];
      l6 += (double) x[i + 6] * x[i + 6];
      l7 += (double) x[i + 7] * x[i + 7];
      i += 8;
    }
    return PortableKernels.combineLanes(l0, l1, l2, l3, l4, l5, l6, l7, x, i, to);
  }

  /**
   * {@code out[i] = x[i] * s + y[i]} over {@code [from, to)}: a multiply, then an add, each rounded, as the portable
   * loop (never a fused multiply-add).
   */
  static void scaledAdd(float[] x, float s, float[] y, float[] out, int from, int to) {
    FloatVector scale = FloatVector.broadcast(S, s);
    int i = from;
    for (int end = from + S.loopBound(to - from); i < end; i += VL) {
      FloatVector.fromArray(S, x, i).mul(scale).add(FloatVector.fromArray(S, y, i)).intoArray(out, i);
    }
    PortableKernels.scaledAddRange(x, s, y, out, i, to);
  }

  /**
   * {@code out[r, j] = op(x[r, j] + bias[j])} for the rows {@code [r0, r1)}, bit-for-bit the portable
   * addition followed by the portable {@code op}: {@code RELU} and {@code RELU6} in one vector pass, the other
   * ops as a vector addition and then {@code op} on each block of rows while it is in cache ({@link #unary},
   * or the portable loop for the ops without a vector form).
   */
  static void biasActivation(UnaryOp op, float[] x, float[] bias, float[] out, int cols, int r0, int r1) {
    switch (op) {
      case RELU -> biasRelu(x, bias, out, cols, r0, r1);
      case RELU6 -> biasRelu6(x, bias, out, cols, r0, r1);
      default -> {
        int block = Math.max(1, BLOCK / Math.max(cols, 1));
        for (int r = r0; r < r1; r += block) {
          int end = Math.min(r + block, r1);
          biasAdd(x, bias, out, cols, r, end);
          if (!unary(op, out, out, r * cols, end * cols)) {
            PortableKernels.unaryRange(op, out, out, r * cols, end * cols);
          }
        }
      }
    }
  }

  /** Elements per block of {@link #biasActivation}'s two-pass ops: well inside L1. */
  private static final int BLOCK = 4096;

  private static void biasAdd(float[] x, float[] bias, float[] out, int cols, int r0, int r1) {
    int bound = S.loopBound(cols);
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      int j = 0;
      for (; j < bound; j += VL) {
        FloatVector.fromArray(S, x, base + j).add(FloatVector.fromArray(S, bias, j)).intoArray(out, base + j);
      }
      for (; j < cols; j++) out[base + j] = x[base + j] + bias[j];
    }
  }

  private static void biasRelu(float[] x, float[] bias, float[] out, int cols, int r0, int r1) {
    int bound = S.loopBound(cols);
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      int j = 0;
      for (; j < bound; j += VL) {
        // The zero is made here: hoisted before the row loop, C2 (JDK 17) boxed it once per call.
        FloatVector v = FloatVector.fromArray(S, x, base + j).add(FloatVector.fromArray(S, bias, j));
        FloatVector.zero(S).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, base + j);
      }
      for (; j < cols; j++) {
        float v = x[base + j] + bias[j];
        out[base + j] = v > 0f ? v : 0f;
      }
    }
  }

  private static void biasRelu6(float[] x, float[] bias, float[] out, int cols, int r0, int r1) {
    int bound = S.loopBound(cols);
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      int j = 0;
      for (; j < bound; j += VL) {
        FloatVector.fromArray(S, x, base + j).add(FloatVector.fromArray(S, bias, j))
            .lanewise(VectorOperators.MAX, 0f).lanewise(VectorOperators.MIN, 6f).intoArray(out, base + j);
      }
      for (; j < cols; j++) out[base + j] = Math.min(Math.max(x[base + j] + bias[j], 0f), 6f);
    }
  }

  /**
   * For {@code RELU} and {@code RELU6} ({@link #hasUnaryGrad}): {@code dx} as {@link #unaryGrad} and {@code
   * sums[j] = dx[0, j] + dx[1, j] + ...} from +0 in increasing row order, over the first {@code rows} rows, in
   * one pass: bit-for-bit the gradient followed by the portable column sums. Rows of up to {@value #TILE}
   * vectors are walked in order with the sums in vector registers; wider rows one by one, the running sums in
   * {@code sums} (in L1). {@code dx} may be {@code dy}.
   */
  static void unaryGradColumnSums(UnaryOp op, float[] x, float[] dy, float[] dx, float[] sums, int rows, int cols) {
    // One set of loops per operator: masks that are conditionally combined would be phis that C2 boxes.
    switch (op) {
      case RELU -> reluGradColumnSums(x, dy, dx, sums, rows, cols);
      case RELU6 -> relu6GradColumnSums(x, dy, dx, sums, rows, cols);
      default -> throw new IllegalArgumentException("no vector gradient for " + op);
    }
  }

  /** Vector columns whose sums {@link #unaryGradColumnSums} keeps in registers while it walks the rows. */
  static final int TILE = 4;

  /** Rows that the column sums of a wide block ({@link #reduceColumns}) add per step. */
  static final int ROWS = 4;

  /** Floats from which a block of {@link #reduceColumns} is taken not to stay in L2 (1 MiB). */
  static final long IN_L2 = 1L << 18;

  private static void reluGradColumnSums(float[] x, float[] dy, float[] dx, float[] sums, int rows, int cols) {
    int vectorEnd = S.loopBound(cols);
    if (vectorEnd > TILE * VL) {
      reluGradColumnSumsByRows(x, dy, dx, sums, rows, cols);
      return;
    }
    int j = 0;
    if (j + 4 * VL <= vectorEnd) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      FloatVector acc2 = FloatVector.zero(S);
      FloatVector acc3 = FloatVector.zero(S);
      for (int r = 0, i = j; r < rows; r++, i += cols) {
        FloatVector v0 = FloatVector.fromArray(S, x, i);
        FloatVector v1 = FloatVector.fromArray(S, x, i + VL);
        FloatVector v2 = FloatVector.fromArray(S, x, i + 2 * VL);
        FloatVector v3 = FloatVector.fromArray(S, x, i + 3 * VL);
        FloatVector d0 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), v0.compare(VectorOperators.GT, 0f));
        FloatVector d1 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i + VL), v1.compare(VectorOperators.GT, 0f));
        FloatVector d2 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i + 2 * VL), v2.compare(VectorOperators.GT, 0f));
        FloatVector d3 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i + 3 * VL), v3.compare(VectorOperators.GT, 0f));
        d0.intoArray(dx, i);
        d1.intoArray(dx, i + VL);
        d2.intoArray(dx, i + 2 * VL);
        d3.intoArray(dx, i + 3 * VL);
        acc0 = acc0.add(d0);
        acc1 = acc1.add(d1);
        acc2 = acc2.add(d2);
        acc3 = acc3.add(d3);
      }
      acc0.intoArray(sums, j);
      acc1.intoArray(sums, j + VL);
      acc2.intoArray(sums, j + 2 * VL);
      acc3.intoArray(sums, j + 3 * VL);
      j += 4 * VL;
    }
    if (j + 2 * VL <= vectorEnd) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      for (int r = 0, i = j; r < rows; r++, i += cols) {
        FloatVector v0 = FloatVector.fromArray(S, x, i);
        FloatVector v1 = FloatVector.fromArray(S, x, i + VL);
        FloatVector d0 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), v0.compare(VectorOperators.GT, 0f));
        FloatVector d1 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i + VL), v1.compare(VectorOperators.GT, 0f));
        d0.intoArray(dx, i);
        d1.intoArray(dx, i + VL);
        acc0 = acc0.add(d0);
        acc1 = acc1.add(d1);
      }
      acc0.intoArray(sums, j);
      acc1.intoArray(sums, j + VL);
      j += 2 * VL;
    }
    if (j + VL <= vectorEnd) {
      FloatVector acc = FloatVector.zero(S);
      for (int r = 0, i = j; r < rows; r++, i += cols) {
        FloatVector v = FloatVector.fromArray(S, x, i);
        FloatVector d = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), v.compare(VectorOperators.GT, 0f));
        d.intoArray(dx, i);
        acc = acc.add(d);
      }
      acc.intoArray(sums, j);
      j += VL;
    }
    for (; j < cols; j++) {
      float acc = 0f;
      for (int r = 0, i = j; r < rows; r++, i += cols) {
        float d = x[i] > 0f ? dy[i] : 0f;
        dx[i] = d;
        acc += d;
      }
      sums[j] = acc;
    }
  }

  /**
   * {@link #reluGradColumnSums} for rows wider than {@value #TILE} vectors: row by row, each column's running sum
   * in {@code sums} (in L1). (Several rows per step, loading each sum once, measured slower.)
   */
  private static void reluGradColumnSumsByRows(float[] x, float[] dy, float[] dx, float[] sums, int rows, int cols) {
    java.util.Arrays.fill(sums, 0, cols, 0f);
    int vectorEnd = S.loopBound(cols);
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      int j = 0;
      for (; j < vectorEnd; j += VL) {
        int i = base + j;
        FloatVector v = FloatVector.fromArray(S, x, i);
        FloatVector d = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), v.compare(VectorOperators.GT, 0f));
        d.intoArray(dx, i);
        FloatVector.fromArray(S, sums, j).add(d).intoArray(sums, j);
      }
      for (; j < cols; j++) {
        int i = base + j;
        float d = x[i] > 0f ? dy[i] : 0f;
        dx[i] = d;
        sums[j] += d;
      }
    }
  }

  private static void relu6GradColumnSums(float[] x, float[] dy, float[] dx, float[] sums, int rows, int cols) {
    int vectorEnd = S.loopBound(cols);
    if (vectorEnd > TILE * VL) {
      relu6GradColumnSumsByRows(x, dy, dx, sums, rows, cols);
      return;
    }
    int j = 0;
    if (j + 4 * VL <= vectorEnd) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      FloatVector acc2 = FloatVector.zero(S);
      FloatVector acc3 = FloatVector.zero(S);
      for (int r = 0, i = j; r < rows; r++, i += cols) {
        FloatVector v0 = FloatVector.fromArray(S, x, i);
        FloatVector v1 = FloatVector.fromArray(S, x, i + VL);
        FloatVector v2 = FloatVector.fromArray(S, x, i + 2 * VL);
        FloatVector v3 = FloatVector.fromArray(S, x, i + 3 * VL);
        FloatVector d0 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), v0.compare(VectorOperators.GT, 0f).and(v0.compare(VectorOperators.LT, 6f)));
        FloatVector d1 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i + VL), v1.compare(VectorOperators.GT, 0f).and(v1.compare(VectorOperators.LT, 6f)));
        FloatVector d2 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i + 2 * VL), v2.compare(VectorOperators.GT, 0f).and(v2.compare(VectorOperators.LT, 6f)));
        FloatVector d3 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i + 3 * VL), v3.compare(VectorOperators.GT, 0f).and(v3.compare(VectorOperators.LT, 6f)));
        d0.intoArray(dx, i);
        d1.intoArray(dx, i + VL);
        d2.intoArray(dx, i + 2 * VL);
        d3.intoArray(dx, i + 3 * VL);
        acc0 = acc0.add(d0);
        acc1 = acc1.add(d1);
        acc2 = acc2.add(d2);
        acc3 = acc3.add(d3);
      }
      acc0.intoArray(sums, j);
      acc1.intoArray(sums, j + VL);
      acc2.intoArray(sums, j + 2 * VL);
      acc3.intoArray(sums, j + 3 * VL);
      j += 4 * VL;
    }
    if (j + 2 * VL <= vectorEnd) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      for (int r = 0, i = j; r < rows; r++, i += cols) {
        FloatVector v0 = FloatVector.fromArray(S, x, i);
        FloatVector v1 = FloatVector.fromArray(S, x, i + VL);
        FloatVector d0 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), v0.compare(VectorOperators.GT, 0f).and(v0.compare(VectorOperators.LT, 6f)));
        FloatVector d1 = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i + VL), v1.compare(VectorOperators.GT, 0f).and(v1.compare(VectorOperators.LT, 6f)));
        d0.intoArray(dx, i);
        d1.intoArray(dx, i + VL);
        acc0 = acc0.add(d0);
        acc1 = acc1.add(d1);
      }
      acc0.intoArray(sums, j);
      acc1.intoArray(sums, j + VL);
      j += 2 * VL;
    }
    if (j + VL <= vectorEnd) {
      FloatVector acc = FloatVector.zero(S);
      for (int r = 0, i = j; r < rows; r++, i += cols) {
        FloatVector v = FloatVector.fromArray(S, x, i);
        FloatVector d = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), v.compare(VectorOperators.GT, 0f).and(v.compare(VectorOperators.LT, 6f)));
        d.intoArray(dx, i);
        acc = acc.add(d);
      }
      acc.intoArray(sums, j);
      j += VL;
    }
    for (; j < cols; j++) {
      float acc = 0f;
      for (int r = 0, i = j; r < rows; r++, i += cols) {
        float d = x[i] > 0f && x[i] < 6f ? dy[i] : 0f;
        dx[i] = d;
        acc += d;
      }
      sums[j] = acc;
    }
  }

  /**
   * {@link #relu6GradColumnSums} for rows wider than {@value #TILE} vectors: row by row, each column's running sum
   * in {@code sums} (in L1). (Several rows per step, loading each sum once, measured slower.)
   */
  private static void relu6GradColumnSumsByRows(float[] x, float[] dy, float[] dx, float[] sums, int rows, int cols) {
    java.util.Arrays.fill(sums, 0, cols, 0f);
    int vectorEnd = S.loopBound(cols);
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      int j = 0;
      for (; j < vectorEnd; j += VL) {
        int i = base + j;
        FloatVector v = FloatVector.fromArray(S, x, i);
        FloatVector d = FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), v.compare(VectorOperators.GT, 0f).and(v.compare(VectorOperators.LT, 6f)));
        d.intoArray(dx, i);
        FloatVector.fromArray(S, sums, j).add(d).intoArray(sums, j);
      }
      for (; j < cols; j++) {
        int i = base + j;
        float d = x[i] > 0f && x[i] < 6f ? dy[i] : 0f;
        dx[i] = d;
        sums[j] += d;
      }
    }
  }

  /**
   * {@code out = op(a, b)} under {@code plan} when the innermost run of the output is contiguous or
   * scalar in both operands; returns false (and writes nothing) otherwise.
   */
  static boolean binary(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan) {
    int size = plan.size();
    if (plan.sameShape()) {
      if (size > 0) {
        SimdParallel.binary(op, a, b, out, plan, -1, size, false, false);
      }
      return true;
    }
    int rank = plan.rank();
    if (size == 0 || rank == 0) {
      return false;
    }
    // The innermost run: trailing axes along which both operands keep the same stride kind (contiguous
    // or broadcast), merged into one run of `run` elements.
    int last = rank - 1;
    boolean aScalar = plan.aStride(last) == 0;
    boolean bScalar = plan.bStride(last) == 0;
    if (aScalar && bScalar) {
      return false;
    }
    int run = 1;
    int axis = last;
    int aExpected = 1;
    int bExpected = 1;
    while (axis >= 0) {
      int d = plan.outDim(axis);
      int as = plan.aStride(axis);
      int bs = plan.bStride(axis);
      boolean aOk = aScalar ? as == 0 : as == aExpected;
      boolean bOk = bScalar ? bs == 0 : bs == bExpected;
      if (!aOk || !bOk) {
        break;
      }
      run *= d;
      if (!aScalar) aExpected *= d;
      if (!bScalar) bExpected *= d;
      axis--;
    }
    if (run < VL) {
      return false;
    }
    SimdParallel.binary(op, a, b, out, plan, axis, run, aScalar, bScalar);
    return true;
  }

  /**
   * The output elements {@code [from, to)} of a binary operation whose output is made of runs of {@code run}
   * elements, in each of which an operand is contiguous or a repeated scalar, and whose run offsets come from
   * the plan's axes {@code 0..axis} (none when {@code axis < 0}: one run over equal shapes).
   */
  static void binaryRange(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan, int axis, int run,
      boolean aScalar, boolean bScalar, int from, int to) {
    int as = aScalar ? 0 : 1;
    int bs = bScalar ? 0 : 1;
    int o = from / run;
    int start = from - o * run;
    for (int at = from; at < to; o++, start = 0) {
      // Offsets of run o in each operand, from the outer axes' strides.
      int index = o;
      int aOff = 0;
      int bOff = 0;
      for (int ax = axis; ax >= 0; ax--) {
        int d = plan.outDim(ax);
        int coordinate = index % d;
        index /= d;
        aOff += coordinate * plan.aStride(ax);
        bOff += coordinate * plan.bStride(ax);
      }
      int length = Math.min(run - start, to - at);
      row(op, a, aOff + start * as, as, b, bOff + start * bs, bs, out, at, length);
      at += length;
    }
  }

  /** One run: each operand contiguous (stride 1) or a repeated scalar (stride 0). */
  private static void row(BinaryOp op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n) {
    // One method per operator, each naming its operator as a literal: the vector intrinsics need a
    // constant operator, and a shared method taking it as an argument gets compiled on its own (too big
    // to inline afterwards) with the slow path that allocates a vector per step.
    int done = switch (op) {
      case ADD -> add(a, ai, as, b, bi, bs, out, oi, n);
      case SUB -> sub(a, ai, as, b, bi, bs, out, oi, n);
      case MUL -> mul(a, ai, as, b, bi, bs, out, oi, n);
      case DIV -> div(a, ai, as, b, bi, bs, out, oi, n);
      case MAXIMUM -> max(a, ai, as, b, bi, bs, out, oi, n);
      case MINIMUM -> min(a, ai, as, b, bi, bs, out, oi, n);
    };
    for (int i = done; i < n; i++) {
      float x = a[ai + i * as];
      float y = b[bi + i * bs];
      out[oi + i] = switch (op) {
        case ADD -> x + y;
        case SUB -> x - y;
        case MUL -> x * y;
        case DIV -> x / y;
        case MAXIMUM -> Math.max(x, y);
        case MINIMUM -> Math.min(x, y);
      };
    }
  }

  private static int add(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n) {
    int bound = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.ADD, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bi]);
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.ADD, vb).intoArray(out, oi + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[ai]);
      for (int i = 0; i < bound; i += VL) {
        va.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    }
    return bound;
  }

  private static int sub(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n) {
    int bound = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.SUB, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bi]);
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.SUB, vb).intoArray(out, oi + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[ai]);
      for (int i = 0; i < bound; i += VL) {
        va.lanewise(VectorOperators.SUB, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    }
    return bound;
  }

  private static int mul(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n) {
    int bound = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.MUL, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bi]);
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.MUL, vb).intoArray(out, oi + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[ai]);
      for (int i = 0; i < bound; i += VL) {
        va.lanewise(VectorOperators.MUL, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    }
    return bound;
  }

  private static int div(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n) {
    int bound = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.DIV, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bi]);
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.DIV, vb).intoArray(out, oi + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[ai]);
      for (int i = 0; i < bound; i += VL) {
        va.lanewise(VectorOperators.DIV, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    }
    return bound;
  }

  private static int max(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n) {
    int bound = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bi]);
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.MAX, vb).intoArray(out, oi + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[ai]);
      for (int i = 0; i < bound; i += VL) {
        va.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    }
    return bound;
  }

  private static int min(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n) {
    int bound = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.MIN, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bi]);
      for (int i = 0; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(VectorOperators.MIN, vb).intoArray(out, oi + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[ai]);
      for (int i = 0; i < bound; i += VL) {
        va.lanewise(VectorOperators.MIN, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    }
    return bound;
  }

  /**
   * Row maximum, for softmax: {@code max_j x[base + j]}, NaN if any is NaN (as the portable
   * {@code Math.max} chain).
   */
  static float rowMax(float[] x, int base, int cols) {
    int bound = S.loopBound(cols);
    float max = Float.NEGATIVE_INFINITY;
    int j = 0;
    if (bound > 0) {
      FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
      for (; j < bound; j += VL) {
        acc = acc.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, base + j));
      }
      max = acc.reduceLanes(VectorOperators.MAX);
    }
    for (; j < cols; j++) max = Math.max(max, x[base + j]);
    return max;
  }

  /** {@code out[base + j] = x[base + j] * scale} over one row. */
  static void scaleRow(float[] x, float[] out, int base, int cols, float scale) {
    int bound = S.loopBound(cols);
    int j = 0;
    FloatVector vs = FloatVector.broadcast(S, scale);
    for (; j < bound; j += VL) {
      FloatVector.fromArray(S, x, base + j).mul(vs).intoArray(out, base + j);
    }
    for (; j < cols; j++) out[base + j] = x[base + j] * scale;
  }

  /** {@code out[outBase + j] += x[xBase + j]} for {@code j < n}. */
  static void addInto(float[] x, int xBase, float[] out, int outBase, int n) {
    int bound = S.loopBound(n);
    int j = 0;
    for (; j < bound; j += VL) {
      FloatVector.fromArray(S, out, outBase + j).add(FloatVector.fromArray(S, x, xBase + j)).intoArray(out, outBase + j);
    }
    for (; j < n; j++) out[outBase + j] += x[xBase + j];
  }
}
