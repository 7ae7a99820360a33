package org.staticflow.runtime.kernels;

import org.staticflow.runtime.random.Rng;

/**
 * The kernels of the forward and backward passes: one method per function of the model language, and one
 * per gradient that is not itself a composition of forward kernels. A back end implements all of them;
 * generated models obtain one from {@link Backends#get()}.
 *
 * <p>Contract (all methods): row-major arrays, output buffers supplied by the caller with exactly the
 * documented length, no allocation, no retained state, outputs never alias inputs unless stated.
 */
public interface Kernels {

  /** {@code out[i] = op(x[i])} for {@code i < n}. {@code out} may be {@code x}. */
  void unary(UnaryOp op, float[] x, float[] out, int n);

  /**
   * {@code out = op(a, b)} with broadcasting: {@code a} has the first shape of {@code plan}, {@code b}
   * the second, {@code out} {@code plan.size()} elements.
   */
  void binary(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan);

  /** {@code out = (a == b)} element-wise with broadcasting. */
  void equal(float[] a, float[] b, boolean[] out, Broadcast plan);

  /** {@code out = (a == b)} element-wise with broadcasting. */
  void equal(int[] a, int[] b, boolean[] out, Broadcast plan);

  /** {@code out = (a == b)} element-wise with broadcasting. */
  void equal(long[] a, long[] b, boolean[] out, Broadcast plan);

  /**
   * Matrix product {@code out[m,n] = op(a)[m,k] · op(b)[k,n]} where {@code op} transposes when asked:
   * {@code a} is stored {@code [m,k]} (or {@code [k,m]} when {@code transposeA}), {@code b} {@code [k,n]}
   * (or {@code [n,k]}).
   */
  void matmul(float[] a, float[] b, float[] out, int m, int k, int n, boolean transposeA, boolean transposeB);

  /**
   * Softmax over the last axis: {@code out[r,j] = exp(x[r,j] - max_r) / sum_j exp(x[r,j] - max_r)} for
   * {@code rows} rows of {@code cols}.
   */
  void softmax(float[] x, float[] out, int rows, int cols);

  /** {@code out[r,j] = x[r,j] - max_r - log(sum_j exp(x[r,j] - max_r))}. */
  void logSoftmax(float[] x, float[] out, int rows, int cols);

  /** Permutes axes: {@code out} has {@code plan.size()} elements. */
  void transpose(float[] x, float[] out, TransposePlan plan);

  /**
   * Concatenation along an axis: the tensors are seen as {@code [outer, chunk_i]}, where {@code outer} is
   * the product of the dimensions before the axis and {@code chunks[i]} the product of input {@code i}'s
   * dimensions from the axis on; {@code out} is {@code [outer, sum chunks]}.
   */
  void concat(float[][] inputs, int[] chunks, float[] out, int outer);

  /** Reduces {@code x} (shape of the plan) into {@code out} ({@code plan.outSize()} elements). */
  void reduce(ReduceOp op, float[] x, float[] out, ReducePlan plan);

  /**
   * Index of the largest value along an axis, the tensor seen as {@code [outer, n, inner]}; ties give the
   * smallest index (TensorFlow's rule); {@code out} is {@code [outer, inner]}.
   *
   * @throws IllegalArgumentException if {@code n == 0} while the output is not empty
   */
  void argmax(float[] x, long[] out, int outer, int n, int inner);

  /**
   * {@code out[i, j] = j == indices[i] ? on : off} for {@code count} indices and {@code depth} classes;
   * an index outside {@code [0, depth)} gives a row of {@code off}.
   */
  void oneHot(long[] indices, float[] out, int count, int depth, float on, float off);

  /** As {@link #oneHot(long[], float[], int, int, float, float)} for {@code int32} indices. */
  void oneHot(int[] indices, float[] out, int count, int depth, float on, float off);

