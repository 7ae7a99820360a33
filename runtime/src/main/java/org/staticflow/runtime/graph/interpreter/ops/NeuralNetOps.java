package org.staticflow.runtime.graph.interpreter.ops;

import org.staticflow.runtime.graph.interpreter.InferenceContext;
import org.staticflow.runtime.graph.interpreter.LoadContext;
import org.staticflow.runtime.graph.interpreter.NodeAttrs;
import org.staticflow.runtime.graph.interpreter.OpKernel;
import org.staticflow.runtime.graph.interpreter.OpRegistry;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.kernels.BinaryOp;
import org.staticflow.runtime.kernels.Broadcast;
import org.staticflow.runtime.kernels.Kernels;
import org.staticflow.runtime.kernels.WindowGeometry;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The neural-network ops on floats: {@code MatMul}, {@code BiasAdd}, {@code Softmax}, {@code LogSoftmax},
 * {@code Conv2D}, {@code MaxPool}, {@code AvgPool}, {@code L2Loss} and the softmax cross-entropies.
 * Layouts are TensorFlow's defaults (NHWC); other {@code data_format}s are refused at load time.
 */
public final class NeuralNetOps {
  private NeuralNetOps() {}

  /** Registers this family's op types. */
  public static void register(OpRegistry registry) {
    registry.register("MatMul", MatMul::new);
    registry.register("BiasAdd", BiasAdd::new);
    registry.register("Softmax", (node, context) -> new Softmax(false, context.kernels()));
    registry.register("LogSoftmax", (node, context) -> new Softmax(true, context.kernels()));
    registry.register("Conv2D", (node, context) -> new Window(node, context, Window.Kind.CONV));
    registry.register("MaxPool", (node, context) -> new Window(node, context, Window.Kind.MAX));
    registry.register("AvgPool", (node, context) -> new Window(node, context, Window.Kind.AVG));
    registry.register("L2Loss", (node, context) -> new L2Loss(context.kernels()));
    registry.register("SoftmaxCrossEntropyWithLogits", (node, context) -> new CrossEntropy(false, context.kernels()));
    registry.register("SparseSoftmaxCrossEntropyWithLogits", (node, context) -> new CrossEntropy(true, context.kernels()));
  }

  private static void requireNhwc(NodeAttrs node) {
    String format = node.string("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw node.error("data_format " + format + " is not supported (only NHWC)");
    }
  }

  /** {@code MatMul(a, b)} with {@code transpose_a} / {@code transpose_b}. */
  static final class MatMul implements OpKernel {
    private final boolean transposeA;
    private final boolean transposeB;
    private final Kernels kernels;

    MatMul(NodeAttrs node, LoadContext context) {
      transposeA = node.bool("transpose_a", false);
      transposeB = node.bool("transpose_b", false);
      kernels = context.kernels();
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      context.requireType(0, DataType.FLOAT);
      context.requireSameType(0, 1);
      context.requireRank(0, 2);
      context.requireRank(1, 2);
      TensorSpec a = context.input(0);
      TensorSpec b = context.input(1);
      long m = a.hasRank() ? a.dim(transposeA ? 1 : 0) : -1;
      long ka = a.hasRank() ? a.dim(transposeA ? 0 : 1) : -1;
      long kb = b.hasRank() ? b.dim(transposeB ? 1 : 0) : -1;
      long n = b.hasRank() ? b.dim(transposeB ? 0 : 1) : -1;
      if (ka >= 0 && kb >= 0 && ka != kb) {
        throw context.error("inner dimensions differ: " + a.shapeString() + (transposeA ? "ᵀ" : "") + " @ "
            + b.shapeString() + (transposeB ? "ᵀ" : ""));
      }
      return new TensorSpec[] {TensorSpec.of(DataType.FLOAT, m, n)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] a = inputs[0].shape().dims();
      long[] out = outputs[0].shape().dims();
      int k = (int) a[transposeA ? 0 : 1];
      kernels.matmul(((FloatTensor) inputs[0]).data(), ((FloatTensor) inputs[1]).data(),
          ((FloatTensor) outputs[0]).data(), (int) out[0], k, (int) out[1], transposeA, transposeB);
    }
  }

  /** {@code BiasAdd(value, bias)}: bias {@code [C]} added along the last axis. */
  static final class BiasAdd implements OpKernel {
    private final Kernels kernels;

