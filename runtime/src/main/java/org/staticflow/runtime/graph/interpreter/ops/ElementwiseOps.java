package org.staticflow.runtime.graph.interpreter.ops;

import java.util.Map;
import org.staticflow.runtime.graph.Tensors;
import org.staticflow.runtime.graph.interpreter.InferenceContext;
import org.staticflow.runtime.graph.interpreter.LoadContext;
import org.staticflow.runtime.graph.interpreter.NodeAttrs;
import org.staticflow.runtime.graph.interpreter.OpKernel;
import org.staticflow.runtime.graph.interpreter.OpRegistry;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.kernels.BinaryOp;
import org.staticflow.runtime.kernels.Broadcast;
import org.staticflow.runtime.kernels.Kernels;
import org.staticflow.runtime.kernels.UnaryOp;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Element-wise ops: unary math on floats, broadcasting binary arithmetic on floats (through the kernels)
 * and on int32/int64 (shape arithmetic), comparisons, and {@code Cast}.
 */
public final class ElementwiseOps {
  private ElementwiseOps() {}

  private static final Map<String, UnaryOp> UNARY =
      Map.of("Neg", UnaryOp.NEG, "Square", UnaryOp.SQUARE, "Sqrt", UnaryOp.SQRT, "Exp", UnaryOp.EXP,
          "Log", UnaryOp.LOG, "Abs", UnaryOp.ABS, "Relu", UnaryOp.RELU, "Relu6", UnaryOp.RELU6,
          "Sigmoid", UnaryOp.SIGMOID, "Tanh", UnaryOp.TANH);

  private static final Map<String, BinaryOp> BINARY =
      Map.of("Add", BinaryOp.ADD, "AddV2", BinaryOp.ADD, "Sub", BinaryOp.SUB, "Mul", BinaryOp.MUL,
          "RealDiv", BinaryOp.DIV, "Div", BinaryOp.DIV, "Maximum", BinaryOp.MAXIMUM, "Minimum", BinaryOp.MINIMUM);

  /** Comparison ops and their predicate on doubles (exact for float, int32 and int64 values in range). */
  private enum Comparison {
    EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL;

    boolean test(double a, double b) {
      return switch (this) {
        case EQUAL -> a == b;
        case NOT_EQUAL -> a != b;
        case LESS -> a < b;
        case LESS_EQUAL -> a <= b;
        case GREATER -> a > b;
        case GREATER_EQUAL -> a >= b;
      };
    }
  }

  /** Registers this family's op types. */
  public static void register(OpRegistry registry) {
    UNARY.forEach((op, kind) -> registry.register(op, (node, context) -> new Unary(kind, context.kernels())));
    registry.register("Floor", (node, context) -> new Floor());
    registry.register("Log1p", (node, context) -> new Log1p());
    registry.register("Rsqrt", (node, context) -> new Rsqrt());
    registry.register("ZerosLike", (node, context) -> new ZerosLike());
    registry.register("Select", (node, context) -> new Select(false));
    registry.register("SelectV2", (node, context) -> new Select(true));
    BINARY.forEach((op, kind) -> registry.register(op, (node, context) -> new Binary(node, kind, context.kernels())));
    registry.register("Equal", (node, context) -> new Compare(Comparison.EQUAL));
    registry.register("NotEqual", (node, context) -> new Compare(Comparison.NOT_EQUAL));
    registry.register("Less", (node, context) -> new Compare(Comparison.LESS));
    registry.register("LessEqual", (node, context) -> new Compare(Comparison.LESS_EQUAL));
    registry.register("Greater", (node, context) -> new Compare(Comparison.GREATER));
    registry.register("GreaterEqual", (node, context) -> new Compare(Comparison.GREATER_EQUAL));
    registry.register("Cast", Cast::new);
  }

  /** A float unary kernel. */
  static final class Unary implements OpKernel {
    private final UnaryOp op;
    private final Kernels kernels;

    Unary(UnaryOp op, Kernels kernels) {
      this.op = op;
      this.kernels = kernels;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      context.requireType(0, DataType.FLOAT);
      return new TensorSpec[] {context.input(0)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      float[] x = ((FloatTensor) inputs[0]).data();
      kernels.unary(op, x, ((FloatTensor) outputs[0]).data(), x.length);
    }
  }

  /** {@code Floor} on floats. */
  static final class Floor implements OpKernel {
    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      context.requireType(0, DataType.FLOAT);
      return new TensorSpec[] {context.input(0)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      float[] x = ((FloatTensor) inputs[0]).data();
      float[] out = ((FloatTensor) outputs[0]).data();
      for (int i = 0; i < x.length; i++) {
        out[i] = (float) Math.floor(x[i]);
      }
    }
  }

