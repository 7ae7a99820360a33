package org.staticflow.runtime.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.staticflow.runtime.random.Rng;

/** Variable initializers with TensorFlow 1.x's definitions, filling a buffer in place. */
public final class Initializers {
  private Initializers() {}

  /** Every element {@code value} ({@code zeros}, {@code ones}, {@code constant(v)}). */
  public static void constant(float[] data, float value) {
    Arrays.fill(data, value);
  }

  /** Every element {@code value}. */
  public static void constant(int[] data, int value) {
    Arrays.fill(data, value);
  }

  /** Every element {@code value}. */
  public static void constant(long[] data, long value) {
    Arrays.fill(data, value);
  }

  /** Uniform in {@code [min, max)} ({@code random_uniform}). */
  public static void randomUniform(float[] data, float min, float max, Rng rng) {
    for (int i = 0; i < data.length; i++) {
      data[i] = min + (max - min) * rng.nextFloat();
    }
  }

  /** Normal with the given mean and standard deviation ({@code random_normal}). */
  public static void randomNormal(float[] data, float mean, float stddev, Rng rng) {
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (mean + stddev * rng.nextGaussian());
    }
  }

  /**
   * Normal with the given mean and standard deviation, values more than two standard deviations from the
   * mean drawn again ({@code truncated_normal}).
   */
  public static void truncatedNormal(float[] data, float mean, float stddev, Rng rng) {
    for (int i = 0; i < data.length; i++) {
      double z;
      do {
        z = rng.nextGaussian();
      } while (Math.abs(z) > 2.0);
      data[i] = (float) (mean + stddev * z);
    }
  }

  /**
   * Glorot (Xavier) uniform: uniform in {@code ±sqrt(6 / (fanIn + fanOut))}, where for a shape
   * {@code [..., in, out]} the fans are {@code in} and {@code out} times the product of the leading
   * (receptive field) dimensions.
   */
  public static void glorotUniform(float[] data, int fanIn, int fanOut, Rng rng) {
    float limit = (float) Math.sqrt(6.0 / Math.max(1.0, fanIn + fanOut));
    randomUniform(data, -limit, limit, rng);
  }

  /**
   * Fills {@code data} with the float32 values stored little-endian in resource {@code resource} of
   * {@code owner} (found with {@link Class#getResourceAsStream}) from element {@code offset} on: the
   * constants of a frozen graph compiled at build time.
   *
   * @throws IllegalStateException if the resource is missing or too short (a packaging error: the processor
   *     writes it next to the generated class)
   */
  public static void embedded(Class<?> owner, String resource, long offset, float[] data) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " of " + owner.getName()
            + " is missing from the class path; the build must package it next to the class");
      }
      in.skipNBytes(offset * Float.BYTES);
      byte[] chunk = new byte[Math.min(1 << 16, data.length * Float.BYTES)];
      ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
      int filled = 0;
      while (filled < data.length) {
        int n = Math.min(chunk.length / Float.BYTES, data.length - filled);
        if (in.readNBytes(chunk, 0, n * Float.BYTES) != n * Float.BYTES) {
          throw new EOFException();
        }
        view.clear();
        for (int i = 0; i < n; i++) {
          data[filled++] = view.getFloat();
        }
      }
    } catch (EOFException e) {
      throw new IllegalStateException("resource " + resource + " of " + owner.getName() + " ends before element "
          + (offset + data.length) + "; it does not belong to this class version", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource + " of " + owner.getName(), e);
    }
  }
}
