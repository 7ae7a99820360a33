package org.staticflow.runtime.checkpoint.table;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Builds one table block: prefix-compressed entries ({@code shared}, {@code non_shared}, {@code value_length}
 * varints, key suffix, value), a full key every {@code restartInterval} entries, then the restart offsets
 * and their count as little-endian uint32s.
 */
final class BlockBuilder {
  private final int restartInterval;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private int[] restarts = new int[16];
  private int restartCount;
  private int entriesSinceRestart;
  private byte[] lastKey = new byte[0];
  private boolean empty = true;

  BlockBuilder(int restartInterval) {
    this.restartInterval = restartInterval;
    reset();
  }

  void reset() {
    buffer.reset();
    restartCount = 0;
    addRestart(0);
    entriesSinceRestart = 0;
    lastKey = new byte[0];
    empty = true;
  }

  boolean isEmpty() {
    return empty;
  }

  /** Adds an entry; keys must arrive in strictly increasing unsigned-byte order (checked by the table). */
  void add(byte[] key, byte[] value) {
    int shared = 0;
    if (entriesSinceRestart < restartInterval) {
      int max = Math.min(lastKey.length, key.length);
      while (shared < max && lastKey[shared] == key[shared]) {
        shared++;
      }
    } else {
      addRestart(buffer.size());
      entriesSinceRestart = 0;
    }
    Varints.write(buffer, shared);
    Varints.write(buffer, key.length - shared);
    Varints.write(buffer, value.length);
    buffer.write(key, shared, key.length - shared);
    buffer.write(value, 0, value.length);
    lastKey = key;
    entriesSinceRestart++;
    empty = false;
  }

  /** What the finished block would weigh: entries, restart array and count (TensorFlow's estimate). */
  long currentSizeEstimate() {
    return buffer.size() + 4L * restartCount + 4;
  }

  /** The finished block bytes; call {@link #reset()} before reuse. */
  byte[] finish() {
    for (int i = 0; i < restartCount; i++) {
      writeFixed32(restarts[i]);
    }
    writeFixed32(restartCount);
    return buffer.toByteArray();
  }

  private void addRestart(int offset) {
    if (restartCount == restarts.length) {
      restarts = Arrays.copyOf(restarts, restartCount * 2);
    }
    restarts[restartCount++] = offset;
  }

  private void writeFixed32(int value) {
    buffer.write(value);
    buffer.write(value >>> 8);
    buffer.write(value >>> 16);
    buffer.write(value >>> 24);
  }
}