  /** {@code Log1p}: {@code log(1 + x)}, accurate for small x (TF's sigmoid cross-entropy uses it). */
  static final class Log1p implements OpKernel {
    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      context.requireType(0, DataType.FLOAT);
      return new TensorSpec[] {context.input(0)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      float[] x = ((FloatTensor) inputs[0]).data();
      float[] out = ((FloatTensor) outputs[0]).data();
      for (int i = 0; i < x.length; i++) {
        out[i] = (float) Math.log1p(x[i]);
      }
    }
  }

  /** {@code Rsqrt}: {@code 1 / sqrt(x)} (batch normalization written out). */
  static final class Rsqrt implements OpKernel {
    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      context.requireType(0, DataType.FLOAT);
      return new TensorSpec[] {context.input(0)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      float[] x = ((FloatTensor) inputs[0]).data();
      float[] out = ((FloatTensor) outputs[0]).data();
      for (int i = 0; i < x.length; i++) {
        out[i] = (float) (1 / Math.sqrt(x[i]));
      }
    }
  }

  /** {@code ZerosLike}: zeros of the input's dtype and shape. */
  static final class ZerosLike implements OpKernel {
    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      return new TensorSpec[] {context.input(0)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      // Nothing to do: the output buffer is zero when allocated, and only this node ever writes to it.
    }
  }

  /**
   * {@code Select(condition, t, e)} and {@code SelectV2}: elements of {@code t} where the condition
   * holds, else of {@code e}. {@code SelectV2} broadcasts all three; {@code Select} takes a condition of
   * the same shape (or a vector over the first dimension, which is refused here).
   */
  static final class Select implements OpKernel {
    private final boolean broadcast;

    Select(boolean broadcast) {
      this.broadcast = broadcast;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(3);
      context.requireType(0, DataType.BOOL);
      context.requireSameType(1, 2);
      long[] values = ShapeRules.broadcast(context, context.input(1).dims(), context.input(2).dims());
      long[] dims = ShapeRules.broadcast(context, context.input(0).dims(), values);
      TensorSpec condition = context.input(0);
      if (!broadcast && condition.hasRank() && values != null && condition.rank() != values.length) {
        throw context.error("Select needs a condition of the values' shape, found " + condition.shapeString());
      }
      return new TensorSpec[] {new TensorSpec(context.input(1).dataType(), dims)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] out = outputs[0].shape().dims();
      BroadcastIndex cond = BroadcastIndex.of(inputs[0].shape().dims(), out, out);
      BroadcastIndex values = BroadcastIndex.of(inputs[1].shape().dims(), inputs[2].shape().dims(), out);
      boolean[] c = ((BooleanTensor) inputs[0]).data();
      Object t = Tensors.array(inputs[1]);
      Object e = Tensors.array(inputs[2]);
      Object result = Tensors.array(outputs[0]);
      for (int i = 0; i < cond.a.length; i++) {
        if (c[cond.a[i]]) {
          System.arraycopy(t, values.a[i], result, i, 1);
        } else {
          System.arraycopy(e, values.b[i], result, i, 1);
        }
      }
    }
  }

  /** Broadcasting arithmetic: floats through the kernels, int32 and int64 with TensorFlow's integer rules. */
  static final class Binary implements OpKernel {
    private final BinaryOp op;
    private final Kernels kernels;
    private final boolean realDivision;

    Binary(NodeAttrs node, BinaryOp op, Kernels kernels) {
      this.op = op;
      this.kernels = kernels;
      this.realDivision = node.op().equals("RealDiv");
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      DataType type = realDivision
          ? context.requireType(0, DataType.FLOAT)
          : context.requireType(0, DataType.FLOAT, DataType.INT32, DataType.INT64);
      context.requireSameType(0, 1);
      return new TensorSpec[] {new TensorSpec(type, ShapeRules.broadcast(context, context.input(0).dims(), context.input(1).dims()))};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] aDims = inputs[0].shape().dims();
      long[] bDims = inputs[1].shape().dims();
      if (inputs[0] instanceof FloatTensor a) {
        kernels.binary(op, a.data(), ((FloatTensor) inputs[1]).data(), ((FloatTensor) outputs[0]).data(),
            Broadcast.of(ShapeRules.ints(aDims), ShapeRules.ints(bDims)));
        return;
      }
      BroadcastIndex index = BroadcastIndex.of(aDims, bDims, outputs[0].shape().dims());
      if (inputs[0] instanceof IntTensor a) {
        int[] x = a.data();
        int[] y = ((IntTensor) inputs[1]).data();
        int[] out = ((IntTensor) outputs[0]).data();
        for (int i = 0; i < out.length; i++) {
          out[i] = (int) apply(x[index.a[i]], y[index.b[i]]);
        }
      } else {
        long[] x = ((LongTensor) inputs[0]).data();
        long[] y = ((LongTensor) inputs[1]).data();
        long[] out = ((LongTensor) outputs[0]).data();
        for (int i = 0; i < out.length; i++) {
          out[i] = apply(x[index.a[i]], y[index.b[i]]);
        }
      }
    }

