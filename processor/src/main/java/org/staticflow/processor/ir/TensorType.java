package org.staticflow.processor.ir;

import java.util.Arrays;

/**
 * A static tensor type: element type and dimensions, where {@link #BATCH} stands for the batch size,
 * known only at run time. Printed as TensorFlow prints partially known shapes: {@code [?, 784]}.
 */
public final class TensorType {
  /** The symbolic batch dimension. */
  public static final int BATCH = -1;

  private final DType dtype;
  private final int[] dims;

  public TensorType(DType dtype, int... dims) {
    this.dtype = dtype;
    this.dims = dims.clone();
  }

  public DType dtype() {
    return dtype;
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    return dims[axis];
  }

  public int[] dims() {
    return dims.clone();
  }

  /** Whether some dimension is the batch size. */
  public boolean hasBatch() {
    for (int d : dims) {
      if (d == BATCH) {
        return true;
      }
    }
    return false;
  }

  /** The product of the static dimensions (the batch dimension counts as 1). */
  public long staticElements() {
    long n = 1;
    for (int d : dims) {
      n *= d == BATCH ? 1 : d;
    }
    return n;
  }

  public TensorType withDtype(DType type) {
    return new TensorType(type, dims);
  }

  public TensorType withDims(int... newDims) {
    return new TensorType(dtype, newDims);
  }

  /** {@code [?, 784]}. */
  public String shapeString() {
    return shapeString(dims);
  }

  /** {@code [?, 784]} for any dimension array. */
  public static String shapeString(int[] dims) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      text.append(i > 0 ? ", " : "").append(dims[i] == BATCH ? "?" : String.valueOf(dims[i]));
    }
    return text.append(']').toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorType type && type.dtype == dtype && Arrays.equals(type.dims, dims);
  }

  @Override
  public int hashCode() {
    return 31 * dtype.hashCode() + Arrays.hashCode(dims);
  }

  /** {@code float32[?, 784]}. */
  @Override
  public String toString() {
    return dtype + shapeString();
  }
}
