package org.staticflow.runtime.kernels;

/** Element-wise functions {@code z = f(x, y)} with NumPy broadcasting (see {@link Broadcast}). */
public enum BinaryOp {
  /** {@code x + y}. */
  ADD,
  /** {@code x - y}. */
  SUB,
  /** {@code x * y}. */
  MUL,
  /** {@code x / y} (IEEE division: {@code x / 0} is {@code ±inf} or NaN). */
  DIV,
  /** {@code max(x, y)}; NaN if either is NaN, as TensorFlow's {@code Maximum}. */
  MAXIMUM,
  /** {@code min(x, y)}; NaN if either is NaN. */
  MINIMUM
}
