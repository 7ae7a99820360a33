package org.staticflow.runtime.checkpoint.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;
import org.staticflow.runtime.checkpoint.table.MaskedCrc32c;
import org.staticflow.runtime.checkpoint.table.Varints;

/**
 * The serialized form of a {@code DT_STRING} tensor in a bundle ({@code tf-formats.md} §1.4): every
 * element's length as a varint64, a masked CRC32C of the lengths (computed over each length as a
 * little-endian uint32, or uint64 above 2^32-1), then all element bytes. The entry checksum continues that
 * CRC over the four stored checksum bytes and the element bytes.
 */
final class StringPayload {
  /** The payload bytes and the masked entry checksum. */
  record Encoded(byte[] bytes, int maskedCrc32c) {}

  private StringPayload() {}

  static Encoded encode(byte[][] elements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CRC32C crc = new CRC32C();
    for (byte[] element : elements) {
      Varints.write(out, element.length);
      updateWithLength(crc, element.length);
    }
    int lengthsChecksum = MaskedCrc32c.mask((int) crc.getValue());
    byte[] checksumBytes = littleEndian(lengthsChecksum);
    out.write(checksumBytes, 0, 4);
    crc.update(checksumBytes, 0, 4);
    for (byte[] element : elements) {
      out.write(element, 0, element.length);
      crc.update(element, 0, element.length);
    }
    return new Encoded(out.toByteArray(), MaskedCrc32c.mask((int) crc.getValue()));
  }

  /**
   * Decodes {@code count} elements from a payload, checking the lengths checksum, that the lengths account
   * for exactly the payload's bytes, and the entry checksum {@code expectedEntryCrc} (masked).
   */
  static byte[][] decode(byte[] payload, long count, int expectedEntryCrc, String what)
      throws CorruptCheckpointException {
    if (count > payload.length) {
      throw new CorruptCheckpointException(what + ": " + count + " strings cannot fit in " + payload.length
          + " bytes");
    }
    byte[][] elements = new byte[(int) count][];
    long[] lengths = new long[(int) count];
    ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    long total = 0;
    for (int i = 0; i < count; i++) {
      lengths[i] = readVarint64(in, what);
      updateWithLength(crc, lengths[i]);
      total += lengths[i];
      if (lengths[i] < 0 || total > payload.length) {
        throw new CorruptCheckpointException(what + ": string lengths exceed the stored " + payload.length
            + " bytes");
      }
    }
    if (in.remaining() < 4) {
      throw new CorruptCheckpointException(what + ": string payload is truncated before its length checksum");
    }
    int stored = in.getInt();
    int computed = MaskedCrc32c.mask((int) crc.getValue());
    if (stored != computed) {
      throw new CorruptCheckpointException(String.format(
          "%s: string length checksum mismatch (stored 0x%08x, computed 0x%08x)", what, stored, computed));
    }
    if (total != in.remaining()) {
      throw new CorruptCheckpointException(what + ": string lengths add up to " + total + " bytes but "
          + in.remaining() + " bytes follow them");
    }
    crc.update(payload, in.position() - 4, 4);
    for (int i = 0; i < count; i++) {
      elements[i] = new byte[(int) lengths[i]];
      in.get(elements[i]);
      crc.update(elements[i], 0, elements[i].length);
    }
    int entryCrc = MaskedCrc32c.mask((int) crc.getValue());
    if (entryCrc != expectedEntryCrc) {
      throw new CorruptCheckpointException(String.format(
          "%s: checksum mismatch (stored 0x%08x, computed 0x%08x)", what, expectedEntryCrc, entryCrc));
    }
    return elements;
  }

  private static void updateWithLength(CRC32C crc, long length) {
    if (length > 0xffffffffL) {
      byte[] bytes = new byte[8];
      for (int i = 0; i < 8; i++) {
        bytes[i] = (byte) (length >>> (8 * i));
      }
      crc.update(bytes, 0, 8);
    } else {
      crc.update(littleEndian((int) length), 0, 4);
    }
  }

  private static byte[] littleEndian(int value) {
    return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
  }

  private static long readVarint64(ByteBuffer in, String what) throws CorruptCheckpointException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!in.hasRemaining()) {
        throw new CorruptCheckpointException(what + ": truncated string length");
      }
      int b = in.get() & 0xff;
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new CorruptCheckpointException(what + ": malformed string length varint");
  }
}
