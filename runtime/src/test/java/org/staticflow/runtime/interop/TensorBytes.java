package org.staticflow.runtime.interop;

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
 * Converts fixed-size Staticflow tensors to and from TensorFlow's in-memory layout (row-major,
 * little-endian, one byte per bool). This is the test side's own codec, written independently of the
 * checkpoint code under test, so the oracle never relies on what it is checking.
 */
public final class TensorBytes {
  private TensorBytes() {}

  /** The tensor's elements as TensorFlow lays them out in memory and in checkpoint data files. */
  public static byte[] toLittleEndian(Tensor tensor) {
    DataType type = tensor.dataType();
    if (!type.isFixedSize()) {
      throw new IllegalArgumentException(type.protoName() + " has no fixed-size byte layout");
    }
    long size = tensor.numElements() * type.byteSize();
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
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
    } else {
      throw new IllegalArgumentException("unexpected tensor class " + tensor.getClass());
    }
    return out.array();
  }

  /**
   * A tensor of the given type and shape from TensorFlow's little-endian layout.
   *
   * @throws IllegalArgumentException if the byte count does not match type and shape
   */
  public static Tensor fromLittleEndian(DataType type, Shape shape, byte[] bytes) {
    long expected = shape.numElements() * type.byteSize();
    if (!type.isFixedSize() || bytes.length != expected) {
      throw new IllegalArgumentException(
          type.protoName() + shape + " needs " + expected + " bytes, got " + bytes.length);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    // Complex types hold two array values per element; every other type one.
    int values = (int) (expected / valueSize(type));
    return switch (type) {
      case FLOAT, COMPLEX64 -> {
        float[] data = new float[values];
        in.asFloatBuffer().get(data);
        yield new FloatTensor(type, shape, data);
      }
      case DOUBLE, COMPLEX128 -> {
        double[] data = new double[values];
        in.asDoubleBuffer().get(data);
        yield new DoubleTensor(type, shape, data);
      }
      case INT32, UINT32, QINT32 -> {
        int[] data = new int[values];
        in.asIntBuffer().get(data);
        yield new IntTensor(type, shape, data);
      }
      case INT64, UINT64 -> {
        long[] data = new long[values];
        in.asLongBuffer().get(data);
        yield new LongTensor(type, shape, data);
      }
      case INT16, UINT16, QINT16, QUINT16, HALF, BFLOAT16 -> {
        short[] data = new short[values];
        in.asShortBuffer().get(data);
        yield new ShortTensor(type, shape, data);
      }
      case INT8, UINT8, QINT8, QUINT8 -> new ByteTensor(type, shape, bytes.clone());
      case BOOL -> {
        boolean[] data = new boolean[values];
        for (int i = 0; i < values; i++) {
          data[i] = bytes[i] != 0;
        }
        yield new BooleanTensor(shape, data);
      }
      case STRING -> throw new AssertionError("checked above");
    };
  }

  /** Bytes per Java array value: half an element for the complex types. */
  private static int valueSize(DataType type) {
    return type == DataType.COMPLEX64 || type == DataType.COMPLEX128 ? type.byteSize() / 2 : type.byteSize();
  }
}