  /**
   * 2-D convolution (cross-correlation, as TensorFlow's {@code Conv2D}): {@code x} is NHWC
   * {@code [batch, inHeight, inWidth, inChannels]}, {@code filter} is {@code [kernelHeight, kernelWidth,
   * inChannels, outChannels]}, {@code out} is {@code [batch, outHeight, outWidth, outChannels]}; padded
   * positions read as 0.
   */
  void conv2d(float[] x, float[] filter, float[] out, WindowGeometry g);

  /** Max pooling over windows of {@code g}; padded positions are ignored. */
  void maxPool(float[] x, float[] out, WindowGeometry g);

  /** Average pooling; the divisor counts only positions inside the input (TensorFlow's {@code SAME} rule). */
  void avgPool(float[] x, float[] out, WindowGeometry g);

  /**
   * TensorFlow 1.x dropout: element {@code i} is kept when {@code keepProb + u >= 1} for a fresh uniform
   * {@code u} in {@code [0,1)}, and then scaled by {@code 1 / keepProb}; {@code mask[i]} records the
   * decision (the backward pass reuses it).
   */
  void dropout(float[] x, float keepProb, Rng rng, boolean[] mask, float[] out, int n);

  /**
   * {@code out[0] = sum(x^2) / 2} over {@code n} elements (TensorFlow's {@code L2Loss}), summed in double in one
   * fixed order on every back end and thread count (blocks of eight interleaved sums, see {@code
   * PortableKernels.l2BlockSum}), then rounded to float once.
   */
  void l2Loss(float[] x, float[] out, int n);

  /**
   * {@code out[r] = -sum_j labels[r,j] * logSoftmax(logits)[r,j]} for {@code rows} rows of
   * {@code classes}.
   */
  void softmaxCrossEntropy(float[] labels, float[] logits, float[] out, int rows, int classes);

  /**
   * {@code out[r] = -logSoftmax(logits)[r, labels[r]]}.
   *
   * @throws IllegalArgumentException if a label is outside {@code [0, classes)}, as TensorFlow does
   */
  void sparseSoftmaxCrossEntropy(long[] labels, float[] logits, float[] out, int rows, int classes);

  /** As {@link #sparseSoftmaxCrossEntropy(long[], float[], float[], int, int)} for {@code int32} labels. */
  void sparseSoftmaxCrossEntropy(int[] labels, float[] logits, float[] out, int rows, int classes);

  /**
   * {@code out = max(x, 0) - x * z + log(1 + exp(-|x|))} for logits {@code x} and labels {@code z}, the
   * overflow-free form TensorFlow uses.
   */
  void sigmoidCrossEntropy(float[] labels, float[] logits, float[] out, int n);

  /**
   * A layer's bias and activation in one pass: {@code out[r, j] = op(x[r, j] + bias[j])} for {@code rows} rows
   * of {@code cols}, bit-for-bit the result of {@link #binary} {@code ADD} with the bias broadcast over the rows
   * followed by {@link #unary}, without the intermediate sum. {@code out} may be {@code x}.
   */
  void biasActivation(UnaryOp op, float[] x, float[] bias, float[] out, int rows, int cols);

  /**
   * A scaled sum in one pass: {@code out[i] = x[i] * scale[0] + y[i]} for {@code n} elements, bit-for-bit
   * {@link #binary} {@code MUL} by the one-element {@code scale} followed by {@code ADD} of {@code y}: the product
   * is rounded to {@code float} before the sum, as with two kernels (no fused multiply-add), and the product is
   * never stored. {@code out} may be {@code x} or {@code y}. It is the L2 regulariser's gradient, {@code w * s +
   * dW}, and any other sum of a scaled tensor.
   */
  void scaledAdd(float[] x, float[] scale, float[] y, float[] out, int n);

  /** Copies {@code n} elements (used where a view is not possible). */
  void copy(float[] x, float[] out, int n);

  /** {@code out[i] = (int) x[i]} (truncation toward zero, as TensorFlow's {@code Cast}). */
  void cast(float[] x, int[] out, int n);

  /** {@code out[i] = (long) x[i]} (truncation toward zero). */
  void cast(float[] x, long[] out, int n);

