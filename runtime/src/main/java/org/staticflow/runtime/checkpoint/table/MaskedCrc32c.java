package org.staticflow.runtime.checkpoint.table;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * TensorFlow's (and LevelDB's) masked CRC32C. Stored checksums are masked so that a CRC computed over data
 * that itself contains CRCs does not degenerate: {@code mask(c) = rotateRight(c, 15) + 0xa282ead8}.
 */
public final class MaskedCrc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  /** The masked form of a CRC32C value, as stored in files. */
  public static int mask(int crc) {
    return Integer.rotateRight(crc, 15) + MASK_DELTA;
  }

  /** The CRC32C value a stored (masked) checksum stands for. */
  public static int unmask(int masked) {
    return Integer.rotateLeft(masked - MASK_DELTA, 15);
  }

  /** Masked CRC32C of {@code length} bytes of {@code data} from {@code offset}. */
  public static int of(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return mask((int) crc.getValue());
  }

  /** Masked CRC32C of the remaining bytes of {@code data}; the buffer's position is left unchanged. */
  public static int of(ByteBuffer data) {
    CRC32C crc = new CRC32C();
    crc.update(data.duplicate());
    return mask((int) crc.getValue());
  }
}
