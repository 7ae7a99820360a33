package org.staticflow.runtime.tensor;

/**
 * The element types of TensorFlow tensors that Staticflow can hold, with TensorFlow's stable enum numbers
 * ({@code DT_FLOAT = 1}, ...) and the byte size of one element as stored in checkpoints and
 * {@code TensorProto.tensor_content} (little-endian, row-major).
 *
 * <p>Complex types count one element as the (real, imaginary) pair: {@link #COMPLEX64} is 8 bytes, held
 * in a {@link FloatTensor} as two floats per element. {@link #STRING} elements are byte strings of any
 * length ({@link #byteSize()} is {@code -1}). {@code DT_RESOURCE} and {@code DT_VARIANT} are not values
 * and have no constant here.
 */
public enum DataType {
  FLOAT(1, 4, "float32"),
  DOUBLE(2, 8, "float64"),
  INT32(3, 4, "int32"),
  UINT8(4, 1, "uint8"),
  INT16(5, 2, "int16"),
  INT8(6, 1, "int8"),
  STRING(7, -1, "string"),
  COMPLEX64(8, 8, "complex64"),
  INT64(9, 8, "int64"),
  BOOL(10, 1, "bool"),
  QINT8(11, 1, "qint8"),
  QUINT8(12, 1, "quint8"),
  QINT32(13, 4, "qint32"),
  BFLOAT16(14, 2, "bfloat16"),
  QINT16(15, 2, "qint16"),
  QUINT16(16, 2, "quint16"),
  UINT16(17, 2, "uint16"),
  COMPLEX128(18, 16, "complex128"),
  HALF(19, 2, "float16"),
  UINT32(22, 4, "uint32"),
  UINT64(23, 8, "uint64");

  private static final DataType[] BY_NUMBER = new DataType[24];

  static {
    for (DataType type : values()) {
      BY_NUMBER[type.number] = type;
    }
  }

  private final int number;
  private final int byteSize;
  private final String pythonName;

  DataType(int number, int byteSize, String pythonName) {
    this.number = number;
    this.byteSize = byteSize;
    this.pythonName = pythonName;
  }

  /** TensorFlow's {@code DataType} enum value, as stored in protos. */
  public int number() {
    return number;
  }

  /** Bytes per element in the serialized form, or {@code -1} for {@link #STRING}. */
  public int byteSize() {
    return byteSize;
  }

  /** TensorFlow's C++/proto name, e.g. {@code DT_FLOAT}. */
  public String protoName() {
    return "DT_" + name();
  }

  /** The Python name, e.g. {@code float32}, as {@code tf.train.list_variables} users know it. */
  public String pythonName() {
    return pythonName;
  }

  /** Whether a tensor of this type is stored as a fixed number of bytes per element. */
  public boolean isFixedSize() {
    return byteSize > 0;
  }

  /**
   * The type with TensorFlow enum value {@code number}.
   *
   * @throws IllegalArgumentException naming the number (and the type, for DT_RESOURCE, DT_VARIANT and
   *     the *_REF graph types) when Staticflow cannot hold values of that type
   */
  public static DataType fromNumber(int number) {
    if (number > 0 && number < BY_NUMBER.length && BY_NUMBER[number] != null) {
      return BY_NUMBER[number];
    }
    String known =
        switch (number) {
          case 20 -> " (DT_RESOURCE)";
          case 21 -> " (DT_VARIANT)";
          default -> number > 100 ? " (a *_REF graph type)" : "";
        };
    throw new IllegalArgumentException("unsupported TensorFlow data type " + number + known);
  }

  /** The type named {@code DT_FLOAT} / {@code FLOAT} / {@code float32} (case-insensitive). */
  public static DataType fromName(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    for (DataType type : values()) {
      if (type.name().equals(upper) || type.protoName().equals(upper) || type.pythonName.equalsIgnoreCase(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown data type '" + name + "'");
  }
}
