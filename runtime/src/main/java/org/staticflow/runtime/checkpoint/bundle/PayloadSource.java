package org.staticflow.runtime.checkpoint.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Produces the serialized bytes of one fixed-size tensor (little-endian, row-major) in chunks, so tensors
 * larger than any Java array can be written. {@link BundleWriter} calls {@link #fill} repeatedly with an
 * empty buffer in little-endian order; the source puts the next bytes (at most {@code remaining()}) and
 * returns. The writer stops once the tensor's byte size has been produced.
 */
@FunctionalInterface
public interface PayloadSource {
  /**
   * Puts the bytes at positions {@code [position, position + buffer.remaining())} of the payload (or fewer,
   * at the end) into {@code buffer}.
   *
   * @param position byte offset in the payload of the first byte to put
   */
  void fill(long position, ByteBuffer buffer) throws IOException;
}
