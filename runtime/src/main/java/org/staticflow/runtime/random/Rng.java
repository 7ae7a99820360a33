package org.staticflow.runtime.random;

import java.util.SplittableRandom;

/**
 * The seedable random generator of a model: variable initializers and {@code dropout} draw from it, so
 * the same seed gives the same run. Not thread-safe; a model owns one.
 *
 * <p>The stream is {@link SplittableRandom}'s, not TensorFlow's Philox: distributions match TensorFlow's
 * definitions, individual values do not.
 */
public final class Rng {
  private SplittableRandom random;

  /** A generator seeded with {@code seed}. */
  public Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Restarts the stream from {@code seed}. */
  public void reseed(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Uniform in {@code [0, 1)}. */
  public float nextFloat() {
    return (random.nextInt() >>> 8) * 0x1.0p-24f;
  }

  /** Standard normal. */
  public double nextGaussian() {
    return random.nextGaussian();
  }
}
