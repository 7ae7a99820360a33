package org.staticflow.runtime.cli;

import org.staticflow.runtime.checkpoint.UnsupportedCheckpointException;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.tensor.Shape;

/** Small facts about bundle entries that several commands need. */
final class Entries {
  private Entries() {}

  /**
   * Fails with a clear message if {@code entry} is a partitioned variable, whose values live in slice
   * entries that these commands do not assemble.
   */
  static void requireWhole(BundleReader reader, BundleEntry entry) throws UnsupportedCheckpointException {
    if (entry.isPartitioned()) {
      throw new UnsupportedCheckpointException(
          "tensor " + entry.key() + " in checkpoint " + reader.prefix() + " is a partitioned variable ("
              + entry.sliceCount() + " slices), which is not supported");
    }
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
