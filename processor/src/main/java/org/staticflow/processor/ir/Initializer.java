package org.staticflow.processor.ir;

/** How a variable gets its first value; TensorFlow 1.x initializers. */
public sealed interface Initializer {
  /** Every element {@code value} ({@code zeros}, {@code ones}, {@code constant(v)}). */
  record Constant(double value) implements Initializer {}

  /** {@code random_uniform(minval, maxval)}. */
  record RandomUniform(double min, double max) implements Initializer {}

  /** {@code random_normal(mean, stddev)}. */
  record RandomNormal(double mean, double stddev) implements Initializer {}

  /** {@code truncated_normal(mean, stddev)}. */
  record TruncatedNormal(double mean, double stddev) implements Initializer {}

  /** {@code glorot_uniform}, fans computed from the shape. */
  record GlorotUniform(int fanIn, int fanOut) implements Initializer {}

  /**
   * Values fixed at build time (the constants of a frozen graph), stored in the model's weights resource
   * from element {@code offset} on, as little-endian float32.
   */
  record Embedded(long offset) implements Initializer {}
}
