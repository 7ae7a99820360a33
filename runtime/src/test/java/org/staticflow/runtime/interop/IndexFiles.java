package org.staticflow.runtime.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Just enough of the {@code .index} table layout (tf-formats.md §1.2) to count its data blocks, written
 * separately from the reader under test so a test can confirm that a bundle really spans several blocks.
 */
public final class IndexFiles {
  private static final int FOOTER_SIZE = 48;
  private static final long MAGIC = 0xdb4775248b80fb57L;

  private IndexFiles() {}

  /**
   * The number of data blocks in the table at {@code index}. Every index-block entry is a restart point
   * (restart interval 1) and there is one entry per data block, so the index block's restart count is the
   * data block count.
   */
  public static int countDataBlocks(Path index) throws IOException {
    try (FileChannel channel = FileChannel.open(index, StandardOpenOption.READ)) {
      ByteBuffer footer = read(channel, channel.size() - FOOTER_SIZE, FOOTER_SIZE);
      if (footer.getLong(FOOTER_SIZE - 8) != MAGIC) {
        throw new IOException(index + ": not an sstable (bad magic number)");
      }
      readVarint(footer); // metaindex offset
      readVarint(footer); // metaindex size
      long indexOffset = readVarint(footer);
      int indexSize = Math.toIntExact(readVarint(footer));
      ByteBuffer block = read(channel, indexOffset, indexSize);
      return block.getInt(indexSize - 4);
    }
  }

  private static ByteBuffer read(FileChannel channel, long position, int size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return buffer.flip();
  }

  private static long readVarint(ByteBuffer buffer) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = buffer.get();
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
  }
}
