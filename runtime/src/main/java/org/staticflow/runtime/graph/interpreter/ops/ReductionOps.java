package org.staticflow.runtime.graph.interpreter.ops;

import java.util.Arrays;
import org.staticflow.runtime.graph.Tensors;
import org.staticflow.runtime.graph.interpreter.InferenceContext;
import org.staticflow.runtime.graph.interpreter.LoadContext;
import org.staticflow.runtime.graph.interpreter.NodeAttrs;
import org.staticflow.runtime.graph.interpreter.OpKernel;
import org.staticflow.runtime.graph.interpreter.OpRegistry;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.kernels.Kernels;
import org.staticflow.runtime.kernels.ReduceOp;
import org.staticflow.runtime.kernels.ReducePlan;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Tensor;

/** Reductions over axes given as an input ({@code Mean}, {@code Sum}, {@code Max}) and {@code ArgMax}. */
public final class ReductionOps {
  private ReductionOps() {}

  /** Registers this family's op types. */
  public static void register(OpRegistry registry) {
    registry.register("Mean", (node, context) -> new Reduce(node, context, ReduceOp.MEAN));
    registry.register("Sum", (node, context) -> new Reduce(node, context, ReduceOp.SUM));
    registry.register("Max", (node, context) -> new Reduce(node, context, ReduceOp.MAX));
    registry.register("Min", (node, context) -> new Reduce(node, context, null));
    registry.register("Prod", (node, context) -> new Reduce(node, context, null));
    registry.register("ArgMax", ArgMax::new);
  }

  /** Non-negative, distinct axes from an axes input (a scalar or a vector). */
  private static int[] axes(InferenceContext context, long[] values, int rank) {
    boolean[] seen = new boolean[rank];
    int[] axes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      axes[i] = ShapeRules.axis(context, values[i], rank);
      if (seen[axes[i]]) {
        throw context.error("axis " + values[i] + " is listed twice in " + Arrays.toString(values));
      }
      seen[axes[i]] = true;
    }
    return axes;
  }

  /**
   * A float reduction with TensorFlow's {@code keep_dims}: {@code Mean}, {@code Sum} and {@code Max} on the
   * kernels, {@code Min} and {@code Prod} (which the kernels lack) here.
   */
  static final class Reduce implements OpKernel {
    private final ReduceOp op;
    private final boolean product;
    private final boolean keepDims;
    private final Kernels kernels;

    /** {@code op} is {@code null} for {@code Min} and {@code Prod}. */
    Reduce(NodeAttrs node, LoadContext context, ReduceOp op) {
      this.op = op;
      this.product = node.op().equals("Prod");
      this.keepDims = node.bool("keep_dims", node.bool("keepdims", false));
      this.kernels = context.kernels();
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      context.requireType(0, DataType.FLOAT);
      context.requireType(1, DataType.INT32, DataType.INT64);
      TensorSpec input = context.input(0);
      long[] values = context.longs(1);
      if (values == null || !input.hasRank()) {
        return new TensorSpec[] {TensorSpec.unknownShape(DataType.FLOAT)};
      }
      int[] axes = axes(context, values, input.rank());
      boolean[] reduced = new boolean[input.rank()];
      for (int axis : axes) {
        reduced[axis] = true;
      }
      long[] dims = new long[input.rank()];
      int rank = 0;
      for (int i = 0; i < reduced.length; i++) {
        if (!reduced[i]) {
          dims[rank++] = input.dim(i);
        } else if (keepDims) {
          dims[rank++] = 1;
        }
      }
      return new TensorSpec[] {new TensorSpec(DataType.FLOAT, Arrays.copyOf(dims, rank))};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] dims = inputs[0].shape().dims();
      long[] values = Tensors.longs(inputs[1]);
      int[] axes = new int[values.length];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = (int) (values[i] < 0 ? values[i] + dims.length : values[i]);
      }
      float[] x = ((FloatTensor) inputs[0]).data();
      float[] out = ((FloatTensor) outputs[0]).data();
      if (op != null) {
        kernels.reduce(op, x, out, ReducePlan.of(ShapeRules.ints(dims), axes));
        return;
      }
      // Each input element's output offset: the output seen with the reduced axes kept as 1, broadcast.
      long[] kept = dims.clone();
      for (int axis : axes) {
        kept[axis] = 1;
      }
      int[] target = BroadcastIndex.of(kept, kept, dims).a;
      java.util.Arrays.fill(out, product ? 1f : Float.POSITIVE_INFINITY);
      for (int i = 0; i < x.length; i++) {
        int o = target[i];
        out[o] = product ? out[o] * x[i] : Math.min(out[o], x[i]);
      }
    }
  }

  /** {@code ArgMax(input, dimension)} on floats; {@code output_type} int64 (default) or int32. */
  static final class ArgMax implements OpKernel {
    private final DataType outputType;
    private final Kernels kernels;

    ArgMax(NodeAttrs node, LoadContext context) {
      outputType = node.type("output_type", DataType.INT64);
      if (outputType != DataType.INT64 && outputType != DataType.INT32) {
        throw node.error("output_type must be DT_INT64 or DT_INT32, found " + outputType.protoName());
      }
      kernels = context.kernels();
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      context.requireType(0, DataType.FLOAT);
      context.requireType(1, DataType.INT32, DataType.INT64);
      TensorSpec input = context.input(0);
      long[] axis = context.longs(1);
      if (axis == null || !input.hasRank()) {
        return new TensorSpec[] {TensorSpec.unknownShape(outputType)};
      }
      if (axis.length != 1) {
        throw context.error("dimension must be a single axis, found " + Arrays.toString(axis));
      }
      int a = ShapeRules.axis(context, axis[0], input.rank());
      long[] dims = new long[input.rank() - 1];
      for (int i = 0, j = 0; i < input.rank(); i++) {
        if (i != a) {
          dims[j++] = input.dim(i);
        }
      }
      if (input.dim(a) == 0) {
        throw context.error("cannot take the argmax of an empty dimension " + a + " of " + input.shapeString());
      }
      return new TensorSpec[] {new TensorSpec(outputType, dims)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] dims = inputs[0].shape().dims();
      long axisValue = Tensors.longs(inputs[1])[0];
      int axis = (int) (axisValue < 0 ? axisValue + dims.length : axisValue);
      int outer = ShapeRules.product(dims, 0, axis);
      int n = (int) dims[axis];
      int inner = ShapeRules.product(dims, axis + 1, dims.length);
      float[] x = ((FloatTensor) inputs[0]).data();
      if (outputs[0] instanceof LongTensor out) {
        kernels.argmax(x, out.data(), outer, n, inner);
      } else {
        long[] indices = new long[outer * inner];
        kernels.argmax(x, indices, outer, n, inner);
        int[] out = ((IntTensor) outputs[0]).data();
        for (int i = 0; i < indices.length; i++) {
          out[i] = (int) indices[i];
        }
      }
    }
  }
}
