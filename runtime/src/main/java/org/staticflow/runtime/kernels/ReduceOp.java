package org.staticflow.runtime.kernels;

/** Reductions over a set of axes. */
public enum ReduceOp {
  /** The sum; 0 over an empty set. */
  SUM,
  /** The arithmetic mean; NaN over an empty set. */
  MEAN,
  /** The maximum; {@code -inf} over an empty set. */
  MAX
}
