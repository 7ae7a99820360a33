package org.staticflow.runtime.tensor;

import java.util.Objects;

/**
 * A dense, row-major tensor: a {@link DataType}, a {@link Shape} and a primitive Java array holding the
 * elements. The array is the tensor's storage, not a copy: {@code data()} of each subclass returns it, so
 * generated code, kernels and the checkpoint reader work on it in place.
 *
 * <p>Which subclass holds which type:
 *
 * <ul>
 *   <li>{@link FloatTensor}: {@code FLOAT}, {@code COMPLEX64} (re, im pairs);
 *   <li>{@link DoubleTensor}: {@code DOUBLE}, {@code COMPLEX128} (re, im pairs);
 *   <li>{@link IntTensor}: {@code INT32}, {@code UINT32}, {@code QINT32} (unsigned values as raw bits);
 *   <li>{@link LongTensor}: {@code INT64}, {@code UINT64};
 *   <li>{@link ShortTensor}: {@code INT16}, {@code UINT16}, {@code QINT16}, {@code QUINT16}, {@code HALF}
 *       and {@code BFLOAT16} (16-bit patterns);
 *   <li>{@link ByteTensor}: {@code INT8}, {@code UINT8}, {@code QINT8}, {@code QUINT8};
 *   <li>{@link BooleanTensor}: {@code BOOL};
 *   <li>{@link StringTensor}: {@code STRING} (byte strings).
 * </ul>
 *
 * <p>Equality is by type, shape and element bits (so NaN equals NaN), which is what checkpoint round trips
 * need.
 */
public abstract sealed class Tensor
    permits FloatTensor, DoubleTensor, IntTensor, LongTensor, ShortTensor, ByteTensor, BooleanTensor,
        StringTensor {

  private final DataType dataType;
  private final Shape shape;

  Tensor(DataType dataType, Shape shape, int arrayLength, int valuesPerElement, DataType... accepted) {
    this.dataType = Objects.requireNonNull(dataType, "dataType");
    this.shape = Objects.requireNonNull(shape, "shape");
    boolean ok = false;
    for (DataType type : accepted) {
      ok |= type == dataType;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + " cannot hold " + dataType.protoName());
    }
    long expected = shape.numElements() * valuesPerElement;
    if (arrayLength != expected) {
      throw new IllegalArgumentException(
          dataType.protoName() + " tensor of shape " + shape + " needs " + expected + " array values, got "
              + arrayLength);
    }
  }

  public final DataType dataType() {
    return dataType;
  }

  public final Shape shape() {
    return shape;
  }

  public final long numElements() {
    return shape.numElements();
  }

  /** A tensor of the given type and shape with every element zero (empty strings, false). */
  public static Tensor zeros(DataType dataType, Shape shape) {
    int n = shape.numElementsAsInt();
    return switch (dataType) {
      case FLOAT -> new FloatTensor(dataType, shape, new float[n]);
      case COMPLEX64 -> new FloatTensor(dataType, shape, new float[Math.multiplyExact(n, 2)]);
      case DOUBLE -> new DoubleTensor(dataType, shape, new double[n]);
      case COMPLEX128 -> new DoubleTensor(dataType, shape, new double[Math.multiplyExact(n, 2)]);
      case INT32, UINT32, QINT32 -> new IntTensor(dataType, shape, new int[n]);
      case INT64, UINT64 -> new LongTensor(dataType, shape, new long[n]);
      case INT16, UINT16, QINT16, QUINT16, HALF, BFLOAT16 -> new ShortTensor(dataType, shape, new short[n]);
      case INT8, UINT8, QINT8, QUINT8 -> new ByteTensor(dataType, shape, new byte[n]);
      case BOOL -> new BooleanTensor(shape, new boolean[n]);
      case STRING -> StringTensor.empty(shape);
    };
  }

  /** Whether {@code other} has the same type, shape and element bits. */
  @Override
  public final boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Tensor tensor)
        || tensor.dataType != dataType
        || !tensor.shape.equals(shape)
        || tensor.getClass() != getClass()) {
      return false;
    }
    return contentEquals(tensor);
  }

  @Override
  public final int hashCode() {
    return 31 * (31 * dataType.hashCode() + shape.hashCode()) + contentHashCode();
  }

  /** {@code DT_FLOAT[2,3]}, plus the first values. */
  @Override
  public String toString() {
    return dataType.protoName() + shape + " " + TensorFormat.summary(this, 6);
  }

  abstract boolean contentEquals(Tensor other);

  abstract int contentHashCode();
}
