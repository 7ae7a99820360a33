package org.staticflow.runtime.checkpoint.table;

import org.staticflow.runtime.checkpoint.CorruptCheckpointException;

/**
 * Bounds-checked sequential decoding over a byte range. Every read that would run past the limit throws
 * {@link CorruptCheckpointException} naming the file and the structure being decoded, so a lying length
 * field can never cause an out-of-bounds access or a huge allocation.
 */
final class ByteCursor {
  private final byte[] data;
  private final int limit;
  private final String source;
  private int position;

  ByteCursor(byte[] data, int offset, int limit, String source) {
    this.data = data;
    this.position = offset;
    this.limit = limit;
    this.source = source;
  }

  int position() {
    return position;
  }

  boolean hasRemaining() {
    return position < limit;
  }

  int remaining() {
    return limit - position;
  }

  /** Reads a varint that must fit in 32 bits and be non-negative as an int. */
  int readVarint32(String what) throws CorruptCheckpointException {
    long value = readVarint64(what, 5);
    if (value > Integer.MAX_VALUE) {
      throw corrupt(what + " varint " + value + " is too large");
    }
    return (int) value;
  }

  long readVarint64(String what) throws CorruptCheckpointException {
    return readVarint64(what, 10);
  }

  private long readVarint64(String what, int maxBytes) throws CorruptCheckpointException {
    long result = 0;
    for (int i = 0; i < maxBytes; i++) {
      if (position >= limit) {
        throw corrupt("truncated varint in " + what);
      }
      int b = data[position++] & 0xff;
      result |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw corrupt("malformed varint in " + what + " (more than " + maxBytes + " bytes)");
  }

  /** Skips {@code length} bytes after checking they are there; returns their start offset. */
  int take(int length, String what) throws CorruptCheckpointException {
    if (length < 0 || length > limit - position) {
      throw corrupt(what + " of " + length + " bytes runs past the end of its block (" + remaining()
          + " bytes left)");
    }
    int start = position;
    position += length;
    return start;
  }

  CorruptCheckpointException corrupt(String problem) {
    return new CorruptCheckpointException(source + ": " + problem);
  }
}
