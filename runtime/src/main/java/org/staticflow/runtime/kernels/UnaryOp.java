package org.staticflow.runtime.kernels;

/** Element-wise functions {@code y = f(x)} on {@code float32}, with TensorFlow's definitions. */
public enum UnaryOp {
  /** {@code -x}. */
  NEG,
  /** {@code x * x}. */
  SQUARE,
  /** {@code sqrt(x)}; NaN for {@code x < 0}. */
  SQRT,
  /** {@code e^x}. */
  EXP,
  /** Natural logarithm; {@code -inf} at 0, NaN below. */
  LOG,
  /** {@code |x|}. */
  ABS,
  /** {@code max(x, 0)}. */
  RELU,
  /** {@code min(max(x, 0), 6)}. */
  RELU6,
  /** {@code 1 / (1 + e^-x)}, computed without overflow for large {@code |x|}. */
  SIGMOID,
  /** Hyperbolic tangent. */
  TANH
}
