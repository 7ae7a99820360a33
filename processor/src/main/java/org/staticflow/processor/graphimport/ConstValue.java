package org.staticflow.processor.graphimport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.staticflow.processor.ir.DType;
import org.staticflow.proto.DataType;
import org.staticflow.proto.TensorProto;
import org.staticflow.proto.TensorShapeProto;

/**
 * The value of a {@code Const} node, decoded from its {@code TensorProto}: float32 elements exactly, and
 * int32/int64/bool elements as whole numbers (shape, axis and index arguments).
 *
 * @param dtype the element type
 * @param dims the static shape
 * @param values the elements in row-major order (floats widened exactly; integers below 2^53)
 */
record ConstValue(DType dtype, int[] dims, double[] values) {

  /**
   * Decodes {@code tensor}: either its raw little-endian {@code tensor_content} or its typed value list,
   * where a list shorter than the shape repeats its last element (and an empty one means zeros), as
   * TensorFlow's own decoder does.
   *
   * @throws IllegalArgumentException if the dtype is not one the compiler computes with or the sizes disagree
   */
  static ConstValue decode(TensorProto tensor) {
    DType dtype = dtypeOf(tensor.getDtype());
    if (dtype == null) {
      throw new IllegalArgumentException("constants of type " + tensor.getDtype() + " are not supported"
          + " (expected DT_FLOAT, DT_INT32, DT_INT64 or DT_BOOL)");
    }
    int[] dims = dims(tensor.getTensorShape());
    long count = 1;
    for (int d : dims) {
      count *= d;
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("constant of shape " + java.util.Arrays.toString(dims) + " is too large");
    }
    double[] values = new double[(int) count];
    if (!tensor.getTensorContent().isEmpty()) {
      fromContent(tensor, dtype, values);
    } else {
      fromList(tensor, dtype, values);
    }
    return new ConstValue(dtype, dims, values);
  }

  /** The compiler's type for a TensorFlow dtype, or null. */
  static DType dtypeOf(DataType type) {
    return switch (type) {
      case DT_FLOAT -> DType.FLOAT32;
      case DT_INT32 -> DType.INT32;
      case DT_INT64 -> DType.INT64;
      case DT_BOOL -> DType.BOOL;
      default -> null;
    };
  }

  /** Static dimensions of a shape proto. */
  static int[] dims(TensorShapeProto shape) {
    int[] dims = new int[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      long size = shape.getDim(i).getSize();
      if (size < 0 || size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("constant dimension " + size + " is not a static size");
      }
      dims[i] = (int) size;
    }
    return dims;
  }

  private static void fromContent(TensorProto tensor, DType dtype, double[] values) {
    ByteBuffer bytes = tensor.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    int width = switch (dtype) {
      case FLOAT32, INT32 -> 4;
      case INT64 -> 8;
      case BOOL -> 1;
    };
    if (bytes.remaining() != (long) values.length * width) {
      throw new IllegalArgumentException("tensor_content holds " + bytes.remaining() + " bytes, expected "
          + (long) values.length * width + " for " + values.length + " elements");
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (dtype) {
        case FLOAT32 -> bytes.getFloat();
        case INT32 -> bytes.getInt();
        case INT64 -> bytes.getLong();
        case BOOL -> bytes.get() != 0 ? 1 : 0;
      };
    }
  }

  private static void fromList(TensorProto tensor, DType dtype, double[] values) {
    int listed = switch (dtype) {
      case FLOAT32 -> tensor.getFloatValCount();
      case INT32 -> tensor.getIntValCount();
      case INT64 -> tensor.getInt64ValCount();
      case BOOL -> tensor.getBoolValCount();
    };
    if (listed > values.length) {
      throw new IllegalArgumentException("the value list holds " + listed + " elements, the shape " + values.length);
    }
    for (int i = 0; i < values.length && listed > 0; i++) {
      int at = Math.min(i, listed - 1);
      values[i] = switch (dtype) {
        case FLOAT32 -> tensor.getFloatVal(at);
        case INT32 -> tensor.getIntVal(at);
        case INT64 -> tensor.getInt64Val(at);
        case BOOL -> tensor.getBoolVal(at) ? 1 : 0;
      };
    }
  }

  /** The elements as {@code int}s (shape and axis arguments). */
  int[] ints() {
    int[] result = new int[values.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = (int) values[i];
    }
    return result;
  }

  /** Whether this is a single element (a scalar or a one-element tensor). */
  boolean isScalar() {
    return dims.length == 0;
  }
}
