package org.staticflow.runtime.checkpoint.table;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes a table exactly as TensorFlow's {@code TableBuilder} does with the options of its bundle writer:
 * uncompressed blocks of about {@code blockSize} bytes (256 KiB), restart interval 16 (1 for the index),
 * an empty metaindex block, index keys shortened to the shortest separator / short successor, and the
 * 48-byte footer. Keys must be added in strictly increasing unsigned-byte order.
 */
public final class TableWriter {
  /** TensorFlow's bundle writer uses 256 KiB blocks (LevelDB's default is 4 KiB). */
  public static final int BUNDLE_BLOCK_SIZE = 256 * 1024;
  /** A full key every 16 entries in data blocks. */
  public static final int BUNDLE_RESTART_INTERVAL = 16;

  private final OutputStream out;
  private final int blockSize;
  private final BlockBuilder dataBlock;
  private final BlockBuilder indexBlock = new BlockBuilder(1);
  private long offset;
  private byte[] lastKey;
  private boolean pendingIndexEntry;
  private BlockHandle pendingHandle;
  private boolean finished;

  /** A writer with TensorFlow's bundle options. */
  public TableWriter(OutputStream out) {
    this(out, BUNDLE_BLOCK_SIZE, BUNDLE_RESTART_INTERVAL);
  }

  public TableWriter(OutputStream out, int blockSize, int restartInterval) {
    this.out = out;
    this.blockSize = blockSize;
    this.dataBlock = new BlockBuilder(restartInterval);
  }

  /**
   * Appends an entry.
   *
   * @throws IllegalArgumentException if {@code key} is not greater than the previous key
   */
  public void add(byte[] key, byte[] value) throws IOException {
    if (finished) {
      throw new IllegalStateException("table already finished");
    }
    if (lastKey != null) {
      if (compareUnsigned(key, lastKey) <= 0) {
        throw new IllegalArgumentException("table keys must be strictly increasing");
      }
      // Like TensorFlow: an entry at least twice the block size starts a block of its own.
      if ((long) key.length + value.length >= 2L * blockSize) {
        flush();
      }
    }
    if (pendingIndexEntry) {
      addIndexEntry(shortestSeparator(lastKey, key));
    }
    lastKey = key;
    dataBlock.add(key, value);
    if (dataBlock.currentSizeEstimate() >= blockSize) {
      flush();
    }
  }

  /** Writes the last data block, the metaindex and index blocks and the footer. Does not close the stream. */
  public void finish() throws IOException {
    flush();
    finished = true;
    BlockHandle metaindex = writeBlock(new BlockBuilder(BUNDLE_RESTART_INTERVAL));
    if (pendingIndexEntry) {
      addIndexEntry(shortSuccessor(lastKey));
    }
    BlockHandle index = writeBlock(indexBlock);
    byte[] footer = new byte[TableFormat.FOOTER_SIZE];
    byte[] handles = concat(metaindex.encode(), index.encode());
    System.arraycopy(handles, 0, footer, 0, handles.length);
    for (int i = 0; i < 8; i++) {
      footer[40 + i] = (byte) (TableFormat.MAGIC >>> (8 * i));
    }
    out.write(footer);
    offset += footer.length;
  }

  /** Bytes written so far. */
  public long size() {
    return offset;
  }

  private void flush() throws IOException {
    if (dataBlock.isEmpty()) {
      return;
    }
    pendingHandle = writeBlock(dataBlock);
    pendingIndexEntry = true;
  }

  private void addIndexEntry(byte[] separator) {
    indexBlock.add(separator, pendingHandle.encode());
    pendingIndexEntry = false;
  }

  private BlockHandle writeBlock(BlockBuilder block) throws IOException {
    byte[] contents = block.finish();
    block.reset();
    BlockHandle handle = new BlockHandle(offset, contents.length);
    out.write(contents);
    CRC32C crc = new CRC32C();
    crc.update(contents, 0, contents.length);
    crc.update(TableFormat.NO_COMPRESSION);
    int masked = MaskedCrc32c.mask((int) crc.getValue());
    out.write(new byte[] {
      TableFormat.NO_COMPRESSION, (byte) masked, (byte) (masked >>> 8), (byte) (masked >>> 16),
      (byte) (masked >>> 24)
    });
    offset += contents.length + TableFormat.BLOCK_TRAILER_SIZE;
    return handle;
  }

  /**
   * LevelDB's shortest separator: a short key k with {@code start <= k < limit}. At the first differing byte,
   * if it can be incremented and stay below {@code limit}'s byte, truncate there; otherwise keep
   * {@code start}.
   */
  static byte[] shortestSeparator(byte[] start, byte[] limit) {
    int min = Math.min(start.length, limit.length);
    int diff = 0;
    while (diff < min && start[diff] == limit[diff]) {
      diff++;
    }
    if (diff < min) {
      int diffByte = start[diff] & 0xff;
      if (diffByte < 0xff && diffByte + 1 < (limit[diff] & 0xff)) {
        byte[] separator = Arrays.copyOf(start, diff + 1);
        separator[diff]++;
        return separator;
      }
    }
    return start;
  }

  /** LevelDB's short successor: increment the first byte that is not 0xff and truncate after it. */
  static byte[] shortSuccessor(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if ((key[i] & 0xff) != 0xff) {
        byte[] successor = Arrays.copyOf(key, i + 1);
        successor[i]++;
        return successor;
      }
    }
    return key;
  }

  /** Unsigned lexicographic comparison (memcmp, shorter first on a common prefix). */
  public static int compareUnsigned(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] result = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, result, a.length, b.length);
    return result;
  }
}
