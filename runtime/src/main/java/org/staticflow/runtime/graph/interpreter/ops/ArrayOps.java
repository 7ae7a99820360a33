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
import org.staticflow.runtime.kernels.TransposePlan;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Ops that move elements without arithmetic: {@code Reshape}, {@code Squeeze}, {@code ExpandDims} (views),
 * {@code Transpose}, {@code ConcatV2}, {@code Pack}, {@code Shape} and {@code OneHot}.
 */
public final class ArrayOps {
  private ArrayOps() {}

  /** Registers this family's op types. */
  public static void register(OpRegistry registry) {
    registry.register("Reshape", (node, context) -> new Reshape());
    registry.register("Squeeze", Squeeze::new);
    registry.register("ExpandDims", (node, context) -> new ExpandDims());
    registry.register("Transpose", (node, context) -> new Transpose(context.kernels()));
    registry.register("ConcatV2", (node, context) -> new Concat());
    registry.register("Pack", Pack::new);
    registry.register("Shape", Shapes::new);
    registry.register("OneHot", OneHot::new);
    registry.register("StridedSlice", StridedSlice::new);
  }

  /** Output shape from a partially known {@code dims}; {@code null} when nothing is known. */
  private static TensorSpec view(TensorSpec input, long[] dims) {
    return new TensorSpec(input.dataType(), dims);
  }

  /** Base of the view ops: the output shares the input's storage. */
  abstract static class ViewOp implements OpKernel {
    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      outputs[0] = Tensors.view(inputs[0], Shape.of(outputDims(inputs)));
    }

    @Override
    public boolean producesViews() {
      return true;
    }

