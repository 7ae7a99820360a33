package org.staticflow.runtime.checkpoint.table;

import java.util.Arrays;
import java.util.List;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;

/**
 * Decodes the entries of one (uncompressed) block, checking every length against the block bounds: the
 * restart array and count at the end, then prefix-compressed entries up to the restart array.
 */
final class BlockDecoder {
  private BlockDecoder() {}

  /**
   * Appends the block's entries to {@code out}, checking that keys increase strictly (continuing from
   * {@code previousKey}, which may be null).
   *
   * @return the last key of the block (or {@code previousKey} if the block is empty)
   */
  static byte[] decode(byte[] block, String what, byte[] previousKey, List<TableEntry> out)
      throws CorruptCheckpointException {
    ByteCursor cursor = new ByteCursor(block, 0, block.length, what);
    if (block.length < 4) {
      throw cursor.corrupt("block of " + block.length + " bytes is too short for its restart count");
    }
    long restartCount = readFixed32(block, block.length - 4) & 0xffffffffL;
    long restartBytes = 4 * restartCount + 4;
    if (restartCount == 0 || restartBytes > block.length) {
      throw cursor.corrupt("block of " + block.length + " bytes claims " + restartCount + " restart points");
    }
    int entriesEnd = (int) (block.length - restartBytes);
    for (int i = 0; i < restartCount; i++) {
      long restart = readFixed32(block, entriesEnd + 4 * i) & 0xffffffffL;
      if (restart > entriesEnd || (i == 0 && restart != 0)) {
        throw cursor.corrupt("restart point " + i + " at " + restart + " is outside the block's entries");
      }
    }
    ByteCursor entries = new ByteCursor(block, 0, entriesEnd, what);
    byte[] key = previousKey;
    byte[] blockKey = new byte[0];
    while (entries.hasRemaining()) {
      int shared = entries.readVarint32("entry shared length");
      int nonShared = entries.readVarint32("entry key length");
      int valueLength = entries.readVarint32("entry value length");
      if (shared > blockKey.length) {
        throw entries.corrupt("entry shares " + shared + " key bytes but the previous key has "
            + blockKey.length);
      }
      int suffixStart = entries.take(nonShared, "key suffix");
      int valueStart = entries.take(valueLength, "value");
      byte[] fullKey = Arrays.copyOf(blockKey, shared + nonShared);
      System.arraycopy(block, suffixStart, fullKey, shared, nonShared);
      if (key != null && Arrays.compareUnsigned(fullKey, key) <= 0) {
        throw entries.corrupt("keys are not in increasing order");
      }
      out.add(new TableEntry(fullKey, Arrays.copyOfRange(block, valueStart, valueStart + valueLength)));
      key = fullKey;
      blockKey = fullKey;
    }
    return key;
  }

  static int readFixed32(byte[] data, int offset) {
    return (data[offset] & 0xff)
        | (data[offset + 1] & 0xff) << 8
        | (data[offset + 2] & 0xff) << 16
        | (data[offset + 3] & 0xff) << 24;
  }
}
