package org.staticflow.samples.tutorials;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Python's {@code %g} number formatting, so that the samples print what the TensorFlow programs print. */
public final class PythonFormat {
  private PythonFormat() {}

  /**
   * {@code "%g" % value}: six significant digits, trailing zeros removed, scientific notation when the
   * decimal exponent is below -4 or at least 6 ({@code 0.9846}, {@code 2.30259}, {@code 1e-05}).
   */
  public static String g(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      return mantissa.toPlainString() + String.format("e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /**
   * {@code "%f" % value}: the exact binary value rounded half-even to six decimals, as C's {@code printf}
   * does ({@code 0.300000}, {@code -0.000001}); a negative value that rounds to zero keeps its sign
   * ({@code -0.000000}), as in Python. Java's own {@code %f} rounds a shortest decimal form instead, which
   * differs at ties.
   */
  public static String f(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    String text = new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = value < 0 || (value == 0 && 1 / value < 0);
    return negative && !text.startsWith("-") ? "-" + text : text;
  }
}
