package org.staticflow.runtime.checkpoint.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.staticflow.proto.TensorSliceProto;

/**
 * The index key of one slice of a partitioned variable, TensorFlow's {@code EncodeTensorNameSlice}: in
 * TensorFlow's order-preserving "OrderedCode" encoding, the number 0, the tensor name, the rank, then the
 * start and length of every extent (length -1 for a whole dimension). See {@code tf-formats.md} §1.5.
 */
final class SliceKeys {
  /** Header bits of an n-byte signed number (n = index), first and second byte. */
  private static final int[][] SIGNED_HEADER = {
    {0, 0}, {0x80, 0}, {0xc0, 0}, {0xe0, 0}, {0xf0, 0}, {0xf8, 0}, {0xfc, 0}, {0xfe, 0}, {0xff, 0},
    {0xff, 0x80}, {0xff, 0xc0}
  };

  private SliceKeys() {}

  /** The key under which TensorFlow stores {@code slice} of the variable {@code name}. */
  static byte[] encode(String name, TensorSliceProto slice) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeNumIncreasing(out, 0);
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      out.write(b);
      if (b == 0) {
        out.write(0xff);
      } else if (b == (byte) 0xff) {
        out.write(0);
      }
    }
    out.write(0);
    out.write(1);
    writeNumIncreasing(out, slice.getExtentCount());
    for (TensorSliceProto.Extent extent : slice.getExtentList()) {
      writeSignedNumIncreasing(out, extent.getStart());
      writeSignedNumIncreasing(out, extent.hasLength() ? extent.getLength() : -1);
    }
    return out.toByteArray();
  }

  /** A length byte (count of significant bytes), then those bytes big-endian; 0 is the single byte 00. */
  static void writeNumIncreasing(ByteArrayOutputStream out, long value) {
    int length = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    out.write(length);
    for (int i = length - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  /**
   * Signed numbers: n bytes carry 7n-1 payload bits; the value's two's complement, sign-extended and cut to
   * n bytes, has its first one or two bytes XOR-ed with a header of a sign bit repeated n times and a final
   * opposite bit, so that byte order equals numeric order.
   */
  static void writeSignedNumIncreasing(ByteArrayOutputStream out, long value) {
    long magnitude = value < 0 ? ~value : value;
    if (magnitude < 64) {
      out.write((int) (0x80 ^ value) & 0xff);
      return;
    }
    int bits = 64 - Long.numberOfLeadingZeros(magnitude);
    int length = (bits + 2 + 6) / 7;
    byte[] buffer = new byte[10];
    byte sign = value < 0 ? (byte) 0xff : 0;
    buffer[0] = sign;
    buffer[1] = sign;
    for (int i = 0; i < 8; i++) {
      buffer[2 + i] = (byte) (value >>> (8 * (7 - i)));
    }
    int begin = buffer.length - length;
    buffer[begin] ^= (byte) SIGNED_HEADER[length][0];
    buffer[begin + 1] ^= (byte) SIGNED_HEADER[length][1];
    out.write(buffer, begin, length);
  }
}
