package org.staticflow.processor.ir;

import java.util.Locale;

/** Element types the compiler computes with, named as TensorFlow's Python API names them. */
public enum DType {
  FLOAT32("float32", "FLOAT", "FloatTensor", "float"),
  INT32("int32", "INT32", "IntTensor", "int"),
  INT64("int64", "INT64", "LongTensor", "long"),
  BOOL("bool", "BOOL", "BooleanTensor", "boolean");

  private final String pythonName;
  private final String runtimeConstant;
  private final String tensorClass;
  private final String javaElement;

  DType(String pythonName, String runtimeConstant, String tensorClass, String javaElement) {
    this.pythonName = pythonName;
    this.runtimeConstant = runtimeConstant;
    this.tensorClass = tensorClass;
    this.javaElement = javaElement;
  }

  /** {@code float32}, ... */
  public String pythonName() {
    return pythonName;
  }

  /** The constant of the runtime's {@code DataType} enum. */
  public String runtimeConstant() {
    return runtimeConstant;
  }

  /** The simple name of the runtime tensor class that holds this type. */
  public String tensorClass() {
    return tensorClass;
  }

  /** The Java primitive element type. */
  public String javaElement() {
    return javaElement;
  }

  /** The type called {@code name} ({@code float32} or {@code tf.float32}), or null. */
  public static DType fromName(String name) {
    String plain = name.startsWith("tf.") ? name.substring(3) : name;
    for (DType type : values()) {
      if (type.pythonName.equals(plain.toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    return "float".equals(plain) ? FLOAT32 : null;
  }

  @Override
  public String toString() {
    return pythonName;
  }
}
