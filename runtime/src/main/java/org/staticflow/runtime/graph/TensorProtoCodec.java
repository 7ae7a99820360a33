package org.staticflow.runtime.graph;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.staticflow.proto.TensorProto;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.ShortTensor;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Converts between {@link Tensor} and TensorFlow's {@code TensorProto} (the {@code value} of a
 * {@code Const} node), following {@code tf-formats.md} §3.3: {@code tensor_content} holds the raw
 * little-endian elements when present; otherwise the typed field holds them, and a short list is padded
 * with its last value (how {@code tf.zeros} and {@code tf.fill} constants are stored).
 */
public final class TensorProtoCodec {
  private TensorProtoCodec() {}

  /**
   * The tensor a {@code TensorProto} describes.
   *
   * @throws IllegalArgumentException if the dtype is not a dense type Staticflow holds, the shape is
   *     partial, or the stored values do not fit the shape
   */
  public static Tensor decode(TensorProto proto) {
    DataType type = DataType.fromNumber(proto.getDtypeValue());
    Shape shape = shape(proto.getTensorShape());
    int n = shape.numElementsAsInt();
    Tensor tensor = Tensor.zeros(type, shape);
    if (!proto.getTensorContent().isEmpty()) {
      if (!type.isFixedSize()) {
        throw new IllegalArgumentException(type.protoName() + " TensorProto cannot use tensor_content");
      }
      ByteBuffer bytes = proto.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long expected = (long) n * type.byteSize();
      if (bytes.remaining() != expected) {
        throw new IllegalArgumentException(
            "tensor_content of a " + type.protoName() + shape + " TensorProto has " + bytes.remaining()
                + " bytes, expected " + expected);
      }
      readRaw(bytes, tensor);
      return tensor;
    }
    fillTyped(proto, tensor, n);
    return tensor;
  }

  /**
   * A {@code TensorProto} holding {@code tensor}: scalars and strings in the typed field, other
   * fixed-size tensors in {@code tensor_content}, as Python's {@code make_tensor_proto} writes them.
   */
  public static TensorProto encode(Tensor tensor) {
    TensorProto.Builder proto =
        TensorProto.newBuilder()
            .setDtypeValue(tensor.dataType().number())
            .setTensorShape(shapeProto(tensor.shape().dims()));
    if (tensor instanceof StringTensor strings) {
      for (byte[] value : strings.data()) {
        proto.addStringVal(ByteString.copyFrom(value));
      }
      return proto.build();
    }
    int n = tensor.shape().numElementsAsInt();
    if (n == 1) {
      writeTyped(tensor, proto);
      return proto.build();
    }
    ByteBuffer bytes = ByteBuffer.allocate(n * tensor.dataType().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    writeRaw(tensor, bytes);
    bytes.flip();
    return proto.setTensorContent(ByteString.copyFrom(bytes)).build();
  }

  /**
   * The fully defined shape a {@code TensorShapeProto} describes.
   *
   * @throws IllegalArgumentException if the rank or a dimension is unknown
   */
  public static Shape shape(TensorShapeProto proto) {
    if (proto.getUnknownRank()) {
      throw new IllegalArgumentException("shape of unknown rank where a full shape is needed");
    }
    long[] dims = new long[proto.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = proto.getDim(i).getSize();
      if (dims[i] < 0) {
        throw new IllegalArgumentException("shape with an unknown dimension where a full shape is needed");
      }
    }
    return Shape.of(dims);
  }

  /** A {@code TensorShapeProto} with these dimensions ({@code -1} for an unknown one). */
  public static TensorShapeProto shapeProto(long[] dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long dim : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
    }
    return shape.build();
  }

  private static void readRaw(ByteBuffer in, Tensor tensor) {
    if (tensor instanceof FloatTensor t) {
      in.asFloatBuffer().get(t.data());
    } else if (tensor instanceof DoubleTensor t) {
      in.asDoubleBuffer().get(t.data());
    } else if (tensor instanceof IntTensor t) {
      in.asIntBuffer().get(t.data());
    } else if (tensor instanceof LongTensor t) {
      in.asLongBuffer().get(t.data());
    } else if (tensor instanceof ShortTensor t) {
      in.asShortBuffer().get(t.data());
    } else if (tensor instanceof ByteTensor t) {
      in.get(t.data());
    } else if (tensor instanceof BooleanTensor t) {
      boolean[] data = t.data();
      for (int i = 0; i < data.length; i++) {
        data[i] = in.get() != 0;
      }
    }
  }

  private static void writeRaw(Tensor tensor, ByteBuffer out) {
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
    // Typed views do not move the buffer's own position; set it to the end for the caller's flip().
    out.position(out.capacity());
  }

