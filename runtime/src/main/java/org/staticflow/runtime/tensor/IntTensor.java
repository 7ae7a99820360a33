package org.staticflow.runtime.tensor;

import java.util.Arrays;

/** 32-bit integer tensor ({@code DT_INT32}, {@code DT_UINT32} as raw bits, {@code DT_QINT32}). The array returned by {@link #data()} is the storage itself. */
public final class IntTensor extends Tensor {
  private final int[] data;

  /**
   * Wraps {@code data} (not copied) as a tensor.
   *
   * @throws IllegalArgumentException if the type is not one this class holds or the length does not match
   *     the shape
   */
  public IntTensor(DataType dataType, Shape shape, int[] data) {
    super(dataType, shape, data.length, 1, DataType.INT32, DataType.UINT32, DataType.QINT32);
    this.data = data;
  }

  /** A {@code DT_INT32} tensor of the given shape holding {@code values} (not copied). */
  public static IntTensor of(Shape shape, int... values) {
    return new IntTensor(DataType.INT32, shape, values);
  }

  /** A {@code DT_INT32} scalar. */
  public static IntTensor scalar(int value) {
    return new IntTensor(DataType.INT32, Shape.scalar(), new int[] {value});
  }

  /** The backing array, row-major. */
  public int[] data() {
    return data;
  }

  @Override
  boolean contentEquals(Tensor other) {
    return Arrays.equals(data, ((IntTensor) other).data);
  }

  @Override
  int contentHashCode() {
    return Arrays.hashCode(data);
  }
}
