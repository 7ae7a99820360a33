package org.staticflow.runtime.checkpoint.bundle;

import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;

/**
 * One tensor of a bundle as its index describes it ({@code BundleEntryProto}): where its bytes are and the
 * masked CRC32C that guards them.
 *
 * @param key the tensor name, e.g. {@code layer1/weights}
 * @param dataType element type
 * @param shape full shape
 * @param shardId which {@code .data-NNNNN-of-MMMMM} file holds the bytes
 * @param offset byte offset in that file
 * @param size number of stored bytes
 * @param maskedCrc32c TensorFlow's masked CRC32C of the stored bytes
 * @param sliceCount number of slices of a partitioned variable (0 for an ordinary tensor)
 */
public record BundleEntry(
    String key,
    DataType dataType,
    Shape shape,
    int shardId,
    long offset,
    long size,
    int maskedCrc32c,
    int sliceCount) {

  /** Whether this is the full entry of a partitioned variable, whose values live in slice entries. */
  public boolean isPartitioned() {
    return sliceCount > 0;
  }
}