    /** The concrete output dimensions for these inputs (run time). */
    abstract long[] outputDims(Tensor[] inputs);
  }

  /** {@code Reshape(tensor, shape)}: one {@code -1} in the shape is inferred from the element count. */
  static final class Reshape extends ViewOp {
    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      context.requireType(1, DataType.INT32, DataType.INT64);
      long[] target = context.longs(1);
      TensorSpec input = context.input(0);
      if (target == null) {
        TensorSpec shape = context.input(1);
        return new TensorSpec[] {view(input, shape.isFullyDefined() && shape.rank() == 1 ? unknowns((int) shape.dim(0)) : null)};
      }
      return new TensorSpec[] {view(input, resolve(context, target, input.numElements()))};
    }

    @Override
    long[] outputDims(Tensor[] inputs) {
      long[] dims = Tensors.longs(inputs[1]);
      long n = inputs[0].numElements();
      long known = 1;
      int unknown = -1;
      for (int i = 0; i < dims.length; i++) {
        if (dims[i] < 0) {
          unknown = i;
        } else {
          known *= dims[i];
        }
      }
      if (unknown >= 0) {
        dims[unknown] = known == 0 ? 0 : n / known;
      }
      return dims;
    }

    private static long[] unknowns(int rank) {
      long[] dims = new long[rank];
      Arrays.fill(dims, -1);
      return dims;
    }

    /** The target with its {@code -1} resolved when the element count is known; checks the count. */
    private static long[] resolve(InferenceContext context, long[] target, long elements) {
      long[] dims = target.clone();
      long known = 1;
      int unknown = -1;
      for (int i = 0; i < dims.length; i++) {
        if (dims[i] == -1) {
          if (unknown >= 0) {
            throw context.error("shape " + Arrays.toString(target) + " has more than one -1");
          }
          unknown = i;
        } else if (dims[i] < 0) {
          throw context.error("shape " + Arrays.toString(target) + " has a negative dimension");
        } else {
          known *= dims[i];
        }
      }
      if (elements >= 0) {
        if (unknown >= 0) {
          if (known == 0 || elements % known != 0) {
            throw context.error("cannot reshape " + elements + " elements (" + context.input(0).shapeString()
                + ") to " + Arrays.toString(target));
          }
          dims[unknown] = elements / known;
        } else if (known != elements) {
          throw context.error("cannot reshape " + context.input(0).shapeString() + " (" + elements
              + " elements) to " + Arrays.toString(target) + " (" + known + " elements)");
        }
      }
      return dims;
    }
  }

  /** {@code Squeeze}: drops the listed size-1 axes, or all of them when none are listed. */
  static final class Squeeze extends ViewOp {
    private final long[] axes;

    Squeeze(NodeAttrs node, LoadContext context) {
      axes = node.ints("squeeze_dims", node.ints("axis", new long[0]));
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      TensorSpec input = context.input(0);
      if (!input.hasRank()) {
        return new TensorSpec[] {input};
      }
      return new TensorSpec[] {view(input, squeeze(context, input.dims()))};
    }

    @Override
    long[] outputDims(Tensor[] inputs) {
      return squeeze(null, inputs[0].shape().dims());
    }

    private long[] squeeze(InferenceContext context, long[] dims) {
      boolean[] drop = new boolean[dims.length];
      if (axes.length == 0) {
        for (int i = 0; i < dims.length; i++) {
          drop[i] = dims[i] == 1;
        }
      } else {
        for (long axis : axes) {
          int a = (int) (axis < 0 ? axis + dims.length : axis);
          if (a < 0 || a >= dims.length || (dims[a] != 1 && dims[a] >= 0)) {
            String problem = "cannot squeeze axis " + axis + " of shape " + Arrays.toString(dims);
            throw context != null ? context.error(problem) : new IllegalArgumentException(problem);
          }
          drop[a] = true;
        }
      }
      return java.util.stream.IntStream.range(0, dims.length).filter(i -> !drop[i]).mapToLong(i -> dims[i]).toArray();
    }
  }

  /** {@code ExpandDims(tensor, axis)}: inserts a dimension of size 1. */
  static final class ExpandDims extends ViewOp {
    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      TensorSpec input = context.input(0);
      long[] axis = context.longs(1);
      if (!input.hasRank() || axis == null) {
        return new TensorSpec[] {TensorSpec.unknownShape(input.dataType())};
      }
      int a = ShapeRules.axis(context, axis[0] < 0 ? axis[0] + 1 : axis[0], input.rank() + 1);
      return new TensorSpec[] {view(input, insert(input.dims(), a))};
    }

    @Override
    long[] outputDims(Tensor[] inputs) {
      long[] dims = inputs[0].shape().dims();
      long axis = Tensors.longs(inputs[1])[0];
      return insert(dims, (int) (axis < 0 ? axis + dims.length + 1 : axis));
    }

    private static long[] insert(long[] dims, int axis) {
      long[] out = new long[dims.length + 1];
      System.arraycopy(dims, 0, out, 0, axis);
      out[axis] = 1;
      System.arraycopy(dims, axis, out, axis + 1, dims.length - axis);
      return out;
    }
  }

  /** {@code Transpose(x, perm)} on floats. */
  static final class Transpose implements OpKernel {
    private final Kernels kernels;

    Transpose(Kernels kernels) {
      this.kernels = kernels;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(2);
      context.requireType(0, DataType.FLOAT);
      TensorSpec input = context.input(0);
      long[] perm = context.longs(1);
      if (perm == null || !input.hasRank()) {
        return new TensorSpec[] {TensorSpec.unknownShape(DataType.FLOAT)};
      }
      if (perm.length != input.rank()) {
        throw context.error("perm " + Arrays.toString(perm) + " does not match rank " + input.rank());
      }
      long[] dims = new long[perm.length];
      boolean[] seen = new boolean[perm.length];
      for (int i = 0; i < perm.length; i++) {
        int p = ShapeRules.axis(context, perm[i], perm.length);
        if (seen[p]) {
          throw context.error("perm " + Arrays.toString(perm) + " is not a permutation");
        }
        seen[p] = true;
        dims[i] = input.dim(p);
      }
      return new TensorSpec[] {new TensorSpec(DataType.FLOAT, dims)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] perm = Tensors.longs(inputs[1]);
      int[] p = new int[perm.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = (int) (perm[i] < 0 ? perm[i] + p.length : perm[i]);
      }
      TransposePlan plan = TransposePlan.of(ShapeRules.ints(inputs[0].shape().dims()), p);
      kernels.transpose(((FloatTensor) inputs[0]).data(), ((FloatTensor) outputs[0]).data(), plan);
    }
  }

  /** {@code ConcatV2(values..., axis)} for any dtype. */
  static final class Concat implements OpKernel {
    @Override
    public TensorSpec[] infer(InferenceContext context) {
      int n = context.inputCount() - 1;
      if (n < 1) {
        throw context.error("expected at least one value and the axis");
      }
      context.requireType(n, DataType.INT32, DataType.INT64);
      for (int i = 1; i < n; i++) {
        context.requireSameType(0, i);
      }
      long[] axisValue = context.longs(n);
      TensorSpec first = context.input(0);
      if (axisValue == null || !first.hasRank()) {
        return new TensorSpec[] {TensorSpec.unknownShape(first.dataType())};
      }
      int axis = ShapeRules.axis(context, axisValue[0], first.rank());
      long[] dims = first.dims().clone();
      for (int i = 1; i < n; i++) {
        TensorSpec other = context.input(i);
        if (!other.hasRank()) {
          dims[axis] = -1;
          continue;
        }
        if (other.rank() != dims.length) {
          throw context.error("input " + i + " has rank " + other.rank() + ", input 0 has " + dims.length);
        }
        for (int d = 0; d < dims.length; d++) {
          long od = other.dim(d);
          if (d == axis) {
            dims[d] = dims[d] < 0 || od < 0 ? -1 : dims[d] + od;
          } else if (dims[d] >= 0 && od >= 0 && dims[d] != od) {
            throw context.error("input " + i + " has shape " + other.shapeString() + ", incompatible with "
                + first.shapeString() + " outside axis " + axis);
          } else if (dims[d] < 0) {
            dims[d] = od;
          }
        }
      }
      return new TensorSpec[] {new TensorSpec(first.dataType(), dims)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      int n = inputs.length - 1;
      long[] outDims = outputs[0].shape().dims();
      long axisValue = Tensors.longs(inputs[n])[0];
      int axis = (int) (axisValue < 0 ? axisValue + outDims.length : axisValue);
      int outer = ShapeRules.product(outDims, 0, axis);
      Object out = Tensors.array(outputs[0]);
      int[] chunks = new int[n];
      int total = 0;
      for (int i = 0; i < n; i++) {
        long[] dims = inputs[i].shape().dims();
        chunks[i] = ShapeRules.product(dims, axis, dims.length);
        total += chunks[i];
      }
      for (int o = 0; o < outer; o++) {
        int offset = o * total;
        for (int i = 0; i < n; i++) {
          System.arraycopy(Tensors.array(inputs[i]), o * chunks[i], out, offset, chunks[i]);
          offset += chunks[i];
        }
      }
    }
  }

  /** {@code Pack} ({@code tf.stack}): N tensors of one shape stacked along a new axis. */
  static final class Pack implements OpKernel {
    private final long axis;

    Pack(NodeAttrs node, LoadContext context) {
      axis = node.integer("axis", 0);
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      TensorSpec first = context.input(0);
      for (int i = 1; i < context.inputCount(); i++) {
        context.requireSameType(0, i);
        if (first.isFullyDefined() && context.input(i).isFullyDefined() && !first.equals(context.input(i))) {
          throw context.error("input " + i + " has shape " + context.input(i).shapeString() + ", input 0 has "
              + first.shapeString());
        }
      }
      if (!first.hasRank()) {
        return new TensorSpec[] {TensorSpec.unknownShape(first.dataType())};
      }
      int a = ShapeRules.axis(context, axis < 0 ? axis + first.rank() + 1 : axis, first.rank() + 1);
      long[] dims = new long[first.rank() + 1];
      System.arraycopy(first.dims(), 0, dims, 0, a);
      dims[a] = context.inputCount();
      System.arraycopy(first.dims(), a, dims, a + 1, first.rank() - a);
      return new TensorSpec[] {new TensorSpec(first.dataType(), dims)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] dims = inputs[0].shape().dims();
      int a = (int) (axis < 0 ? axis + dims.length + 1 : axis);
      int outer = ShapeRules.product(dims, 0, a);
      int chunk = ShapeRules.product(dims, a, dims.length);
      Object out = Tensors.array(outputs[0]);
      int offset = 0;
      for (int o = 0; o < outer; o++) {
        for (Tensor input : inputs) {
          System.arraycopy(Tensors.array(input), o * chunk, out, offset, chunk);
          offset += chunk;
        }
      }
    }
  }

  /** {@code Shape}: the input's dimensions as int32 or int64 ({@code out_type}). */
  static final class Shapes implements OpKernel {
    private final DataType outType;

    Shapes(NodeAttrs node, LoadContext context) {
      outType = node.type("out_type", DataType.INT32);
      if (outType != DataType.INT32 && outType != DataType.INT64) {
        throw node.error("out_type must be DT_INT32 or DT_INT64, found " + outType.protoName());
      }
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      TensorSpec input = context.input(0);
      return new TensorSpec[] {input.hasRank() ? TensorSpec.of(outType, input.rank()) : TensorSpec.of(outType, -1)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      long[] dims = inputs[0].shape().dims();
      for (int i = 0; i < dims.length; i++) {
        if (outputs[0] instanceof IntTensor t) {
          t.data()[i] = Math.toIntExact(dims[i]);
        } else {
          ((LongTensor) outputs[0]).data()[i] = dims[i];
        }
      }
    }
  }

  /** {@code OneHot(indices, depth, on_value, off_value)} with float values and the new axis last. */
  static final class OneHot implements OpKernel {
    private final Kernels kernels;

    OneHot(NodeAttrs node, LoadContext context) {
      long axis = node.integer("axis", -1);
      if (axis != -1) {
        throw node.error("only axis=-1 (the new axis last) is supported, found " + axis);
      }
      kernels = context.kernels();
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(4);
      context.requireType(0, DataType.INT32, DataType.INT64);
      context.requireType(2, DataType.FLOAT);
      context.requireSameType(2, 3);
      long[] depth = context.longs(1);
      TensorSpec indices = context.input(0);
      if (!indices.hasRank()) {
        return new TensorSpec[] {TensorSpec.unknownShape(DataType.FLOAT)};
      }
      long[] dims = Arrays.copyOf(indices.dims(), indices.rank() + 1);
      dims[indices.rank()] = depth == null ? -1 : depth[0];
      if (depth != null && depth[0] < 0) {
        throw context.error("depth must be non-negative, found " + depth[0]);
      }
      return new TensorSpec[] {new TensorSpec(DataType.FLOAT, dims)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      int count = (int) inputs[0].numElements();
      int depth = (int) Tensors.longs(inputs[1])[0];
      float on = ((FloatTensor) inputs[2]).data()[0];
      float off = ((FloatTensor) inputs[3]).data()[0];
      float[] out = ((FloatTensor) outputs[0]).data();
      if (inputs[0] instanceof IntTensor t) {
        kernels.oneHot(t.data(), out, count, depth, on, off);
      } else {
        kernels.oneHot(((LongTensor) inputs[0]).data(), out, count, depth, on, off);
      }
    }
  }
}