    BiasAdd(NodeAttrs node, LoadContext context) {
      requireNhwc(node);
      kernels = context.kernels();
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      context.requireType(0, DataType.FLOAT);
      context.requireSameType(0, 1);
      context.requireRank(1, 1);
      TensorSpec value = context.input(0);
      TensorSpec bias = context.input(1);
      if (value.hasRank()) {
        if (value.rank() < 2) {
          throw context.error("value must have rank at least 2, found " + value.shapeString());
        }
        long channels = value.dim(value.rank() - 1);
        if (bias.hasRank() && channels >= 0 && bias.dim(0) >= 0 && channels != bias.dim(0)) {
          throw context.error("bias " + bias.shapeString() + " does not match the last dimension of "
              + value.shapeString());
        }
      }
      return new TensorSpec[] {value};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      Broadcast plan = Broadcast.of(ShapeRules.ints(inputs[0].shape().dims()), ShapeRules.ints(inputs[1].shape().dims()));
      kernels.binary(BinaryOp.ADD, ((FloatTensor) inputs[0]).data(), ((FloatTensor) inputs[1]).data(),
          ((FloatTensor) outputs[0]).data(), plan);
    }
  }

  /** {@code Softmax} / {@code LogSoftmax} over the last axis. */
  static final class Softmax implements OpKernel {
    private final boolean log;
    private final Kernels kernels;

