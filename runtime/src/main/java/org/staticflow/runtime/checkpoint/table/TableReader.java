package org.staticflow.runtime.checkpoint.table;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;

/**
 * Reads every entry of a TensorFlow table file: footer, index block, then each data block, verifying the
 * masked CRC32C of every block and decompressing Snappy blocks (which some TensorFlow builds wrote).
 * Nothing is trusted before it is checked against the file size, so a damaged or hostile file produces a
 * {@link CorruptCheckpointException} naming the file, never an out-of-memory error.
 */
public final class TableReader {
  /** Blocks are around 256 KiB; anything claiming more than this is not a table we wrote or TF wrote. */
  private static final long MAX_BLOCK_SIZE = 1L << 30;

  private TableReader() {}

  /** Reads all entries of the table in {@code file}, in key order. */
  public static List<TableEntry> readAll(Path file) throws IOException {
    String name = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      if (fileSize < TableFormat.FOOTER_SIZE) {
        throw new CorruptCheckpointException(name + ": file of " + fileSize
            + " bytes is too short to be a table (a table ends with a 48-byte footer)");
      }
      byte[] footer = readFully(channel, fileSize - TableFormat.FOOTER_SIZE, TableFormat.FOOTER_SIZE, name);
      long magic = 0;
      for (int i = 7; i >= 0; i--) {
        magic = (magic << 8) | (footer[40 + i] & 0xff);
      }
      if (magic != TableFormat.MAGIC) {
        throw new CorruptCheckpointException(name + ": not an sstable (bad magic number)");
      }
      ByteCursor footerCursor = new ByteCursor(footer, 0, 40, name + " footer");
      BlockHandle.decode(footerCursor, "metaindex handle");
      BlockHandle indexHandle = BlockHandle.decode(footerCursor, "index handle");
      long blocksEnd = fileSize - TableFormat.FOOTER_SIZE;
      byte[] index = readBlock(channel, indexHandle, blocksEnd, name, "index block");
      List<TableEntry> handles = new ArrayList<>();
      BlockDecoder.decode(index, name + " index block", null, handles);
      List<TableEntry> entries = new ArrayList<>();
      byte[] lastKey = null;
      for (int i = 0; i < handles.size(); i++) {
        byte[] value = handles.get(i).value();
        ByteCursor cursor = new ByteCursor(value, 0, value.length, name + " index entry " + i);
        BlockHandle handle = BlockHandle.decode(cursor, "data block handle");
        String what = name + " data block " + i + " (offset " + handle.offset() + ")";
        byte[] block = readBlock(channel, handle, indexHandle.offset(), name, "data block " + i);
        lastKey = BlockDecoder.decode(block, what, lastKey, entries);
      }
      return entries;
    } catch (NoSuchFileException e) {
      throw new CheckpointException(name + ": no such file", e);
    }
  }

  private static byte[] readBlock(FileChannel channel, BlockHandle handle, long limit, String file, String what)
      throws IOException {
    if (handle.size() > MAX_BLOCK_SIZE
        || handle.offset() > limit
        || handle.size() + TableFormat.BLOCK_TRAILER_SIZE > limit - handle.offset()) {
      throw new CorruptCheckpointException(file + ": " + what + " at offset " + handle.offset() + " with size "
          + handle.size() + " does not fit in the file (blocks end at " + limit + ")");
    }
    int size = (int) handle.size();
    byte[] stored = readFully(channel, handle.offset(), size + TableFormat.BLOCK_TRAILER_SIZE, file);
    byte type = stored[size];
    CRC32C crc = new CRC32C();
    crc.update(stored, 0, size + 1);
    int expected = BlockDecoder.readFixed32(stored, size + 1);
    int actual = MaskedCrc32c.mask((int) crc.getValue());
    if (actual != expected) {
      throw new CorruptCheckpointException(String.format(
          "%s: block checksum mismatch in %s at offset %d (stored 0x%08x, computed 0x%08x)",
          file, what, handle.offset(), expected, actual));
    }
    return switch (type) {
      case TableFormat.NO_COMPRESSION -> java.util.Arrays.copyOf(stored, size);
      case TableFormat.SNAPPY_COMPRESSION -> snappyDecompress(stored, size, file, what);
      default -> throw new CorruptCheckpointException(
          file + ": " + what + " has unknown compression type " + (type & 0xff));
    };
  }

  private static byte[] snappyDecompress(byte[] compressed, int length, String file, String what)
      throws CorruptCheckpointException {
    try {
      int uncompressed = SnappyDecompressor.getUncompressedLength(compressed, 0);
      // Snappy expands at most ~64x (a 64-byte copy from a 1-byte tag pair), so a larger claim is a lie.
      if (uncompressed < 0 || uncompressed > MAX_BLOCK_SIZE || uncompressed > 64L * length + 64) {
        throw new CorruptCheckpointException(file + ": " + what + " claims an uncompressed size of "
            + uncompressed + " bytes from " + length + " Snappy bytes");
      }
      byte[] output = new byte[uncompressed];
      int written = new SnappyDecompressor().decompress(compressed, 0, length, output, 0, uncompressed);
      if (written != uncompressed) {
        throw new CorruptCheckpointException(file + ": " + what + " decompressed to " + written
            + " bytes, expected " + uncompressed);
      }
      return output;
    } catch (MalformedInputException | IndexOutOfBoundsException e) {
      throw new CorruptCheckpointException(file + ": " + what + " is not valid Snappy data: " + e.getMessage(), e);
    }
  }

  static byte[] readFully(FileChannel channel, long position, int length, String file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position + buffer.position());
      if (read < 0) {
        throw new CorruptCheckpointException(file + ": unexpected end of file at offset "
            + (position + buffer.position()) + " (needed " + length + " bytes from " + position + ")",
            new EOFException());
      }
    }
    return buffer.array();
  }
}
