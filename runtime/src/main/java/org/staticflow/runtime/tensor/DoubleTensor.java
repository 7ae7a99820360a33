package org.staticflow.runtime.tensor;

import java.util.Arrays;

/** Double tensor ({@code DT_DOUBLE}, or {@code DT_COMPLEX128} as interleaved re/im pairs). The array returned by {@link #data()} is the storage itself. */
public final class DoubleTensor extends Tensor {
  private final double[] data;

  /**
   * Wraps {@code data} (not copied) as a tensor.
   *
   * @throws IllegalArgumentException if the type is not one this class holds or the length does not match
   *     the shape
   */
  public DoubleTensor(DataType dataType, Shape shape, double[] data) {
    super(dataType, shape, data.length, dataType == DataType.COMPLEX128 ? 2 : 1, DataType.DOUBLE, DataType.COMPLEX128);
    this.data = data;
  }

  /** A {@code DT_DOUBLE} tensor of the given shape holding {@code values} (not copied). */
  public static DoubleTensor of(Shape shape, double... values) {
    return new DoubleTensor(DataType.DOUBLE, shape, values);
  }

  /** A {@code DT_DOUBLE} scalar. */
  public static DoubleTensor scalar(double value) {
    return new DoubleTensor(DataType.DOUBLE, Shape.scalar(), new double[] {value});
  }

  /** The backing array, row-major. */
  public double[] data() {
    return data;
  }

  @Override
  boolean contentEquals(Tensor other) {
    return Arrays.equals(data, ((DoubleTensor) other).data);
  }

  @Override
  int contentHashCode() {
    return Arrays.hashCode(data);
  }
}
