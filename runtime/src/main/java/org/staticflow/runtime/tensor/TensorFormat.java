package org.staticflow.runtime.tensor;

/**
 * Renders tensor values for people, in NumPy's style: nested brackets per dimension and, for large tensors,
 * only the first and last {@code edgeItems} entries of each dimension with {@code ...} between them.
 */
public final class TensorFormat {
  /** Tensors with more elements than this are summarised, as NumPy's default print threshold. */
  public static final int SUMMARY_THRESHOLD = 1000;

  private TensorFormat() {}

  /** NumPy-style nested rendering, summarised with 3 edge items when above {@link #SUMMARY_THRESHOLD}. */
  public static String format(Tensor tensor) {
    return format(tensor, 3, SUMMARY_THRESHOLD);
  }

  /**
   * NumPy-style nested rendering.
   *
   * @param edgeItems how many leading and trailing entries per dimension to show when summarising
   * @param threshold element count above which the tensor is summarised
   */
  public static String format(Tensor tensor, int edgeItems, long threshold) {
    StringBuilder out = new StringBuilder();
    boolean summarise = tensor.numElements() > threshold;
    appendLevel(out, tensor, 0, 0, summarise, edgeItems);
    return out.toString();
  }

  /** The first {@code maxValues} elements, flat: {@code [1.0, 2.0, ...]} (for one-line descriptions). */
  public static String summary(Tensor tensor, int maxValues) {
    StringBuilder out = new StringBuilder("[");
    long n = tensor.numElements();
    for (long i = 0; i < Math.min(n, maxValues); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(element(tensor, (int) i));
    }
    if (n > maxValues) {
      out.append(", ...");
    }
    return out.append(']').toString();
  }

  private static void appendLevel(
      StringBuilder out, Tensor tensor, int axis, long offset, boolean summarise, int edgeItems) {
    Shape shape = tensor.shape();
    if (axis == shape.rank()) {
      out.append(element(tensor, (int) offset));
      return;
    }
    long size = shape.dim(axis);
    long stride = 1;
    for (int d = axis + 1; d < shape.rank(); d++) {
      stride *= shape.dim(d);
    }
    out.append('[');
    String separator = axis == shape.rank() - 1 ? ", " : ",\n" + " ".repeat(axis + 1);
    for (long i = 0; i < size; i++) {
      if (summarise && size > 2L * edgeItems && i == edgeItems) {
        out.append("...").append(separator);
        i = size - edgeItems;
      }
      appendLevel(out, tensor, axis + 1, offset + i * stride, summarise, edgeItems);
      if (i < size - 1) {
        out.append(separator);
      }
    }
    out.append(']');
  }

  /** Element {@code index} (row-major) as text. */
  public static String element(Tensor tensor, int index) {
    DataType type = tensor.dataType();
    if (tensor instanceof FloatTensor t) {
      return type == DataType.COMPLEX64
          ? complex(t.data()[2 * index], t.data()[2 * index + 1])
          : Float.toString(t.data()[index]);
    } else if (tensor instanceof DoubleTensor t) {
      return type == DataType.COMPLEX128
          ? complex(t.data()[2 * index], t.data()[2 * index + 1])
          : Double.toString(t.data()[index]);
    } else if (tensor instanceof IntTensor t) {
      int v = t.data()[index];
      return type == DataType.UINT32 ? Integer.toUnsignedString(v) : Integer.toString(v);
    } else if (tensor instanceof LongTensor t) {
      long v = t.data()[index];
      return type == DataType.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
    } else if (tensor instanceof ShortTensor t) {
      short v = t.data()[index];
      return switch (type) {
        case HALF -> Float.toString(HalfFloats.halfToFloat(v));
        case BFLOAT16 -> Float.toString(HalfFloats.bfloat16ToFloat(v));
        case UINT16, QUINT16 -> Integer.toString(v & 0xffff);
        default -> Short.toString(v);
      };
    } else if (tensor instanceof ByteTensor t) {
      byte v = t.data()[index];
      return type == DataType.UINT8 || type == DataType.QUINT8 ? Integer.toString(v & 0xff) : Byte.toString(v);
    } else if (tensor instanceof BooleanTensor t) {
      return t.data()[index] ? "True" : "False";
    } else {
      return pythonBytes(((StringTensor) tensor).data()[index]);
    }
  }

  private static String complex(double re, double im) {
    return "(" + re + (im < 0 || (im == 0 && 1 / im < 0) ? "" : "+") + im + "j)";
  }

  /** {@code b'...'} with Python's escapes, as NumPy prints byte strings. */
  static String pythonBytes(byte[] bytes) {
    StringBuilder out = new StringBuilder("b'");
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append((char) c);
          } else {
            out.append(String.format("\\x%02x", c));
          }
        }
      }
    }
    return out.append('\'').toString();
  }
}
