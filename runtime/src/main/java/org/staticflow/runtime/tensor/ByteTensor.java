package org.staticflow.runtime.tensor;

import java.util.Arrays;

/** 8-bit integer tensor ({@code DT_INT8}, {@code DT_UINT8} as raw bits, {@code DT_QINT8}, {@code DT_QUINT8}). The array returned by {@link #data()} is the storage itself. */
public final class ByteTensor extends Tensor {
  private final byte[] data;

  /**
   * Wraps {@code data} (not copied) as a tensor.
   *
   * @throws IllegalArgumentException if the type is not one this class holds or the length does not match
   *     the shape
   */
  public ByteTensor(DataType dataType, Shape shape, byte[] data) {
    super(dataType, shape, data.length, 1, DataType.INT8, DataType.UINT8, DataType.QINT8, DataType.QUINT8);
    this.data = data;
  }

  /** The backing array, row-major. */
  public byte[] data() {
    return data;
  }

  @Override
  boolean contentEquals(Tensor other) {
    return Arrays.equals(data, ((ByteTensor) other).data);
  }

  @Override
  int contentHashCode() {
    return Arrays.hashCode(data);
  }
}