  private static void fillTyped(TensorProto proto, Tensor tensor, int n) {
    DataType type = tensor.dataType();
    switch (type) {
      case FLOAT -> {
        float[] data = ((FloatTensor) tensor).data();
        int count = proto.getFloatValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = proto.getFloatVal(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case DOUBLE -> {
        double[] data = ((DoubleTensor) tensor).data();
        int count = proto.getDoubleValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = proto.getDoubleVal(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case INT32, QINT32 -> {
        int[] data = ((IntTensor) tensor).data();
        int count = proto.getIntValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = proto.getIntVal(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case UINT32 -> {
        int[] data = ((IntTensor) tensor).data();
        int count = proto.getUint32ValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = proto.getUint32Val(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case INT64 -> {
        long[] data = ((LongTensor) tensor).data();
        int count = proto.getInt64ValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = proto.getInt64Val(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case UINT64 -> {
        long[] data = ((LongTensor) tensor).data();
        int count = proto.getUint64ValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = proto.getUint64Val(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case INT16, UINT16, QINT16, QUINT16 -> {
        short[] data = ((ShortTensor) tensor).data();
        int count = proto.getIntValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = (short) proto.getIntVal(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case HALF, BFLOAT16 -> {
        short[] data = ((ShortTensor) tensor).data();
        int count = proto.getHalfValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = (short) proto.getHalfVal(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case INT8, UINT8, QINT8, QUINT8 -> {
        byte[] data = ((ByteTensor) tensor).data();
        int count = proto.getIntValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = (byte) proto.getIntVal(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case BOOL -> {
        boolean[] data = ((BooleanTensor) tensor).data();
        int count = proto.getBoolValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = proto.getBoolVal(Math.min(i, count - 1));
        }
        check(count, n, type);
      }
      case STRING -> {
        byte[][] data = ((StringTensor) tensor).data();
        int count = proto.getStringValCount();
        for (int i = 0; i < n && count > 0; i++) {
          data[i] = proto.getStringVal(Math.min(i, count - 1)).toByteArray();
        }
        check(count, n, type);
      }
      case COMPLEX64 -> {
        float[] data = ((FloatTensor) tensor).data();
        int count = proto.getScomplexValCount();
        for (int i = 0; i < data.length && count > 0; i++) {
          data[i] = proto.getScomplexVal(i < count ? i : count - 2 + (i % 2));
        }
        check(count / 2, n, type);
      }
      case COMPLEX128 -> {
        double[] data = ((DoubleTensor) tensor).data();
        int count = proto.getDcomplexValCount();
        for (int i = 0; i < data.length && count > 0; i++) {
          data[i] = proto.getDcomplexVal(i < count ? i : count - 2 + (i % 2));
        }
        check(count / 2, n, type);
      }
      default -> throw new IllegalArgumentException("TensorProto of type " + type.protoName() + " is not supported");
    }
  }

  private static void check(int count, int n, DataType type) {
    if (count > n) {
      throw new IllegalArgumentException(
          type.protoName() + " TensorProto holds " + count + " values for " + n + " elements");
    }
  }

  private static void writeTyped(Tensor tensor, TensorProto.Builder proto) {
    switch (tensor.dataType()) {
      case FLOAT -> proto.addFloatVal(((FloatTensor) tensor).data()[0]);
      case DOUBLE -> proto.addDoubleVal(((DoubleTensor) tensor).data()[0]);
      case INT32, QINT32 -> proto.addIntVal(((IntTensor) tensor).data()[0]);
      case UINT32 -> proto.addUint32Val(((IntTensor) tensor).data()[0]);
      case INT64 -> proto.addInt64Val(((LongTensor) tensor).data()[0]);
      case UINT64 -> proto.addUint64Val(((LongTensor) tensor).data()[0]);
      case INT16, UINT16, QINT16, QUINT16 -> proto.addIntVal(((ShortTensor) tensor).data()[0]);
      case HALF, BFLOAT16 -> proto.addHalfVal(((ShortTensor) tensor).data()[0] & 0xFFFF);
      case INT8, QINT8 -> proto.addIntVal(((ByteTensor) tensor).data()[0]);
      case UINT8, QUINT8 -> proto.addIntVal(((ByteTensor) tensor).data()[0] & 0xFF);
      case BOOL -> proto.addBoolVal(((BooleanTensor) tensor).data()[0]);
      case COMPLEX64 -> {
        float[] data = ((FloatTensor) tensor).data();
        proto.addScomplexVal(data[0]).addScomplexVal(data[1]);
      }
      case COMPLEX128 -> {
        double[] data = ((DoubleTensor) tensor).data();
        proto.addDcomplexVal(data[0]).addDcomplexVal(data[1]);
      }
      default -> throw new IllegalArgumentException("cannot encode " + tensor.dataType().protoName());
    }
  }
}
