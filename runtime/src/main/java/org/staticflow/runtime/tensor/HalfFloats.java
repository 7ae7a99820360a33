package org.staticflow.runtime.tensor;

/** Conversions between {@code float} and the 16-bit float formats TensorFlow stores as raw bit patterns. */
public final class HalfFloats {
  private HalfFloats() {}

  /** IEEE 754 binary16 bits to float (exact). */
  public static float halfToFloat(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa * 2^-24, exact in float.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** Float to IEEE 754 binary16 bits, rounding to nearest even. */
  public static short floatToHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
    }
    int halfExponent = exponent - 112;
    if (halfExponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign;
      }
      // Subnormal half: shift the full significand and round to nearest even.
      int significand = mantissa | 0x800000;
      int shift = 14 - halfExponent;
      int half = significand >>> shift;
      int remainder = significand & ((1 << shift) - 1);
      int midpoint = 1 << (shift - 1);
      if (remainder > midpoint || (remainder == midpoint && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (halfExponent << 10) | (mantissa >>> 13);
    int remainder = mantissa & 0x1fff;
    if (remainder > 0x1000 || (remainder == 0x1000 && (half & 1) != 0)) {
      half++; // may carry into the exponent, which is the correct rounding up to the next binade or inf
    }
    return (short) (sign | half);
  }

  /** bfloat16 bits (the upper half of a float's bits) to float (exact). */
  public static float bfloat16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /** Float to bfloat16 bits, rounding to nearest even as TensorFlow does; NaN stays a quiet NaN. */
  public static short floatToBfloat16(float value) {
    if (Float.isNaN(value)) {
      return (short) 0x7fc0;
    }
    int bits = Float.floatToRawIntBits(value);
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }
}
