package org.staticflow.runtime.graph.interpreter.ops;

import org.staticflow.runtime.graph.interpreter.InferenceContext;
import org.staticflow.runtime.graph.interpreter.TensorSpec;

/** Shape rules shared by several kernels; each works on partially known shapes ({@code -1}: unknown). */
final class ShapeRules {
  private ShapeRules() {}

  /** NumPy broadcasting of two shapes; {@code null} (unknown rank) if either is. */
  static long[] broadcast(InferenceContext context, long[] a, long[] b) {
    if (a == null || b == null) {
      return null;
    }
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      int ai = i - (rank - a.length);
      int bi = i - (rank - b.length);
      long ad = ai >= 0 ? a[ai] : 1;
      long bd = bi >= 0 ? b[bi] : 1;
      if (ad == 1) {
        out[i] = bd;
      } else if (bd == 1) {
        out[i] = ad;
      } else if (ad < 0) {
        out[i] = bd;
      } else if (bd < 0 || ad == bd) {
        out[i] = ad;
      } else {
        throw context.error("shapes " + new TensorSpec(context.input(0).dataType(), a).shapeString() + " and "
            + new TensorSpec(context.input(0).dataType(), b).shapeString() + " do not broadcast");
      }
    }
    return out;
  }

  /** {@code axis} made non-negative for a tensor of {@code rank}, or an error if out of range. */
  static int axis(InferenceContext context, long axis, int rank) {
    long normalized = axis < 0 ? axis + rank : axis;
    if (normalized < 0 || normalized >= rank) {
      throw context.error("axis " + axis + " is out of range for rank " + rank);
    }
    return (int) normalized;
  }

  /** The dimensions as ints, for kernels that index Java arrays. */
  static int[] ints(long[] dims) {
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = Math.toIntExact(dims[i]);
    }
    return out;
  }

  /** The product of {@code dims[from..to)}. */
  static int product(long[] dims, int from, int to) {
    long n = 1;
    for (int i = from; i < to; i++) {
      n *= dims[i];
    }
    return Math.toIntExact(n);
  }
}
