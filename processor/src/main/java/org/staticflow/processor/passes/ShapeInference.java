package org.staticflow.processor.passes;

import static org.staticflow.processor.ir.TensorType.BATCH;

import java.util.Arrays;
import java.util.List;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;

/**
 * The static type rule of every op: checks dtypes, ranks and shapes of the inputs and returns the
 * result type. The batch dimension ({@code ?}) only matches itself, or 1 under broadcasting.
 */
public final class ShapeInference {
  private ShapeInference() {}

  /**
   * The result type of {@code op} applied to inputs of types {@code in}; {@code fn} is the function
   * name used in messages.
   *
   * @throws InferenceError if the inputs do not fit the op
   */
  public static TensorType infer(String fn, Op op, List<TensorType> in) {
    if (op instanceof Op.Placeholder) {
      throw new IllegalArgumentException("placeholders are typed by their declaration");
    }
    if (op instanceof Op.Variable v) {
      return v.variable().type();
    }
    if (op instanceof Op.Const) {
      throw new IllegalArgumentException("constants are typed where they are made");
    }
    if (op instanceof Op.Unary) {
      return requireFloat(fn, in.get(0));
    }
    if (op instanceof Op.Binary) {
      requireSameDtype(fn, in.get(0), in.get(1));
      requireFloat(fn, in.get(0));
      return in.get(0).withDims(broadcast(fn, in.get(0), in.get(1)));
    }
    if (op instanceof Op.Equal) {
      requireSameDtype(fn, in.get(0), in.get(1));
      if (in.get(0).dtype() == DType.BOOL) {
        throw new InferenceError(DiagnosticId.DTypeMismatch, Messages.boolEqual(fn));
      }
      return new TensorType(DType.BOOL, broadcast(fn, in.get(0), in.get(1)));
    }
    if (op instanceof Op.BiasAdd) {
      return biasAdd(fn, in.get(0), in.get(1));
    }
    if (op instanceof Op.MatMul m) {
      return matmul(fn, m, in.get(0), in.get(1));
    }
    if (op instanceof Op.Softmax) {
      requireRankAtLeast(fn, in.get(0), 1);
      return requireFloat(fn, in.get(0));
    }
    if (op instanceof Op.Reshape r) {
      return in.get(0).withDims(r.dims());
    }
    if (op instanceof Op.Transpose t) {
      return transpose(fn, t, in.get(0));
    }
    if (op instanceof Op.Concat c) {
      return concat(fn, c, in);
    }
    if (op instanceof Op.Reduce r) {
      requireFloat(fn, in.get(0));
      return in.get(0).withDims(reducedDims(in.get(0), r.axes(), r.keepDims()));
    }
    if (op instanceof Op.ArgMax a) {
      requireFloat(fn, in.get(0));
      return new TensorType(DType.INT64, reducedDims(in.get(0), new int[] {a.axis()}, false));
    }
    if (op instanceof Op.Cast c) {
      return cast(fn, c, in.get(0));
    }
    if (op instanceof Op.OneHot o) {
      return oneHot(fn, o, in.get(0));
    }
    if (op instanceof Op.Conv2D c) {
      return conv2d(fn, c, in.get(0), in.get(1));
    }
    if (op instanceof Op.Pool p) {
      return pool(fn, p, in.get(0));
    }
    if (op instanceof Op.Dropout) {
      requireFloat(fn, in.get(0));
      requireScalarFloat(fn, "keep_prob", in.get(1));
      return in.get(0);
    }
    if (op instanceof Op.StopGradient || op instanceof Op.Identity) {
      return in.get(0);
    }
    if (op instanceof Op.L2Loss) {
      return new TensorType(requireFloat(fn, in.get(0)).dtype());
    }
    if (op instanceof Op.SoftmaxCrossEntropy) {
      return softmaxCrossEntropy(fn, in.get(0), in.get(1));
    }
    if (op instanceof Op.SparseSoftmaxCrossEntropy) {
      return sparseSoftmaxCrossEntropy(fn, in.get(0), in.get(1));
    }
    if (op instanceof Op.SigmoidCrossEntropy) {
      requireFloat(fn, in.get(0));
      requireFloat(fn, in.get(1));
      if (!Arrays.equals(in.get(0).dims(), in.get(1).dims())) {
        throw mismatch(Messages.labelsLogitsDiffer(fn, in.get(0).shapeString(), in.get(1).shapeString()));
      }
      return in.get(1);
    }
    throw new IllegalArgumentException("no type rule for " + op);
  }

