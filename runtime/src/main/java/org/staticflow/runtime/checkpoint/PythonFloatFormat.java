package org.staticflow.runtime.checkpoint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a {@code double} exactly as Python 3's {@code repr(float)} (and so protobuf's Python
 * {@code text_format}) does, so that state files written here are byte-identical to TensorFlow's.
 *
 * <p>Contract: the digits are the shortest decimal string that parses back to the same double, and among
 * strings of that length the one nearest to the exact binary value. With {@code 0.d1d2...dn × 10^decpt}
 * the normalised form, the text is positional when {@code -4 < decpt <= 16} ({@code 1714000000.5},
 * {@code 0.0001}, {@code 1.0}: a {@code .0} is added to integers) and scientific otherwise
 * ({@code 1e+16}, {@code 1e-05}, {@code 1.5e+300}: exponent signed, at least two digits). Non-finite
 * values are {@code inf}, {@code -inf} and {@code nan}.
 *
 * <p>{@link Double#toString} is not used for the digits because before JDK 19 it sometimes printed more
 * digits than needed (JDK-4511638).
 */
final class PythonFloatFormat {
  private PythonFloatFormat() {}

  static String repr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0";
    }
    String sign = value < 0 ? "-" : "";
    BigDecimal shortest = shortestRoundTrip(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    // Strip trailing zeros of the digit string; they only move the decimal point.
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    int decpt = digits.length() - shortest.scale();
    digits = digits.substring(0, end);
    return sign + layout(digits, decpt);
  }

  /** Python's {@code format_float_short} layout for mode 'r' with {@code Py_DTSF_ADD_DOT_0}. */
  private static String layout(String digits, int decpt) {
    int n = digits.length();
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        return "0." + "0".repeat(-decpt) + digits;
      }
      if (decpt >= n) {
        return digits + "0".repeat(decpt - n) + ".0";
      }
      return digits.substring(0, decpt) + "." + digits.substring(decpt);
    }
    int exponent = decpt - 1;
    String mantissa = n == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exponentDigits = Integer.toString(Math.abs(exponent));
    if (exponentDigits.length() < 2) {
      exponentDigits = "0" + exponentDigits;
    }
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + exponentDigits;
  }

  /**
   * The shortest decimal that reads back as {@code positive}. For each precision the nearest decimal is
   * tried first; if it does not round-trip, the one on the other side is tried, because the rounding
   * interval of a power of two is asymmetric and the farther neighbour can be inside it.
   */
  private static BigDecimal shortestRoundTrip(double positive) {
    BigDecimal exact = new BigDecimal(positive);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (nearest.doubleValue() == positive) {
        return nearest;
      }
      RoundingMode other =
          nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
      BigDecimal farther = exact.round(new MathContext(precision, other));
      if (farther.doubleValue() == positive) {
        return farther;
      }
    }
    // 17 significant digits always round-trip a double; this is not reached.
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }
}
