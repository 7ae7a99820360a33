package org.staticflow.runtime.train;

import java.util.Arrays;

/** TensorFlow 1.x learning-rate schedules ({@code tf.train.exponential_decay} and friends). */
public final class LearningRates {
  private LearningRates() {}

  /**
   * {@code tf.train.exponential_decay}: {@code rate * decayRate ^ (step / decaySteps)}, the exponent floored
   * when {@code staircase}. Computed in float32 like TensorFlow.
   *
   * @throws IllegalArgumentException if {@code decaySteps <= 0}
   */
  public static LearningRate exponentialDecay(float rate, long decaySteps, float decayRate, boolean staircase) {
    if (decaySteps <= 0) {
      throw new IllegalArgumentException("exponential_decay: decay_steps must be positive, got " + decaySteps);
    }
    return step -> {
      float exponent = (float) step / (float) decaySteps;
      if (staircase) {
        exponent = (float) Math.floor(exponent);
      }
      return rate * (float) Math.pow(decayRate, exponent);
    };
  }

  /**
   * {@code tf.train.piecewise_constant}: {@code values[0]} while {@code step <= boundaries[0]},
   * {@code values[i]} while {@code boundaries[i-1] < step <= boundaries[i]}, the last value afterwards.
   *
   * @throws IllegalArgumentException unless there is one more value than boundaries and the boundaries
   *     increase
   */
  public static LearningRate piecewiseConstant(long[] boundaries, float[] values) {
    if (values.length != boundaries.length + 1) {
      throw new IllegalArgumentException("piecewise_constant: needs one more value than boundaries, got "
          + values.length + " values for " + boundaries.length + " boundaries");
    }
    for (int i = 1; i < boundaries.length; i++) {
      if (boundaries[i] <= boundaries[i - 1]) {
        throw new IllegalArgumentException("piecewise_constant: boundaries must increase: " + Arrays.toString(boundaries));
      }
    }
    long[] b = boundaries.clone();
    float[] v = values.clone();
    return step -> {
      for (int i = 0; i < b.length; i++) {
        if (step <= b[i]) {
          return v[i];
        }
      }
      return v[b.length];
    };
  }

  /**
   * {@code tf.train.polynomial_decay}: {@code (rate - end) * (1 - step / decaySteps) ^ power + end}, with
   * {@code step} capped at {@code decaySteps}; with {@code cycle}, {@code decaySteps} is instead multiplied
   * by {@code ceil(step / decaySteps)} (at least 1).
   */
  public static LearningRate polynomialDecay(
      float rate, long decaySteps, float endRate, float power, boolean cycle) {
    if (decaySteps <= 0) {
      throw new IllegalArgumentException("polynomial_decay: decay_steps must be positive, got " + decaySteps);
    }
    return step -> {
      float globalStep = step;
      float steps = decaySteps;
      if (cycle) {
        float multiplier = step == 0 ? 1f : (float) Math.ceil(globalStep / steps);
        steps = steps * multiplier;
      } else {
        globalStep = Math.min(globalStep, steps);
      }
      float fraction = globalStep / steps;
      return (rate - endRate) * (float) Math.pow(1f - fraction, power) + endRate;
    };
  }
}
