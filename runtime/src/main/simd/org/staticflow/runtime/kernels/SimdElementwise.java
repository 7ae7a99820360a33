package org.staticflow.runtime.kernels;

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
 */
final class SimdElementwise {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  private SimdElementwise() {}

  /** {@code out[i] = op(x[i])} for the vectorised ops; returns false for the others. */
  static boolean unary(UnaryOp op, float[] x, float[] out, int n) {
    // One method per operator, naming it as a literal (see row).
    switch (op) {
      case NEG -> neg(x, out, n);
      case ABS -> abs(x, out, n);
      case SQRT -> sqrt(x, out, n);
      case SQUARE -> square(x, out, n);
      case RELU -> relu(x, out, n);
      case RELU6 -> relu6(x, out, n);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void neg(float[] x, float[] out, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.NEG).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = -x[i];
  }

  private static void abs(float[] x, float[] out, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.ABS).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = Math.abs(x[i]);
  }

  private static void sqrt(float[] x, float[] out, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.SQRT).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = (float) Math.sqrt(x[i]);
  }

  private static void square(float[] x, float[] out, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      v.mul(v).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = x[i] * x[i];
  }

  /** {@code x > 0 ? x : 0}: NaN and -0 give +0, exactly as the portable kernel. */
  private static void relu(float[] x, float[] out, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = x[i] > 0f ? x[i] : 0f;
  }

  /**
   * The gradients whose portable loops the JIT does not vectorise (a select per element): {@code RELU},
   * {@code dx = x > 0 ? dy : 0}, and {@code RELU6}, {@code dx = 0 < x < 6 ? dy : 0}, with +0 where the
   * condition fails (NaN x included), exactly as the portable kernel. Returns false for the other ops.
   */
  static boolean unaryGrad(UnaryOp op, float[] x, float[] dy, float[] dx, int n) {
    // One loop per operator: a mask that is conditionally combined would be a phi of two objects, which C2
    // does not scalar-replace, and every iteration would allocate.
    switch (op) {
      case RELU -> reluGrad(x, dy, dx, n);
      case RELU6 -> relu6Grad(x, dy, dx, n);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void reluGrad(float[] x, float[] dy, float[] dx, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      zero.blend(FloatVector.fromArray(S, dy, i), v.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
    }
    for (; i < n; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
  }

  private static void relu6Grad(float[] x, float[] dy, float[] dx, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      var inside = v.compare(VectorOperators.GT, 0f).and(v.compare(VectorOperators.LT, 6f));
      zero.blend(FloatVector.fromArray(S, dy, i), inside).intoArray(dx, i);
    }
    for (; i < n; i++) dx[i] = x[i] > 0f && x[i] < 6f ? dy[i] : 0f;
  }

  /**
   * {@code out[o, i] += x[o, m, i]} (or max) over {@code m} in increasing order, {@code inner} lanes at a time:
   * each output accumulates in the same order as the portable loop, so the sums are bit-for-bit equal.
   * Returns false when the rows are narrower than a vector.
   */
  static boolean reduceBlocked(boolean max, float[] x, float[] out, int outer, int mid, int inner) {
    if (inner < VL) {
      return false;
    }
    int bound = S.loopBound(inner);
    for (int o = 0; o < outer; o++) {
      int outBase = o * inner;
      int inBase = o * mid * inner;
      int i = 0;
      for (; i < bound; i += VL) {
        FloatVector acc = FloatVector.fromArray(S, out, outBase + i);
        for (int m = 0, row = inBase + i; m < mid; m++, row += inner) {
          FloatVector v = FloatVector.fromArray(S, x, row);
          acc = max ? acc.lanewise(VectorOperators.MAX, v) : acc.add(v);
        }
        acc.intoArray(out, outBase + i);
      }
      for (; i < inner; i++) {
        float acc = out[outBase + i];
        for (int m = 0, row = inBase + i; m < mid; m++, row += inner) {
          acc = max ? Math.max(acc, x[row]) : acc + x[row];
        }
        out[outBase + i] = acc;
      }
    }
    return true;
  }

  /** {@code min(max(x, 0), 6)} with {@link Math#max}/{@link Math#min} semantics (NaN stays NaN). */
  private static void relu6(float[] x, float[] out, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.MAX, 0f).lanewise(VectorOperators.MIN, 6f).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = Math.min(Math.max(x[i], 0f), 6f);
  }

  /**
   * {@code out = op(a, b)} under {@code plan} when the innermost run of the output is contiguous or
   * scalar in both operands; returns false (and writes nothing) otherwise.
   */
  static boolean binary(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan) {
    int size = plan.size();
    if (plan.sameShape()) {
      row(op, a, 0, 1, b, 0, 1, out, 0, size);
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
    int outer = size / run;
    for (int o = 0; o < outer; o++) {
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
      row(op, a, aOff, aScalar ? 0 : 1, b, bOff, bScalar ? 0 : 1, out, o * run, run);
    }
    return true;
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
}
