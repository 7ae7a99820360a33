package org.staticflow.runtime.interop;

import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/** Cuts a rectangular part out of a tensor, to build the parts of a partitioned variable. */
public final class Slices {
  private Slices() {}

  /** The part of {@code full} starting at {@code start} with extent {@code length} in every dimension. */
  public static Tensor of(Tensor full, long[] start, long[] length) {
    long[] dims = full.shape().dims();
    if (start.length != dims.length || length.length != dims.length) {
      throw new IllegalArgumentException("slice rank differs from tensor rank " + dims.length);
    }
    Shape shape = Shape.of(length);
    int count = shape.numElementsAsInt();
    int[] source = new int[count];
    long[] index = new long[dims.length];
    for (int i = 0; i < count; i++) {
      long flat = 0;
      for (int d = 0; d < dims.length; d++) {
        flat = flat * dims[d] + start[d] + index[d];
      }
      source[i] = Math.toIntExact(flat);
      for (int d = dims.length - 1; d >= 0 && ++index[d] == length[d]; d--) {
        index[d] = 0; // row-major odometer: the innermost dimension moves fastest
      }
    }
    if (full instanceof StringTensor strings) {
      byte[][] data = new byte[count][];
      for (int i = 0; i < count; i++) {
        data[i] = strings.data()[source[i]];
      }
      return new StringTensor(shape, data);
    }
    DataType type = full.dataType();
    int size = type.byteSize();
    byte[] from = TensorBytes.toLittleEndian(full);
    byte[] to = new byte[count * size];
    for (int i = 0; i < count; i++) {
      System.arraycopy(from, source[i] * size, to, i * size, size);
    }
    return TensorBytes.fromLittleEndian(type, shape, to);
  }
}