  /** {@code out[i] = x[i] != 0}. */
  void cast(float[] x, boolean[] out, int n);

  /** {@code out[i] = x[i]}. */
  void cast(int[] x, float[] out, int n);

  /** {@code out[i] = x[i]}. */
  void cast(int[] x, long[] out, int n);

  /** {@code out[i] = x[i]}. */
  void cast(long[] x, float[] out, int n);

  /** {@code out[i] = (int) x[i]} (low 32 bits, as TensorFlow). */
  void cast(long[] x, int[] out, int n);

  /** {@code out[i] = x[i] ? 1 : 0}. */
  void cast(boolean[] x, float[] out, int n);

  /** {@code out[i] = x[i] ? 1 : 0}. */
  void cast(boolean[] x, int[] out, int n);

  /** {@code out[i] = x[i] ? 1 : 0}. */
  void cast(boolean[] x, long[] out, int n);

  // Backward pass. Each gradient kernel overwrites its whole output ({@code dx}); none accumulates.

  /**
   * The gradient of {@link #unary}: {@code dx[i] = dy[i] * f'(x[i])} for {@code i < n}, given
   * {@code y = f(x)}, with TensorFlow's formulas:
   *
   * <pre>
   * NEG  -dy               SQUARE  dy * (2 x)          SQRT  dy * 0.5 / y        EXP   dy * y
   * LOG  dy * (1 / x)      ABS     dy * sign(x)        RELU  x > 0 ? dy : 0      RELU6 0 < x < 6 ? dy : 0
   * SIGMOID dy * y * (1 - y)                           TANH  dy * (1 - y^2)
   * </pre>
   *
   * (so {@code relu} has gradient 0 at 0, as TensorFlow's {@code ReluGrad}). {@code dx} may be {@code dy}.
   */
  void unaryGrad(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, int n);

  /**
   * An activation's gradient and the bias gradient behind it in one pass: {@code dx} exactly as {@link
   * #unaryGrad} over {@code rows * cols} elements, and {@code sums[j] = dx[0, j] + dx[1, j] + ...}, accumulated
   * in float in increasing row order from {@code +0} (bit-for-bit {@link #reduce} {@code SUM} over the rows).
   * {@code dx} may be {@code dy}; {@code sums} has {@code cols} elements.
   */
  void unaryGradColumnSums(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, float[] sums, int rows, int cols);

  /**
   * The gradient of {@code maximum}/{@code minimum} routed to one operand, before reduction to its shape:
   * {@code out[i] = selected ? dy[i] : 0}, {@code out} and {@code dy} of the broadcast shape ({@code
   * plan.size()}), where operand 0 is selected when {@code a >= b} (maximum) or {@code a <= b} (minimum) and
   * operand 1 otherwise, TensorFlow's tie rule.
   */
  void extremumGrad(BinaryOp op, int operand, float[] a, float[] b, float[] dy, float[] out, Broadcast plan);

  /**
   * The gradient of {@link #reduce} with {@code SUM} or {@code MEAN}: {@code dy} (the reduced shape, {@code
   * plan.outSize()} elements) spread back over the input ({@code plan.inSize()} elements): {@code dx[i] =
   * dy[o(i)]}, divided by {@code plan.groupSize()} for a mean.
   *
   * @throws IllegalArgumentException for {@code MAX} (see {@link #reduceMaxGrad})
   */
  void reduceGrad(ReduceOp op, float[] dy, float[] dx, ReducePlan plan);

  /**
   * The gradient of a {@code MAX} reduction, TensorFlow's rule: the elements equal to their group's maximum
   * share the gradient equally, {@code dx[i] = x[i] == y[o(i)] ? dy[o(i)] / count(o(i)) : 0}. {@code counts}
   * is scratch space of {@code plan.outSize()} elements.
   */
  void reduceMaxGrad(float[] x, float[] y, float[] dy, float[] dx, float[] counts, ReducePlan plan);

