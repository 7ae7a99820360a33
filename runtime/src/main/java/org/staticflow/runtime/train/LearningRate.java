package org.staticflow.runtime.train;

/**
 * A learning rate as a function of {@code global_step}, evaluated once per training step. Implementations
 * compute in float32 as TensorFlow's schedule ops do, so rates agree with TensorFlow's to the last bits
 * where the float operations are the same.
 */
@FunctionalInterface
public interface LearningRate {
  /** The rate to use for the update made at {@code globalStep} (the value before it is incremented). */
  float at(long globalStep);

  /** A rate that does not change. */
  static LearningRate constant(float rate) {
    return step -> rate;
  }
}
