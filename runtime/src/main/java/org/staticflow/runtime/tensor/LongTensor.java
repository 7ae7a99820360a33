package org.staticflow.runtime.tensor;

import java.util.Arrays;

/** 64-bit integer tensor ({@code DT_INT64}, {@code DT_UINT64} as raw bits). The array returned by {@link #data()} is the storage itself. */
public final class LongTensor extends Tensor {
  private final long[] data;

  /**
   * Wraps {@code data} (not copied) as a tensor.
   *
   * @throws IllegalArgumentException if the type is not one this class holds or the length does not match
   *     the shape
   */
  public LongTensor(DataType dataType, Shape shape, long[] data) {
    super(dataType, shape, data.length, 1, DataType.INT64, DataType.UINT64);
    this.data = data;
  }

  /** A {@code DT_INT64} tensor of the given shape holding {@code values} (not copied). */
  public static LongTensor of(Shape shape, long... values) {
    return new LongTensor(DataType.INT64, shape, values);
  }

  /** A {@code DT_INT64} scalar. */
  public static LongTensor scalar(long value) {
    return new LongTensor(DataType.INT64, Shape.scalar(), new long[] {value});
  }

  /** The backing array, row-major. */
  public long[] data() {
    return data;
  }

  @Override
  boolean contentEquals(Tensor other) {
    return Arrays.equals(data, ((LongTensor) other).data);
  }

  @Override
  int contentHashCode() {
    return Arrays.hashCode(data);
  }
}