  /**
   * The gradient of {@link #softmax} over the last axis: {@code dx = (dy - sum_j(dy * y)) * y} per row,
   * {@code y} the softmax output.
   */
  void softmaxGrad(float[] y, float[] dy, float[] dx, int rows, int cols);

  /**
   * The gradient of {@link #logSoftmax}: {@code dx = dy - exp(y) * sum_j(dy)} per row, {@code y} the
   * log-softmax output.
   */
  void logSoftmaxGrad(float[] y, float[] dy, float[] dx, int rows, int cols);

  /**
   * {@code Conv2DBackpropInput}: the gradient of {@link #conv2d} with respect to its input, {@code dx[b, iy,
   * ix, c] = sum over the outputs (oy, ox) whose window covers (iy, ix), and k, of dy[b, oy, ox, k] * filter[iy
   * - oy * sh + padTop, ix - ox * sw + padLeft, c, k]}. {@code dy} is the output shape of {@code g}, {@code dx}
   * the input shape.
   */
  void conv2dBackpropInput(float[] dy, float[] filter, float[] dx, WindowGeometry g);

  /**
   * {@code Conv2DBackpropFilter}: the gradient of {@link #conv2d} with respect to the filter, {@code
   * dfilter[ky, kx, c, k] = sum over b, oy, ox of x[b, oy * sh + ky - padTop, ox * sw + kx - padLeft, c] *
   * dy[b, oy, ox, k]} (padded positions contribute 0).
   */
  void conv2dBackpropFilter(float[] x, float[] dy, float[] dfilter, WindowGeometry g);

  /**
   * The gradient of {@link #maxPool}: each output's gradient goes to the first position of its window (in
   * row-major order) that holds the window's maximum, as TensorFlow's CPU {@code MaxPoolGrad}; the rest of
   * {@code dx} is 0. {@code y} is the forward output.
   */
  void maxPoolGrad(float[] x, float[] y, float[] dy, float[] dx, WindowGeometry g);

  /**
   * The gradient of {@link #avgPool}: each output's gradient divided by its window's count of positions inside
   * the input and added to each of them.
   */
  void avgPoolGrad(float[] dy, float[] dx, WindowGeometry g);

  /**
   * The gradient of {@link #dropout} with the forward pass's {@code mask}: {@code dx[i] = mask[i] ? dy[i] *
   * (1 / keepProb) : 0}.
   */
  void dropoutGrad(float[] dy, float keepProb, boolean[] mask, float[] dx, int n);

  /**
   * A slice along one axis (the gradient of {@link #concat} for one input): {@code x} seen as {@code [outer,
   * rowLength]}, {@code out[r, j] = x[r, offset + j]} for {@code j < chunk}.
   */
  void slice(float[] x, float[] out, int outer, int rowLength, int offset, int chunk);

  /**
   * The gradient of {@link #softmaxCrossEntropy} with respect to the logits: {@code dlogits[r, j] = dy[r] *
   * (softmax(logits)[r, j] - labels[r, j])}.
   */
  void softmaxCrossEntropyGrad(float[] labels, float[] logits, float[] dy, float[] dlogits, int rows, int classes);

  /**
   * The gradient of {@link #sparseSoftmaxCrossEntropy} with respect to the logits: {@code dlogits[r, j] = dy[r]
   * * (softmax(logits)[r, j] - (j == labels[r] ? 1 : 0))}.
   */
  void sparseSoftmaxCrossEntropyGrad(long[] labels, float[] logits, float[] dy, float[] dlogits, int rows, int classes);

  /** As {@link #sparseSoftmaxCrossEntropyGrad(long[], float[], float[], float[], int, int)} for {@code int32} labels. */
  void sparseSoftmaxCrossEntropyGrad(int[] labels, float[] logits, float[] dy, float[] dlogits, int rows, int classes);

  /**
   * The gradient of {@link #sigmoidCrossEntropy} with respect to the logits: {@code dlogits = dy *
   * (sigmoid(logits) - labels)}.
   */
  void sigmoidCrossEntropyGrad(float[] labels, float[] logits, float[] dy, float[] dlogits, int n);
}
