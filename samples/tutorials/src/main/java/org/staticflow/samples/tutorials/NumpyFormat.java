package org.staticflow.samples.tutorials;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * NumPy's default {@code str()} of float32 arrays (print options {@code precision=8},
 * {@code floatmode='maxprec'}), so that a sample prints {@code print(sess.run(v))} as the TensorFlow program
 * does: {@code [0.29999998]}, {@code [0.]}, {@code [-0.5]}, {@code [1.e-05]}.
 *
 * <p>Each element is the shortest decimal that reads back as the same float32, cut to at most 8 fractional
 * digits (the exact value rounded half-even), with trailing zeros trimmed down to the point
 * ({@code trim='.'}). Scientific notation ({@code 1.2345679e+08}) is used, for the whole array, when a non-zero
 * magnitude is at least 1e8 or below 1e-4, or the largest is over 1000 times the smallest. Elements are
 * joined by one space; NumPy's column alignment of several elements is not reproduced, so the output is
 * NumPy's exactly for one-element arrays (what the samples print) and for elements of equal width.
 */
public final class NumpyFormat {
  private static final int PRECISION = 8;

  private NumpyFormat() {}

  /** {@code str(np.array(values, dtype=np.float32))} for a one-dimensional array. */
  public static String array(float... values) {
    boolean scientific = scientific(values);
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(scientific ? scientific(values[i]) : positional(values[i]));
    }
    return text.append(']').toString();
  }

  private static boolean scientific(float[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (float value : values) {
      double magnitude = Math.abs(value);
      if (magnitude != 0 && Double.isFinite(magnitude)) {
        min = Math.min(min, magnitude);
        max = Math.max(max, magnitude);
      }
    }
    return max != 0 && (max >= 1e8 || min < 1e-4 || max / min > 1000);
  }

  /** NumPy's positional form of one element: {@code 0.29999998}, {@code 0.}, {@code -12.5}. */
  static String positional(float value) {
    String special = special(value);
    if (special != null) {
      return special;
    }
    BigDecimal digits = shortest(value);
    if (digits.scale() > PRECISION) {
      digits = new BigDecimal(value).setScale(PRECISION, RoundingMode.HALF_EVEN);
    }
    String text = trim(digits.stripTrailingZeros().toPlainString());
    return negativeZero(value) ? "-" + text : text;
  }

  /** NumPy's scientific form of one element: {@code 1.e-05}, {@code 1.2345679e+08}. */
  static String scientific(float value) {
    String special = special(value);
    if (special != null) {
      return special;
    }
    if (value == 0) {
      return (negativeZero(value) ? "-" : "") + "0.e+00";
    }
    BigDecimal digits = shortest(value);
    if (digits.precision() > PRECISION + 1) {
      digits = new BigDecimal(value).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
    }
    digits = digits.stripTrailingZeros();
    int exponent = digits.precision() - digits.scale() - 1;
    String mantissa = trim(digits.movePointLeft(exponent).toPlainString());
    return mantissa + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
  }

  /** The decimal with the fewest significant digits that reads back as {@code value} (a finite float). */
  static BigDecimal shortest(float value) {
    BigDecimal exact = new BigDecimal(value);
    if (value == 0) {
      return BigDecimal.ZERO;
    }
    for (int digits = 1; digits < 9; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.floatValue() == value) {
        return candidate;
      }
    }
    return exact.round(new MathContext(9, RoundingMode.HALF_EVEN));   // 9 digits always round-trip a float
  }

  private static String trim(String plain) {
    return plain.contains(".") ? plain : plain + ".";
  }

  private static boolean negativeZero(float value) {
    return value == 0 && Float.floatToRawIntBits(value) != 0;
  }

  private static String special(float value) {
    if (Float.isNaN(value)) {
      return "nan";
    }
    if (Float.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return null;
  }
}
