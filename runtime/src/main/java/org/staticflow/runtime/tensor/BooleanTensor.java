package org.staticflow.runtime.tensor;

import java.util.Arrays;

/** A {@code DT_BOOL} tensor. The array returned by {@link #data()} is the storage itself. */
public final class BooleanTensor extends Tensor {
  private final boolean[] data;

  /** Wraps {@code data} (not copied). */
  public BooleanTensor(Shape shape, boolean[] data) {
    super(DataType.BOOL, shape, data.length, 1, DataType.BOOL);
    this.data = data;
  }

  /** A {@code DT_BOOL} tensor of the given shape holding {@code values} (not copied). */
  public static BooleanTensor of(Shape shape, boolean... values) {
    return new BooleanTensor(shape, values);
  }

  /** The backing array, row-major. */
  public boolean[] data() {
    return data;
  }

  @Override
  boolean contentEquals(Tensor other) {
    return Arrays.equals(data, ((BooleanTensor) other).data);
  }

  @Override
  int contentHashCode() {
    return Arrays.hashCode(data);
  }
}
