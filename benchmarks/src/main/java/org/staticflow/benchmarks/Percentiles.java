package org.staticflow.benchmarks;

import java.util.Arrays;

/** Percentiles of a sample, as the paired runs report them (median and quartiles). */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The {@code q}-quantile of {@code values} ({@code 0 <= q <= 1}), by linear interpolation between the closest
   * ranks; {@code values} is not changed.
   */
  public static double of(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = q * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
  }
}
