package org.staticflow.runtime.tensor;

import java.util.Arrays;

/** 16-bit tensor: integers, or the bit patterns of {@code DT_HALF} and {@code DT_BFLOAT16}. The array returned by {@link #data()} is the storage itself. */
public final class ShortTensor extends Tensor {
  private final short[] data;

  /**
   * Wraps {@code data} (not copied) as a tensor.
   *
   * @throws IllegalArgumentException if the type is not one this class holds or the length does not match
   *     the shape
   */
  public ShortTensor(DataType dataType, Shape shape, short[] data) {
    super(dataType, shape, data.length, 1, DataType.INT16, DataType.UINT16, DataType.QINT16, DataType.QUINT16, DataType.HALF, DataType.BFLOAT16);
    this.data = data;
  }

  /** The backing array, row-major. */
  public short[] data() {
    return data;
  }

  @Override
  boolean contentEquals(Tensor other) {
    return Arrays.equals(data, ((ShortTensor) other).data);
  }

  @Override
  int contentHashCode() {
    return Arrays.hashCode(data);
  }
}
