package org.staticflow.runtime.checkpoint.table;

/** Constants of TensorFlow's LevelDB-derived table format ({@code tf-formats.md} §1.2). */
final class TableFormat {
  /** Bytes after each block: compression type, then the masked CRC32C of block bytes + type. */
  static final int BLOCK_TRAILER_SIZE = 5;
  /** The footer: two block handles padded to 40 bytes, then the 8-byte magic. */
  static final int FOOTER_SIZE = 48;
  /** {@code 0xdb4775248b80fb57}, stored little-endian: the file ends with {@code 57 fb 80 8b 24 75 47 db}. */
  static final long MAGIC = 0xdb4775248b80fb57L;

  static final byte NO_COMPRESSION = 0;
  static final byte SNAPPY_COMPRESSION = 1;

  private TableFormat() {}
}
