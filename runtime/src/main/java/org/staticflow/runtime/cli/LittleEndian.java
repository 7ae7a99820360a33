package org.staticflow.runtime.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.staticflow.runtime.tensor.DataType;

/**
 * Brings payload chunks into the little-endian layout that {@code BundleWriter}, {@link ElementComparator}
 * and {@link ElementBytes} expect. {@code BundleReader.readPayload} hands out chunks in the bundle's
 * byte order and marks them with it ({@link ByteBuffer#order()}); every bundle TensorFlow writes on x86 and
 * ARM is little-endian, but a big-endian one has each element (each part of a complex element) swapped.
 */
final class LittleEndian {
  private LittleEndian() {}

  /**
   * {@code chunk} itself when it is little-endian, otherwise a little-endian copy of its remaining bytes
   * with each element part reversed. Consumes {@code chunk}.
   *
   * @throws IllegalArgumentException if a big-endian chunk does not hold whole element parts
   */
  static ByteBuffer of(ByteBuffer chunk, DataType type) {
    if (chunk.order() == ByteOrder.LITTLE_ENDIAN) {
      return chunk;
    }
    int part = type == DataType.COMPLEX64 || type == DataType.COMPLEX128 ? type.byteSize() / 2 : type.byteSize();
    if (chunk.remaining() % part != 0) {
      throw new IllegalArgumentException(
          "big-endian chunk of " + chunk.remaining() + " bytes is not whole " + type.pythonName() + " values");
    }
    ByteBuffer swapped = ByteBuffer.allocate(chunk.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    byte[] value = new byte[part];
    while (chunk.hasRemaining()) {
      chunk.get(value);
      for (int i = part - 1; i >= 0; i--) {
        swapped.put(value[i]);
      }
    }
    return swapped.flip();
  }
}
