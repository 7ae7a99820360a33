package org.staticflow.runtime.graph.interpreter.ops;

import org.staticflow.runtime.graph.Tensors;
import org.staticflow.runtime.graph.interpreter.InferenceContext;
import org.staticflow.runtime.graph.interpreter.LoadContext;
import org.staticflow.runtime.graph.interpreter.NodeAttrs;
import org.staticflow.runtime.graph.interpreter.OpKernel;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Tensor;

/**
 * {@code StridedSlice(input, begin, end, strides)} ({@code x[b:e:s, ...]} in Python) for any dtype, with
 * {@code begin_mask}, {@code end_mask} and {@code shrink_axis_mask}; {@code ellipsis_mask} and
 * {@code new_axis_mask} are refused at load time.
 */
final class StridedSlice implements OpKernel {
  private final long beginMask;
  private final long endMask;
  private final long shrinkMask;

  /** Per input axis: first index, step, and output length (0 axes dropped by shrinking keep length 1). */
  private record Plan(long[] start, long[] step, long[] length, long[] outDims) {}

  StridedSlice(NodeAttrs node, LoadContext context) {
    beginMask = node.integer("begin_mask", 0);
    endMask = node.integer("end_mask", 0);
    shrinkMask = node.integer("shrink_axis_mask", 0);
    if (node.integer("ellipsis_mask", 0) != 0 || node.integer("new_axis_mask", 0) != 0) {
      throw node.error("ellipsis_mask and new_axis_mask are not supported");
    }
  }

  @Override
  public TensorSpec[] infer(InferenceContext context) {
    context.requireInputs(4);
    for (int i = 1; i < 4; i++) {
      context.requireType(i, DataType.INT32, DataType.INT64);
    }
    TensorSpec input = context.input(0);
    long[] begin = context.longs(1);
    long[] end = context.longs(2);
    long[] strides = context.longs(3);
    if (!input.hasRank() || begin == null || end == null || strides == null) {
      return new TensorSpec[] {TensorSpec.unknownShape(input.dataType())};
    }
    if (begin.length != end.length || begin.length != strides.length || begin.length > input.rank()) {
      throw context.error("begin, end and strides must have one length, at most the rank " + input.rank());
    }
    return new TensorSpec[] {new TensorSpec(input.dataType(), plan(context, input.dims(), begin, end, strides).outDims())};
  }

  private Plan plan(InferenceContext context, long[] dims, long[] begin, long[] end, long[] strides) {
    int rank = dims.length;
    long[] start = new long[rank];
    long[] step = new long[rank];
    long[] length = new long[rank];
    long[] out = new long[rank];
    int outRank = 0;
    for (int axis = 0; axis < rank; axis++) {
      long dim = dims[axis];
      if (axis >= begin.length) {
        start[axis] = 0;
        step[axis] = 1;
        length[axis] = dim;
        out[outRank++] = dim;
        continue;
      }
      long s = strides[axis];
      if (s == 0) {
        throw context.error("stride of axis " + axis + " is 0");
      }
      step[axis] = s;
      if ((shrinkMask >> axis & 1) != 0) {
        long b = begin[axis] < 0 && dim >= 0 ? begin[axis] + dim : begin[axis];
        if (dim >= 0 && (b < 0 || b >= dim)) {
          throw context.error("index " + begin[axis] + " of axis " + axis + " is out of range [0, " + dim + ")");
        }
        start[axis] = b;
        length[axis] = 1;
        continue;
      }
      if (dim < 0) {
        out[outRank++] = -1;
        continue;
      }
      long b = (beginMask >> axis & 1) != 0 ? (s > 0 ? 0 : dim - 1) : clamp(begin[axis], dim, s);
      long e = (endMask >> axis & 1) != 0 ? (s > 0 ? dim : -1) : clamp(end[axis], dim, s);
      long n = s > 0 ? Math.max(0, (e - b + s - 1) / s) : Math.max(0, (b - e - s - 1) / -s);
      start[axis] = b;
      length[axis] = n;
      out[outRank++] = n;
    }
    return new Plan(start, step, length, java.util.Arrays.copyOf(out, outRank));
  }

  /** A begin or end index made non-negative and clamped as Python slicing does. */
  private static long clamp(long index, long dim, long stride) {
    long i = index < 0 ? index + dim : index;
    return stride > 0 ? Math.min(Math.max(i, 0), dim) : Math.min(Math.max(i, -1), dim - 1);
  }

  @Override
  public void compute(Tensor[] inputs, Tensor[] outputs) {
    long[] dims = inputs[0].shape().dims();
    Plan plan = plan(null, dims, Tensors.longs(inputs[1]), Tensors.longs(inputs[2]), Tensors.longs(inputs[3]));
    int rank = dims.length;
    long[] strides = new long[rank];
    long stride = 1;
    for (int axis = rank - 1; axis >= 0; axis--) {
      strides[axis] = stride;
      stride *= dims[axis];
    }
    Object in = Tensors.array(inputs[0]);
    Object out = Tensors.array(outputs[0]);
    long total = outputs[0].numElements();
    long[] counter = new long[rank];
    for (int i = 0; i < total; i++) {
      long offset = 0;
      for (int axis = 0; axis < rank; axis++) {
        offset += (plan.start()[axis] + counter[axis] * plan.step()[axis]) * strides[axis];
      }
      System.arraycopy(in, (int) offset, out, i, 1);
      for (int axis = rank - 1; axis >= 0; axis--) {
        if (++counter[axis] < plan.length()[axis]) {
          break;
        }
        counter[axis] = 0;
      }
    }
  }
}
