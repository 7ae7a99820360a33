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
    VectorOperators.Unary vectorOp;
    switch (op) {
      case NEG -> vectorOp = VectorOperators.NEG;
      case ABS -> vectorOp = VectorOperators.ABS;
      case SQRT -> vectorOp = VectorOperators.SQRT;
      case SQUARE, RELU, RELU6 -> vectorOp = null;
      default -> {
        return false;
      }
    }
    int i = 0;
    int bound = S.loopBound(n);
    FloatVector zero = FloatVector.zero(S);
    FloatVector six = FloatVector.broadcast(S, 6f);
    for (; i < bound; i += VL) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      FloatVector r;
      if (vectorOp != null) {
        r = v.lanewise(vectorOp);
      } else if (op == UnaryOp.SQUARE) {
        r = v.mul(v);
      } else {
        // x > 0 ? x : 0, so NaN and -0 give +0 exactly as the portable kernel does
        r = op == UnaryOp.RELU
            // x > 0 ? x : 0: NaN and -0 give +0, exactly as the portable kernel
            ? zero.blend(v, v.compare(VectorOperators.GT, 0f))
            // min(max(x, 0), 6) with Math.max/min semantics (NaN stays NaN)
            : v.lanewise(VectorOperators.MAX, zero).lanewise(VectorOperators.MIN, six);
      }
      r.intoArray(out, i);
    }
    for (; i < n; i++) {
      float v = x[i];
      out[i] = switch (op) {
        case NEG -> -v;
        case ABS -> Math.abs(v);
        case SQRT -> (float) Math.sqrt(v);
        case SQUARE -> v * v;
        case RELU -> v > 0f ? v : 0f;
        default -> Math.min(Math.max(v, 0f), 6f);
      };
    }
    return true;
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
    VectorOperators.Binary vectorOp = switch (op) {
      case ADD -> VectorOperators.ADD;
      case SUB -> VectorOperators.SUB;
      case MUL -> VectorOperators.MUL;
      case DIV -> VectorOperators.DIV;
      case MAXIMUM -> VectorOperators.MAX;
      case MINIMUM -> VectorOperators.MIN;
    };
    int bound = S.loopBound(n);
    int i = 0;
    if (as == 1 && bs == 1) {
      for (; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(vectorOp, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bi]);
      for (; i < bound; i += VL) {
        FloatVector.fromArray(S, a, ai + i).lanewise(vectorOp, vb).intoArray(out, oi + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[ai]);
      for (; i < bound; i += VL) {
        va.lanewise(vectorOp, FloatVector.fromArray(S, b, bi + i)).intoArray(out, oi + i);
      }
    }
    for (; i < n; i++) {
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
