package org.staticflow.runtime.checkpoint.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Consumes the stored bytes of one fixed-size tensor in chunks (little-endian, row-major), for tensors
 * larger than any Java array. {@link BundleReader#readPayload} verifies the entry's checksum after the last
 * chunk and throws if it does not match, so a sink must treat its data as unconfirmed until the call
 * returns.
 */
@FunctionalInterface
public interface PayloadSink {
  /**
   * Accepts the next chunk, which starts at byte {@code position} of the payload.
   *
   * @param chunk little-endian bytes; valid only during this call
   */
  void accept(long position, ByteBuffer chunk) throws IOException;
}
