package org.staticflow.runtime.kernels;

import java.util.function.UnaryOperator;

/**
 * Geometries derived from a convolution's geometry (its padded form, its input gradient's convolution),
 * remembered per thread so that a training step, whose convolutions take turns, derives each once and
 * allocates nothing afterwards. Holds the {@value #SIZE} most recently used; a step of any model of
 * ordinary depth fits, and the least recently used entry makes room for a new one.
 */
final class GeometryCache {
  static final int SIZE = 16;

  private final WindowGeometry[] keys = new WindowGeometry[SIZE];
  private final WindowGeometry[] values = new WindowGeometry[SIZE];
  private final long[] lastUse = new long[SIZE];
  private long clock;
  private int size;

  /**
   * The geometry {@code derive} makes of {@code key}, derived on the first request for {@code key}.
   * {@code derive} should be a static method reference, so that passing it allocates nothing.
   */
  WindowGeometry get(WindowGeometry key, UnaryOperator<WindowGeometry> derive) {
    clock++;
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        lastUse[i] = clock;
        return values[i];
      }
    }
    int slot = size < SIZE ? size++ : leastRecentlyUsed();
    keys[slot] = key;
    values[slot] = derive.apply(key);
    lastUse[slot] = clock;
    return values[slot];
  }

  private int leastRecentlyUsed() {
    int oldest = 0;
    for (int i = 1; i < SIZE; i++) {
      if (lastUse[i] < lastUse[oldest]) {
        oldest = i;
      }
    }
    return oldest;
  }
}
