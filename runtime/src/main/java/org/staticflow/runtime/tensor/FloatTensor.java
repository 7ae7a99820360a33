package org.staticflow.runtime.tensor;

import java.util.Arrays;

/** Float tensor ({@code DT_FLOAT}, or {@code DT_COMPLEX64} as interleaved re/im pairs). The array returned by {@link #data()} is the storage itself. */
public final class FloatTensor extends Tensor {
  private final float[] data;

  /**
   * Wraps {@code data} (not copied) as a tensor.
   *
   * @throws IllegalArgumentException if the type is not one this class holds or the length does not match
   *     the shape
   */
  public FloatTensor(DataType dataType, Shape shape, float[] data) {
    super(dataType, shape, data.length, dataType == DataType.COMPLEX64 ? 2 : 1, DataType.FLOAT, DataType.COMPLEX64);
    this.data = data;
  }

  /** A {@code DT_FLOAT} tensor of the given shape holding {@code values} (not copied). */
  public static FloatTensor of(Shape shape, float... values) {
    return new FloatTensor(DataType.FLOAT, shape, values);
  }

  /** A {@code DT_FLOAT} tensor of zeros. */
  public static FloatTensor zeros(Shape shape) {
    return new FloatTensor(DataType.FLOAT, shape, new float[shape.numElementsAsInt()]);
  }

  /** A {@code DT_FLOAT} scalar. */
  public static FloatTensor scalar(float value) {
    return new FloatTensor(DataType.FLOAT, Shape.scalar(), new float[] {value});
  }

  /** The backing array, row-major. */
  public float[] data() {
    return data;
  }

  @Override
  boolean contentEquals(Tensor other) {
    return Arrays.equals(data, ((FloatTensor) other).data);
  }

  @Override
  int contentHashCode() {
    return Arrays.hashCode(data);
  }
}
