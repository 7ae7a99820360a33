package org.staticflow.runtime.tensor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code DT_STRING} tensor: each element is an arbitrary byte string (TensorFlow strings are bytes, not
 * text). The array returned by {@link #data()} is the storage itself.
 */
public final class StringTensor extends Tensor {
  private final byte[][] data;

  /** Wraps {@code data} (not copied); every element must be non-null. */
  public StringTensor(Shape shape, byte[][] data) {
    super(DataType.STRING, shape, data.length, 1, DataType.STRING);
    for (int i = 0; i < data.length; i++) {
      if (data[i] == null) {
        throw new IllegalArgumentException("string tensor element " + i + " is null");
      }
    }
    this.data = data;
  }

  /** A string tensor of UTF-8 encoded {@code values}. */
  public static StringTensor of(Shape shape, String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return new StringTensor(shape, bytes);
  }

  static StringTensor empty(Shape shape) {
    byte[][] bytes = new byte[shape.numElementsAsInt()][];
    Arrays.fill(bytes, new byte[0]);
    return new StringTensor(shape, bytes);
  }

  /** The backing array of elements, row-major. */
  public byte[][] data() {
    return data;
  }

  /** Element {@code index} decoded as UTF-8. */
  public String getString(int index) {
    return new String(data[index], StandardCharsets.UTF_8);
  }

  @Override
  boolean contentEquals(Tensor other) {
    return Arrays.deepEquals(data, ((StringTensor) other).data);
  }

  @Override
  int contentHashCode() {
    return Arrays.deepHashCode(data);
  }
}
