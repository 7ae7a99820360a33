package org.staticflow.runtime.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;

/**
 * Reads IDX files, the format of the MNIST distribution: a 4-byte magic (two zero bytes, a type code, the
 * rank), the dimension sizes as big-endian int32s, then the values row-major. Gzip-compressed files are
 * recognised by their magic bytes and decompressed on the fly. Only unsigned bytes (type 0x08), the type
 * of every MNIST file, are supported.
 */
public final class IdxFiles {
  private static final int UNSIGNED_BYTE = 0x08;
  /** Larger claims are not believed (MNIST's largest file is 47 MB). */
  private static final long MAX_ELEMENTS = 1L << 31;

  private IdxFiles() {}

  /** The values of an unsigned-byte IDX file as a {@code DT_UINT8} tensor of its shape. */
  public static ByteTensor read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads an unsigned-byte IDX file, gzip-compressed or plain, from {@code stream} (a class-path resource,
   * say), which the caller closes.
   *
   * @param name names the file in error messages
   */
  public static ByteTensor read(InputStream stream, String name) throws IOException {
    InputStream raw = new BufferedInputStream(stream, 1 << 16);
    raw.mark(2);
    boolean gzip = raw.read() == 0x1f & raw.read() == 0x8b;
    raw.reset();
    return read(new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw), name);
  }

  private static ByteTensor read(DataInputStream in, String name) throws IOException {
    try {
      int magic = in.readInt();
      if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UNSIGNED_BYTE) {
        throw new IdxFormatException(String.format(
            "%s: not an unsigned-byte IDX file (magic 0x%08x, expected 0x0000080N)", name, magic));
      }
      int rank = magic & 0xff;
      if (rank < 1 || rank > 4) {
        throw new IdxFormatException(name + ": IDX rank " + rank + " is not between 1 and 4");
      }
      long[] dims = new long[rank];
      long count = 1;
      for (int d = 0; d < rank; d++) {
        dims[d] = in.readInt() & 0xffffffffL;
        count *= Math.max(1, dims[d]);
        if (count > MAX_ELEMENTS) {
          throw new IdxFormatException(name + ": IDX dimensions claim more than " + MAX_ELEMENTS + " values");
        }
      }
      Shape shape = Shape.of(dims);
      byte[] values = new byte[shape.numElementsAsInt()];
      in.readFully(values);
      if (in.read() >= 0) {
        throw new IdxFormatException(name + ": data continues after the " + values.length + " values its header "
            + "declares for shape " + shape);
      }
      return new ByteTensor(DataType.UINT8, shape, values);
    } catch (EOFException e) {
      throw new IdxFormatException(name + ": file ends before the values its header declares");
    }
  }
}
