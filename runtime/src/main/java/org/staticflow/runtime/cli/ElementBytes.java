package org.staticflow.runtime.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.ShortTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Converts between fixed-size tensors and their stored bytes (little-endian, row-major, as bundles hold
 * them): a few decoded elements can be printed with {@code TensorFormat}, and a tensor read whole (a
 * partitioned variable, which cannot be streamed) can be compared byte-wise like a streamed one.
 */
final class ElementBytes {
  private ElementBytes() {}

  /**
   * The stored bytes of {@code tensor}.
   *
   * @throws IllegalArgumentException for a string tensor or one of more than 2 GiB
   */
  static byte[] encode(Tensor tensor) {
    DataType type = tensor.dataType();
    if (!type.isFixedSize()) {
      throw new IllegalArgumentException("string tensors have no fixed-size encoding");
    }
    long size = tensor.numElements() * type.byteSize();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(tensor.dataType().pythonName() + tensor.shape() + " is larger than one array");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    if (tensor instanceof FloatTensor t) {
      out.asFloatBuffer().put(t.data());
    } else if (tensor instanceof DoubleTensor t) {
      out.asDoubleBuffer().put(t.data());
    } else if (tensor instanceof IntTensor t) {
      out.asIntBuffer().put(t.data());
    } else if (tensor instanceof LongTensor t) {
      out.asLongBuffer().put(t.data());
    } else if (tensor instanceof ShortTensor t) {
      out.asShortBuffer().put(t.data());
    } else if (tensor instanceof ByteTensor t) {
      out.put(t.data());
    } else if (tensor instanceof BooleanTensor t) {
      for (boolean value : t.data()) {
        out.put((byte) (value ? 1 : 0));
      }
    }
    return out.array();
  }

  /**
   * The elements in {@code bytes} as a tensor of shape {@code [n]}.
   *
   * @throws IllegalArgumentException if the type is not fixed-size or the length is not a whole number of
   *     elements
   */
  static Tensor decode(DataType type, byte[] bytes) {
    if (!type.isFixedSize() || bytes.length % type.byteSize() != 0) {
      throw new IllegalArgumentException(
          bytes.length + " bytes are not a whole number of " + type.pythonName() + " elements");
    }
    int n = bytes.length / type.byteSize();
    Shape shape = Shape.of(n);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return switch (type) {
      case FLOAT, COMPLEX64 -> {
        float[] values = new float[bytes.length / 4];
        in.asFloatBuffer().get(values);
        yield new FloatTensor(type, shape, values);
      }
      case DOUBLE, COMPLEX128 -> {
        double[] values = new double[bytes.length / 8];
        in.asDoubleBuffer().get(values);
        yield new DoubleTensor(type, shape, values);
      }
      case INT32, UINT32, QINT32 -> {
        int[] values = new int[n];
        in.asIntBuffer().get(values);
        yield new IntTensor(type, shape, values);
      }
      case INT64, UINT64 -> {
        long[] values = new long[n];
        in.asLongBuffer().get(values);
        yield new LongTensor(type, shape, values);
      }
      case INT16, UINT16, QINT16, QUINT16, HALF, BFLOAT16 -> {
        short[] values = new short[n];
        in.asShortBuffer().get(values);
        yield new ShortTensor(type, shape, values);
      }
      case INT8, UINT8, QINT8, QUINT8 -> new ByteTensor(type, shape, bytes.clone());
      case BOOL -> {
        boolean[] values = new boolean[n];
        for (int i = 0; i < n; i++) {
          values[i] = bytes[i] != 0;
        }
        yield new BooleanTensor(shape, values);
      }
      case STRING -> throw new IllegalArgumentException("string tensors have no fixed-size encoding");
    };
  }
}