    private long apply(long a, long b) {
      return switch (op) {
        case ADD -> a + b;
        case SUB -> a - b;
        case MUL -> a * b;
        case DIV -> {
          if (b == 0) {
            throw new ArithmeticException("integer division by zero");
          }
          yield a / b; // TensorFlow's Div on integers truncates toward zero, as Java does.
        }
        case MAXIMUM -> Math.max(a, b);
        case MINIMUM -> Math.min(a, b);
      };
    }
  }

  /** Broadcasting comparison giving {@code DT_BOOL}. */
  static final class Compare implements OpKernel {
    private final Comparison comparison;

    Compare(Comparison comparison) {
      this.comparison = comparison;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      context.requireType(0, DataType.FLOAT, DataType.DOUBLE, DataType.INT32, DataType.INT64, DataType.BOOL);
      context.requireSameType(0, 1);
      return new TensorSpec[] {new TensorSpec(DataType.BOOL, ShapeRules.broadcast(context, context.input(0).dims(), context.input(1).dims()))};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      boolean[] out = ((BooleanTensor) outputs[0]).data();
      BroadcastIndex index = BroadcastIndex.of(inputs[0].shape().dims(), inputs[1].shape().dims(), outputs[0].shape().dims());
      if (inputs[0] instanceof FloatTensor a) {
        float[] x = a.data();
        float[] y = ((FloatTensor) inputs[1]).data();
        for (int i = 0; i < out.length; i++) {
          out[i] = comparison.test(x[index.a[i]], y[index.b[i]]);
        }
      } else if (inputs[0] instanceof LongTensor a) {
        long[] x = a.data();
        long[] y = ((LongTensor) inputs[1]).data();
        for (int i = 0; i < out.length; i++) {
          long ai = x[index.a[i]];
          long bi = y[index.b[i]];
          out[i] = comparison.test(Long.compare(ai, bi), 0);
        }
      } else {
        for (int i = 0; i < out.length; i++) {
          out[i] = comparison.test(
              Tensors.number(inputs[0], index.a[i]),
              Tensors.number(inputs[1], index.b[i]));
        }
      }
    }
  }

  /** {@code Cast} between float, double, int32, int64 and bool (float to integer truncates, as TensorFlow). */
  static final class Cast implements OpKernel {
    private static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE, DataType.INT32, DataType.INT64, DataType.BOOL};
    private final DataType target;

    Cast(NodeAttrs node, LoadContext context) {
      target = node.type("DstT");
      boolean ok = false;
      for (DataType type : TYPES) {
        ok |= type == target;
      }
      if (!ok) {
        throw node.error("cast to " + target.protoName() + " is not supported (float, double, int32, int64, bool)");
      }
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      context.requireType(0, TYPES);
      return new TensorSpec[] {new TensorSpec(target, context.input(0).dims())};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      Tensor in = inputs[0];
      int n = (int) in.numElements();
      Tensor out = outputs[0];
      if (in instanceof LongTensor l && out instanceof FloatTensor f) {
        long[] x = l.data();
        float[] y = f.data();
        for (int i = 0; i < n; i++) {
          y[i] = x[i]; // long to float directly: rounding once, as C++ does
        }
        return;
      }
      for (int i = 0; i < n; i++) {
        double value = Tensors.number(in, i);
        if (out instanceof FloatTensor t) {
          t.data()[i] = (float) value;
        } else if (out instanceof DoubleTensor t) {
          t.data()[i] = value;
        } else if (out instanceof IntTensor t) {
          t.data()[i] = in instanceof LongTensor l ? (int) l.data()[i] : (int) value;
        } else if (out instanceof LongTensor t) {
          t.data()[i] = in instanceof LongTensor l ? l.data()[i] : (long) value;
        } else {
          ((BooleanTensor) out).data()[i] = value != 0;
        }
      }
    }
  }
}
