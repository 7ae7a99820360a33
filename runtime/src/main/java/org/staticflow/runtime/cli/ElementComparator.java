package org.staticflow.runtime.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.HalfFloats;

/**
 * Compares the stored elements of two fixed-size tensors of one type, chunk by chunk, and keeps what a
 * person wants to know about the differences: how many elements differ, the largest absolute difference,
 * how many differ because exactly one side is NaN, and where the first difference is.
 *
 * <p>Two elements are equal when their bits are equal; floating-point elements (including each part of a
 * complex number) are also equal when both are NaN or when they differ by at most the tolerance
 * {@code atol} (so {@code 0.0} equals {@code -0.0}). Integer and bool elements differ whenever their
 * values do, unless {@code atol > 0} and they are within it. Complex differences are moduli.
 */
final class ElementComparator {
  private final DataType type;
  private final int elementBytes;
  private final double atol;

  private long compared;
  private long differing;
  private long nanMismatches;
  private double maxAbsDiff;
  private long firstDifference = -1;
  private byte[] firstA;
  private byte[] firstB;

  ElementComparator(DataType type, double atol) {
    if (!type.isFixedSize()) {
      throw new IllegalArgumentException(type.pythonName() + " elements have no fixed size");
    }
    if (!(atol >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0, got " + atol);
    }
    this.type = type;
    this.elementBytes = type.byteSize();
    this.atol = atol;
  }

  /**
   * Compares the next elements: {@code a} and {@code b} hold the same number of whole elements from their
   * positions to their limits. Both buffers are consumed.
   */
  void compare(ByteBuffer a, ByteBuffer b) {
    if (a.remaining() != b.remaining() || a.remaining() % elementBytes != 0) {
      throw new IllegalArgumentException(
          "chunks of " + a.remaining() + " and " + b.remaining() + " bytes are not the same whole number of "
              + type.pythonName() + " elements");
    }
    ByteBuffer x = a.slice().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer y = b.slice().order(ByteOrder.LITTLE_ENDIAN);
    int length = x.remaining();
    int start = 0;
    while (start < length) {
      int mismatch = x.slice(start, length - start).mismatch(y.slice(start, length - start));
      if (mismatch < 0) {
        break;
      }
      int position = (start + mismatch) / elementBytes * elementBytes;
      compareElement(x, y, position, compared + position / elementBytes);
      start = position + elementBytes;
    }
    compared += length / elementBytes;
    a.position(a.limit());
    b.position(b.limit());
  }

  private void compareElement(ByteBuffer a, ByteBuffer b, int position, long index) {
    double diff;
    boolean nanMismatch = false;
    switch (type) {
      case FLOAT, DOUBLE, HALF, BFLOAT16 -> {
        double x = real(a, position);
        double y = real(b, position);
        if (Double.isNaN(x) && Double.isNaN(y)) {
          return;
        }
        nanMismatch = Double.isNaN(x) || Double.isNaN(y);
        diff = Math.abs(x - y);
      }
      case COMPLEX64, COMPLEX128 -> {
        int half = elementBytes / 2;
        double re = partDiff(real(a, position), real(b, position));
        double im = partDiff(real(a, position + half), real(b, position + half));
        nanMismatch = Double.isNaN(re) || Double.isNaN(im);
        diff = Math.hypot(re, im);
      }
      default -> {
        diff = integerDiff(a, b, position);
        if (atol == 0) {
          record(a, b, position, index, diff, false);
          return;
        }
      }
    }
    if (nanMismatch || !(diff <= atol)) {
      record(a, b, position, index, diff, nanMismatch);
    }
  }

  private static double partDiff(double x, double y) {
    return Double.isNaN(x) && Double.isNaN(y) ? 0 : Math.abs(x - y);
  }

  private void record(
      ByteBuffer a, ByteBuffer b, int position, long index, double diff, boolean nanMismatch) {
    differing++;
    if (firstDifference < 0) {
      firstDifference = index;
      firstA = new byte[elementBytes];
      firstB = new byte[elementBytes];
      a.get(position, firstA);
      b.get(position, firstB);
    }
    if (nanMismatch) {
      nanMismatches++;
    } else {
      maxAbsDiff = Math.max(maxAbsDiff, diff);
    }
  }

  /** The floating-point value (or real part) at {@code position}. */
  private double real(ByteBuffer buffer, int position) {
    return switch (type) {
      case FLOAT, COMPLEX64 -> buffer.getFloat(position);
      case DOUBLE, COMPLEX128 -> buffer.getDouble(position);
      case HALF -> HalfFloats.halfToFloat(buffer.getShort(position));
      case BFLOAT16 -> HalfFloats.bfloat16ToFloat(buffer.getShort(position));
      default -> throw new IllegalStateException(type + " is not a floating-point type");
    };
  }

  private double integerDiff(ByteBuffer a, ByteBuffer b, int position) {
    if (type == DataType.UINT64) {
      long x = a.getLong(position);
      long y = b.getLong(position);
      long difference = Long.compareUnsigned(x, y) >= 0 ? x - y : y - x;
      return unsignedToDouble(difference);
    }
    long x = integer(a, position);
    long y = integer(b, position);
    try {
      return Math.abs((double) Math.subtractExact(x, y));
    } catch (ArithmeticException overflow) {
      return Math.abs((double) x - (double) y);
    }
  }

  private static double unsignedToDouble(long value) {
    return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
  }

  private long integer(ByteBuffer buffer, int position) {
    return switch (type) {
      case INT64 -> buffer.getLong(position);
      case INT32, QINT32 -> buffer.getInt(position);
      case UINT32 -> Integer.toUnsignedLong(buffer.getInt(position));
      case INT16, QINT16 -> buffer.getShort(position);
      case UINT16, QUINT16 -> Short.toUnsignedLong(buffer.getShort(position));
      case INT8, QINT8 -> buffer.get(position);
      case UINT8, QUINT8, BOOL -> Byte.toUnsignedLong(buffer.get(position));
      default -> throw new IllegalStateException(type + " is not an integer type");
    };
  }

  /** Elements compared so far. */
  long compared() {
    return compared;
  }

  /** Elements found different so far. */
  long differing() {
    return differing;
  }

  /** Differing elements where exactly one side (or one part of a complex number) is NaN. */
  long nanMismatches() {
    return nanMismatches;
  }

  /** The largest absolute difference among differing elements that are not NaN mismatches (0 if none). */
  double maxAbsDiff() {
    return maxAbsDiff;
  }

  /** Row-major index of the first differing element, or -1. */
  long firstDifference() {
    return firstDifference;
  }

  /** The stored bytes of the first differing element on side A, or null if none differs. */
  byte[] firstDifferenceA() {
    return firstA == null ? null : firstA.clone();
  }

  /** The stored bytes of the first differing element on side B, or null if none differs. */
  byte[] firstDifferenceB() {
    return firstB == null ? null : firstB.clone();
  }
}
