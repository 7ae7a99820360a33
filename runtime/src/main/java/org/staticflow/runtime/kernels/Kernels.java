package org.staticflow.runtime.kernels;

import org.staticflow.runtime.random.Rng;

/**
 * The kernels of the forward pass: one method per function of the model language. A back end implements
 * all of them; generated models obtain one from {@link Backends#get()}.
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

  /** {@code out[0] = sum(x^2) / 2} over {@code n} elements. */
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
}
