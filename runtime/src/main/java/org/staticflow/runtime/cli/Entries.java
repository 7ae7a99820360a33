package org.staticflow.runtime.cli;

import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.tensor.Shape;

/** Small facts about bundle entries that several commands need. */
final class Entries {
  private Entries() {}

  /**
   * Whether the tensor can be streamed with {@code BundleReader.readPayload}: fixed-size elements and not a
   * partitioned variable (whose slices the reader assembles only with {@code read}).
   */
  static boolean streamable(BundleEntry entry) {
    return entry.dataType().isFixedSize() && !entry.isPartitioned();
  }

  /** The number of stored bytes of a fixed-size tensor (its element count times the element size). */
  static long storedBytes(BundleEntry entry) {
    return entry.shape().numElements() * entry.dataType().byteSize();
  }

  /** Whether the tensor's elements fit in one Java array (so it can be read as a {@code Tensor}). */
  static boolean fitsInArray(Shape shape) {
    return shape.numElements() <= Integer.MAX_VALUE - 8;
  }

  /** {@code dtype shape}, e.g. {@code float32 [2,3]}. */
  static String typeAndShape(BundleEntry entry) {
    return entry.dataType().pythonName() + " " + entry.shape();
  }

  /**
   * Introduces the first differing element in {@code ckpt diff} output: {@code ", first at [1,2]: "}, or
   * just {@code ": "} for a tensor of one element.
   */
  static String at(Shape shape, long flat) {
    return shape.numElements() == 1 ? ": " : ", first at " + index(shape, flat) + ": ";
  }

  /** The multi-index of row-major element {@code flat} in {@code shape}, e.g. {@code [1,0,2]}. */
  static String index(Shape shape, long flat) {
    long[] dims = shape.dims();
    long[] index = new long[dims.length];
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = flat % dims[axis];
      flat /= dims[axis];
    }
    StringBuilder text = new StringBuilder("[");
    for (int axis = 0; axis < index.length; axis++) {
      text.append(axis > 0 ? "," : "").append(index[axis]);
    }
    return text.append(']').toString();
  }
}
