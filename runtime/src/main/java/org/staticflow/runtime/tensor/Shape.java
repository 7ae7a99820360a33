package org.staticflow.runtime.tensor;

import java.util.Arrays;

/**
 * The fully defined shape of a tensor: its dimension sizes, outermost first (row-major). A scalar has rank
 * 0 and one element; any zero dimension makes an empty tensor. Immutable.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new long[0]);

  private final long[] dims;

  private Shape(long[] dims) {
    this.dims = dims;
  }

  /**
   * A shape with the given dimension sizes.
   *
   * @throws IllegalArgumentException if a size is negative or the element count overflows a long
   */
  public static Shape of(long... dims) {
    if (dims.length == 0) {
      return SCALAR;
    }
    long[] copy = dims.clone();
    long count = 1;
    for (long dim : copy) {
      if (dim < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(copy));
      }
      try {
        count = Math.multiplyExact(count, dim);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("shape " + Arrays.toString(copy) + " has more than 2^63 elements");
      }
    }
    return new Shape(copy);
  }

  /** A shape with the given {@code int} dimension sizes. */
  public static Shape of(int... dims) {
    return of(Arrays.stream(dims).asLongStream().toArray());
  }

  /** The shape of a scalar: rank 0, one element. */
  public static Shape scalar() {
    return SCALAR;
  }

  public int rank() {
    return dims.length;
  }

  /** The size of dimension {@code axis}. */
  public long dim(int axis) {
    return dims[axis];
  }

  /** A copy of the dimension sizes. */
  public long[] dims() {
    return dims.clone();
  }

  /** The product of all dimensions (1 for a scalar). */
  public long numElements() {
    long count = 1;
    for (long dim : dims) {
      count *= dim;
    }
    return count;
  }

  /**
   * The element count as an {@code int}, for tensors held in one Java array.
   *
   * @throws IllegalStateException if the tensor has more than {@code Integer.MAX_VALUE - 8} elements
   */
  public int numElementsAsInt() {
    long count = numElements();
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "shape " + this + " has " + count + " elements, more than one Java array can hold");
    }
    return (int) count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Shape shape && Arrays.equals(dims, shape.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** TensorFlow's notation: {@code [2,3]}, {@code []} for a scalar. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(dims[i]);
    }
    return text.append(']').toString();
  }
}
