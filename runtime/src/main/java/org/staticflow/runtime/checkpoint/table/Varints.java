package org.staticflow.runtime.checkpoint.table;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints (protobuf's encoding), as used in table blocks and block handles. */
public final class Varints {
  private Varints() {}

  /** Appends {@code value} (treated as unsigned) in at most 10 bytes. */
  public static void write(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** Number of bytes {@link #write} uses for {@code value}. */
  public static int size(long value) {
    int size = 1;
    while ((value & ~0x7fL) != 0) {
      size++;
      value >>>= 7;
    }
    return size;
  }
}
