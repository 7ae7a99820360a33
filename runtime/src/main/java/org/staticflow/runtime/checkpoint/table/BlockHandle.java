package org.staticflow.runtime.checkpoint.table;

import java.io.ByteArrayOutputStream;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;

/**
 * Position of a block in a table file: offset and size of the stored bytes, excluding the 5-byte trailer.
 * Encoded as two varint64s.
 */
record BlockHandle(long offset, long size) {
  void encodeTo(ByteArrayOutputStream out) {
    Varints.write(out, offset);
    Varints.write(out, size);
  }

  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(20);
    encodeTo(out);
    return out.toByteArray();
  }

  static BlockHandle decode(ByteCursor cursor, String what) throws CorruptCheckpointException {
    long offset = cursor.readVarint64(what + " offset");
    long size = cursor.readVarint64(what + " size");
    if (offset < 0 || size < 0) {
      throw cursor.corrupt(what + " has a negative offset or size");
    }
    return new BlockHandle(offset, size);
  }
}