    Softmax(boolean log, Kernels kernels) {
      this.log = log;
      this.kernels = kernels;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      context.requireType(0, DataType.FLOAT);
      TensorSpec logits = context.input(0);
      if (logits.hasRank() && logits.rank() < 1) {
        throw context.error("logits must have rank at least 1, found a scalar");
      }
      return new TensorSpec[] {logits};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] dims = inputs[0].shape().dims();
      int cols = (int) dims[dims.length - 1];
      int rows = ShapeRules.product(dims, 0, dims.length - 1);
      float[] x = ((FloatTensor) inputs[0]).data();
      float[] out = ((FloatTensor) outputs[0]).data();
      if (log) {
        kernels.logSoftmax(x, out, rows, cols);
      } else {
        kernels.softmax(x, out, rows, cols);
      }
    }
  }

  /** {@code Conv2D}, {@code MaxPool} and {@code AvgPool}: NHWC windows with SAME or VALID padding. */
  static final class Window implements OpKernel {
    enum Kind { CONV, MAX, AVG }

    private final Kind kind;
    private final int[] kernelSize;
    private final int strideHeight;
    private final int strideWidth;
    private final boolean same;
    private final Kernels kernels;

    Window(NodeAttrs node, LoadContext context, Kind kind) {
      this.kind = kind;
      requireNhwc(node);
      long[] strides = node.ints("strides");
      if (strides.length != 4 || strides[0] != 1 || strides[3] != 1) {
        throw node.error("strides must be [1, h, w, 1], found " + java.util.Arrays.toString(strides));
      }
      strideHeight = (int) strides[1];
      strideWidth = (int) strides[2];
      String padding = node.string("padding");
      if (!padding.equals("SAME") && !padding.equals("VALID")) {
        throw node.error("padding " + padding + " is not supported (SAME or VALID)");
      }
      same = padding.equals("SAME");
      if (kind == Kind.CONV) {
        long[] dilations = node.ints("dilations", new long[] {1, 1, 1, 1});
        for (long d : dilations) {
          if (d != 1) {
            throw node.error("dilations " + java.util.Arrays.toString(dilations) + " are not supported");
          }
        }
        kernelSize = null;
      } else {
        long[] ksize = node.ints("ksize");
        if (ksize.length != 4 || ksize[0] != 1 || ksize[3] != 1) {
          throw node.error("ksize must be [1, h, w, 1], found " + java.util.Arrays.toString(ksize));
        }
        kernelSize = new int[] {(int) ksize[1], (int) ksize[2]};
      }
      kernels = context.kernels();
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(kind == Kind.CONV ? 2 : 1);
      context.requireType(0, DataType.FLOAT);
      context.requireRank(0, 4);
      TensorSpec x = context.input(0);
      long kh;
      long kw;
      long channels;
      if (kind == Kind.CONV) {
        context.requireSameType(0, 1);
        context.requireRank(1, 4);
        TensorSpec filter = context.input(1);
        kh = filter.hasRank() ? filter.dim(0) : -1;
        kw = filter.hasRank() ? filter.dim(1) : -1;
        channels = filter.hasRank() ? filter.dim(3) : -1;
        long in = x.hasRank() ? x.dim(3) : -1;
        long filterIn = filter.hasRank() ? filter.dim(2) : -1;
        if (in >= 0 && filterIn >= 0 && in != filterIn) {
          throw context.error("input has " + in + " channels but the filter " + filter.shapeString() + " expects "
              + filterIn);
        }
      } else {
        kh = kernelSize[0];
        kw = kernelSize[1];
        channels = x.hasRank() ? x.dim(3) : -1;
      }
      if (!x.hasRank()) {
        return new TensorSpec[] {TensorSpec.of(DataType.FLOAT, -1, -1, -1, channels)};
      }
      long h = outSize(context, x.dim(1), kh, strideHeight);
      long w = outSize(context, x.dim(2), kw, strideWidth);
      return new TensorSpec[] {TensorSpec.of(DataType.FLOAT, x.dim(0), h, w, channels)};
    }

    private long outSize(InferenceContext context, long in, long kernel, int stride) {
      if (in < 0 || (!same && kernel < 0)) {
        return -1;
      }
      if (!same && in < kernel) {
        throw context.error("VALID window of " + kernel + " does not fit an input of " + in);
      }
      return WindowGeometry.outputSize((int) in, (int) Math.max(kernel, 1), stride, same);
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] x = inputs[0].shape().dims();
      float[] in = ((FloatTensor) inputs[0]).data();
      float[] out = ((FloatTensor) outputs[0]).data();
      if (kind == Kind.CONV) {
        long[] f = inputs[1].shape().dims();
        WindowGeometry g = WindowGeometry.of((int) x[0], (int) x[1], (int) x[2], (int) x[3], (int) f[0], (int) f[1],
            (int) f[3], strideHeight, strideWidth, same);
        kernels.conv2d(in, ((FloatTensor) inputs[1]).data(), out, g);
        return;
      }
      WindowGeometry g = WindowGeometry.of((int) x[0], (int) x[1], (int) x[2], (int) x[3], kernelSize[0],
          kernelSize[1], (int) x[3], strideHeight, strideWidth, same);
      if (kind == Kind.MAX) {
        kernels.maxPool(in, out, g);
      } else {
        kernels.avgPool(in, out, g);
      }
    }
  }

  /** {@code L2Loss}: {@code sum(x²) / 2} as a scalar. */
  static final class L2Loss implements OpKernel {
    private final Kernels kernels;

    L2Loss(Kernels kernels) {
      this.kernels = kernels;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      context.requireType(0, DataType.FLOAT);
      return new TensorSpec[] {TensorSpec.of(DataType.FLOAT)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      float[] x = ((FloatTensor) inputs[0]).data();
      kernels.l2Loss(x, ((FloatTensor) outputs[0]).data(), x.length);
    }
  }

  /**
   * {@code SoftmaxCrossEntropyWithLogits(logits, labels)} and the sparse form: outputs the loss per row
   * and the backprop {@code softmax(logits) - labels}, as TensorFlow's kernel does.
   */
  static final class CrossEntropy implements OpKernel {
    private final boolean sparse;
    private final Kernels kernels;

    CrossEntropy(boolean sparse, Kernels kernels) {
      this.sparse = sparse;
      this.kernels = kernels;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      context.requireType(0, DataType.FLOAT);
      context.requireRank(0, 2);
      TensorSpec logits = context.input(0);
      TensorSpec labels = context.input(1);
      if (sparse) {
        context.requireType(1, DataType.INT32, DataType.INT64);
        context.requireRank(1, 1);
      } else {
        context.requireSameType(0, 1);
        context.requireRank(1, 2);
        if (logits.isFullyDefined() && labels.isFullyDefined() && !logits.equals(labels)) {
          throw context.error("logits " + logits.shapeString() + " and labels " + labels.shapeString() + " differ");
        }
      }
      long rows = logits.hasRank() ? logits.dim(0) : -1;
      if (rows >= 0 && labels.hasRank() && labels.dim(0) >= 0 && labels.dim(0) != rows) {
        throw context.error("logits have " + rows + " rows but labels " + labels.shapeString());
      }
      long classes = logits.hasRank() ? logits.dim(1) : -1;
      return new TensorSpec[] {TensorSpec.of(DataType.FLOAT, rows), TensorSpec.of(DataType.FLOAT, rows, classes)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] dims = inputs[0].shape().dims();
      int rows = (int) dims[0];
      int classes = (int) dims[1];
      float[] logits = ((FloatTensor) inputs[0]).data();
      float[] loss = ((FloatTensor) outputs[0]).data();
      float[] backprop = ((FloatTensor) outputs[1]).data();
      kernels.softmax(logits, backprop, rows, classes);
      if (!sparse) {
        float[] labels = ((FloatTensor) inputs[1]).data();
        kernels.softmaxCrossEntropy(labels, logits, loss, rows, classes);
        for (int i = 0; i < backprop.length; i++) {
          backprop[i] -= labels[i];
        }
      } else if (inputs[1] instanceof IntTensor labels) {
        kernels.sparseSoftmaxCrossEntropy(labels.data(), logits, loss, rows, classes);
        for (int r = 0; r < rows; r++) {
          backprop[r * classes + labels.data()[r]] -= 1;
        }
      } else {
        long[] labels = ((LongTensor) inputs[1]).data();
        kernels.sparseSoftmaxCrossEntropy(labels, logits, loss, rows, classes);
        for (int r = 0; r < rows; r++) {
          backprop[r * classes + (int) labels[r]] -= 1;
        }
      }
    }
  }
}
