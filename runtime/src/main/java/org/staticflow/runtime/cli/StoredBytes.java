package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;

/**
 * Reads the stored bytes of a small fixed-size tensor into one little-endian array, checksum verified by the
 * reader.
 */
final class StoredBytes {
  private StoredBytes() {}

  /** The stored bytes of {@code entry}, which must fit in one array. */
  static byte[] read(BundleReader reader, BundleEntry entry) throws IOException {
    long size = entry.shape().numElements() * entry.dataType().byteSize();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(entry.key() + " has " + size + " bytes, more than one array holds");
    }
    byte[] bytes = new byte[(int) size];
    long[] received = {0};
    reader.readPayload(
        entry.key(),
        (position, chunk) -> {
          ByteBuffer little = LittleEndian.of(chunk, entry.dataType());
          int n = little.remaining();
          if (position < 0 || position + n > bytes.length) {
            throw new CorruptCheckpointException(
                "payload of " + entry.key() + " in " + reader.prefix() + " has more than its " + size + " bytes");
          }
          little.get(bytes, (int) position, n);
          received[0] += n;
        });
    if (received[0] != size) {
      throw new CorruptCheckpointException(
          "payload of " + entry.key() + " in " + reader.prefix() + " delivered " + received[0] + " of " + size
              + " bytes");
    }
    return bytes;
  }
}