  /** NumPy broadcasting of two shapes; the batch dimension meets only itself or 1. */
  public static int[] broadcast(String fn, TensorType a, TensorType b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int ai = i - (rank - a.rank());
      int bi = i - (rank - b.rank());
      int ad = ai >= 0 ? a.dim(ai) : 1;
      int bd = bi >= 0 ? b.dim(bi) : 1;
      if (ad == bd || bd == 1) {
        out[i] = ad;
      } else if (ad == 1) {
        out[i] = bd;
      } else {
        throw mismatch(Messages.noBroadcast(fn, a.shapeString(), b.shapeString()));
      }
    }
    return out;
  }

  private static TensorType matmul(String fn, Op.MatMul m, TensorType a, TensorType b) {
    requireRank(fn, a, 2);
    requireRank(fn, b, 2);
    requireSameDtype(fn, a, b);
    requireFloat(fn, a);
    int inner = m.transposeA() ? a.dim(0) : a.dim(1);
    int innerB = m.transposeB() ? b.dim(1) : b.dim(0);
    if (inner != innerB) {
      throw mismatch(Messages.innerDimensions(fn, a.shapeString(), b.shapeString()));
    }
    return a.withDims(m.transposeA() ? a.dim(1) : a.dim(0), m.transposeB() ? b.dim(0) : b.dim(1));
  }

  private static TensorType biasAdd(String fn, TensorType x, TensorType bias) {
    requireRankAtLeast(fn, x, 1);
    requireRank(fn, bias, 1);
    requireSameDtype(fn, x, bias);
    requireFloat(fn, x);
    if (bias.dim(0) != x.dim(x.rank() - 1)) {
      throw mismatch(Messages.biasSize(fn, x.shapeString(), bias.shapeString()));
    }
    return x;
  }

  private static TensorType transpose(String fn, Op.Transpose t, TensorType x) {
    int[] perm = t.perm();
    boolean[] seen = new boolean[x.rank()];
    if (perm.length != x.rank()) {
      throw new InferenceError(DiagnosticId.RankMismatch, Messages.permLength(fn, Arrays.toString(perm), x.shapeString()));
    }
    int[] dims = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] < 0 || perm[i] >= x.rank() || seen[perm[i]]) {
        throw new InferenceError(DiagnosticId.InvalidArgument, Messages.notPermutation(fn, Arrays.toString(perm)));
      }
      seen[perm[i]] = true;
      dims[i] = x.dim(perm[i]);
    }
    requireFloat(fn, x);
    return x.withDims(dims);
  }

  private static TensorType concat(String fn, Op.Concat c, List<TensorType> in) {
    TensorType first = in.get(0);
    int axis = c.axis();
    if (first.dim(axis) == BATCH) {
      throw new InferenceError(DiagnosticId.InvalidArgument, Messages.concatBatch(fn));
    }
    int[] dims = first.dims();
    for (int i = 1; i < in.size(); i++) {
      TensorType t = in.get(i);
      requireSameDtype(fn, first, t);
      if (t.rank() != first.rank()) {
        throw new InferenceError(DiagnosticId.RankMismatch,
            Messages.concatRanks(fn, first.shapeString(), t.shapeString()));
      }
      for (int d = 0; d < dims.length; d++) {
        if (d != axis && t.dim(d) != first.dim(d)) {
          throw mismatch(Messages.concatShapes(fn, axis, first.shapeString(), t.shapeString()));
        }
      }
      if (t.dim(axis) == BATCH) {
        throw new InferenceError(DiagnosticId.InvalidArgument, Messages.concatBatch(fn));
      }
      dims[axis] += t.dim(axis);
    }
    requireFloat(fn, first);
    return first.withDims(dims);
  }

  /** The dimensions left after reducing {@code axes} (normalised, in range). */
  public static int[] reducedDims(TensorType x, int[] axes, boolean keepDims) {
    boolean[] reduced = new boolean[x.rank()];
    for (int axis : axes) {
      reduced[axis] = true;
    }
    return java.util.stream.IntStream.range(0, x.rank())
        .filter(i -> keepDims || !reduced[i])
        .map(i -> reduced[i] ? 1 : x.dim(i))
        .toArray();
  }

  private static TensorType cast(String fn, Op.Cast c, TensorType x) {
    DType from = x.dtype();
    DType to = c.to();
    boolean supported =
        from == to
            || from == DType.BOOL
            || (from == DType.FLOAT32)
            || (to == DType.FLOAT32)
            || (from == DType.INT32 && to == DType.INT64)
            || (from == DType.INT64 && to == DType.INT32);
    if (!supported) {
      throw new InferenceError(DiagnosticId.DTypeMismatch, Messages.unsupportedCast(fn, from.pythonName(), to.pythonName()));
    }
    return x.withDtype(to);
  }

  private static TensorType oneHot(String fn, Op.OneHot o, TensorType indices) {
    if (indices.dtype() != DType.INT32 && indices.dtype() != DType.INT64) {
      throw new InferenceError(DiagnosticId.DTypeMismatch, Messages.expectedIntegers(fn, "indices", indices.toString()));
    }
    int[] dims = Arrays.copyOf(indices.dims(), indices.rank() + 1);
    dims[indices.rank()] = o.depth();
    return new TensorType(DType.FLOAT32, dims);
  }

  private static TensorType conv2d(String fn, Op.Conv2D c, TensorType x, TensorType filter) {
    requireRank(fn, x, 4);
    requireRank(fn, filter, 4);
    requireSameDtype(fn, x, filter);
    requireFloat(fn, x);
    requireStaticSpatial(fn, x);
    if (x.dim(3) != filter.dim(2)) {
      throw mismatch(Messages.convChannels(fn, x.shapeString(), filter.shapeString()));
    }
    return x.withDims(
        x.dim(0),
        outputSize(x.dim(1), filter.dim(0), c.strides()[1], c.same()),
        outputSize(x.dim(2), filter.dim(1), c.strides()[2], c.same()),
        filter.dim(3));
  }

  private static TensorType pool(String fn, Op.Pool p, TensorType x) {
    requireRank(fn, x, 4);
    requireFloat(fn, x);
    requireStaticSpatial(fn, x);
    return x.withDims(
        x.dim(0),
        outputSize(x.dim(1), p.ksize()[1], p.strides()[1], p.same()),
        outputSize(x.dim(2), p.ksize()[2], p.strides()[2], p.same()),
        x.dim(3));
  }

  /** TensorFlow's output size of one spatial dimension. */
  public static int outputSize(int in, int kernel, int stride, boolean same) {
    return same ? (in + stride - 1) / stride : Math.max((in - kernel + stride) / stride, 0);
  }

  private static TensorType softmaxCrossEntropy(String fn, TensorType labels, TensorType logits) {
    requireFloat(fn, labels);
    requireFloat(fn, logits);
    requireRankAtLeast(fn, logits, 1);
    if (!Arrays.equals(labels.dims(), logits.dims())) {
      throw mismatch(Messages.labelsLogitsDiffer(fn, labels.shapeString(), logits.shapeString()));
    }
    return logits.withDims(Arrays.copyOf(logits.dims(), logits.rank() - 1));
  }

  private static TensorType sparseSoftmaxCrossEntropy(String fn, TensorType labels, TensorType logits) {
    if (labels.dtype() != DType.INT32 && labels.dtype() != DType.INT64) {
      throw new InferenceError(DiagnosticId.DTypeMismatch, Messages.expectedIntegers(fn, "labels", labels.toString()));
    }
    requireFloat(fn, logits);
    requireRankAtLeast(fn, logits, 1);
    int[] rows = Arrays.copyOf(logits.dims(), logits.rank() - 1);
    if (!Arrays.equals(labels.dims(), rows)) {
      throw mismatch(Messages.sparseLabels(fn, labels.shapeString(), logits.shapeString()));
    }
    return logits.withDims(rows);
  }

  private static void requireStaticSpatial(String fn, TensorType x) {
    for (int axis = 1; axis < 4; axis++) {
      if (x.dim(axis) == BATCH) {
        throw mismatch(Messages.dynamicSpatial(fn, x.shapeString()));
      }
    }
  }

  private static TensorType requireFloat(String fn, TensorType t) {
    if (t.dtype() != DType.FLOAT32) {
      throw new InferenceError(DiagnosticId.DTypeMismatch, Messages.expectedFloat(fn, t.toString()));
    }
    return t;
  }

  private static void requireScalarFloat(String fn, String what, TensorType t) {
    requireFloat(fn, t);
    if (t.rank() != 0) {
      throw new InferenceError(DiagnosticId.RankMismatch, Messages.expectedScalar(fn, what, t.shapeString()));
    }
  }

  private static void requireSameDtype(String fn, TensorType a, TensorType b) {
    if (a.dtype() != b.dtype()) {
      throw new InferenceError(DiagnosticId.DTypeMismatch, Messages.dtypesDiffer(fn, a.toString(), b.toString()));
    }
  }

  private static void requireRank(String fn, TensorType t, int rank) {
    if (t.rank() != rank) {
      throw new InferenceError(DiagnosticId.RankMismatch, Messages.rank(fn, rank, t.shapeString()));
    }
  }

  private static void requireRankAtLeast(String fn, TensorType t, int rank) {
    if (t.rank() < rank) {
      throw new InferenceError(DiagnosticId.RankMismatch, Messages.rankAtLeast(fn, rank, t.shapeString()));
    }
  }

  private static InferenceError mismatch(String message) {
    return new InferenceError(DiagnosticId.ShapeMismatch, message);
  }
}
