package org.staticflow.runtime.cli;

import java.io.IOException;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;

/** Reads the stored bytes of a small fixed-size tensor into one array, checksum verified by the reader. */
final class StoredBytes {
  private StoredBytes() {}

  /** The {@code size} stored bytes of {@code key}; {@code size} must fit in an array. */
  static byte[] read(BundleReader reader, String key, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(key + " has " + size + " bytes, more than one array holds");
    }
    byte[] bytes = new byte[(int) size];
    long[] received = {0};
    reader.readPayload(
        key,
        (position, chunk) -> {
          int n = chunk.remaining();
          if (position < 0 || position + n > bytes.length) {
            throw new CorruptCheckpointException(
                "payload of " + key + " in " + reader.prefix() + " has more than its " + size + " bytes");
          }
          chunk.get(bytes, (int) position, n);
          received[0] += n;
        });
    if (received[0] != size) {
      throw new CorruptCheckpointException(
          "payload of " + key + " in " + reader.prefix() + " delivered " + received[0] + " of " + size + " bytes");
    }
    return bytes;
  }
}
