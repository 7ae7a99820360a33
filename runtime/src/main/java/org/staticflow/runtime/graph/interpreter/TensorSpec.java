package org.staticflow.runtime.graph.interpreter;

import java.util.Arrays;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * What is known about a tensor before it exists: its dtype and its shape, in which a dimension may be
 * unknown ({@code -1}, printed {@code ?}) and the rank itself may be unknown ({@code dims == null}). At run
 * time the same type describes actual tensors, with everything known.
 */
public record TensorSpec(DataType dataType, long[] dims) {
  /** A spec of unknown rank. */
  public static TensorSpec unknownShape(DataType dataType) {
    return new TensorSpec(dataType, null);
  }

  /** A spec with these dimensions ({@code -1}: unknown). */
  public static TensorSpec of(DataType dataType, long... dims) {
    return new TensorSpec(dataType, dims.clone());
  }

  /** The exact spec of {@code tensor}. */
  public static TensorSpec of(Tensor tensor) {
    return new TensorSpec(tensor.dataType(), tensor.shape().dims());
  }

  /** From a {@code TensorShapeProto} (unknown rank and {@code -1} dimensions kept). */
  public static TensorSpec of(DataType dataType, TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return unknownShape(dataType);
    }
    return new TensorSpec(dataType, shape.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray());
  }

  public boolean hasRank() {
    return dims != null;
  }

  /** The rank; {@code -1} when unknown. */
  public int rank() {
    return dims == null ? -1 : dims.length;
  }

  /** Dimension {@code axis}; {@code -1} when unknown. */
  public long dim(int axis) {
    return dims[axis];
  }

  /** Whether rank and every dimension are known. */
  public boolean isFullyDefined() {
    if (dims == null) {
      return false;
    }
    for (long dim : dims) {
      if (dim < 0) {
        return false;
      }
    }
    return true;
  }

  /** The shape, which must be fully defined. */
  public Shape shape() {
    if (!isFullyDefined()) {
      throw new IllegalStateException("shape " + shapeString() + " is not fully defined");
    }
    return Shape.of(dims);
  }

  /** The element count, or {@code -1} when unknown. */
  public long numElements() {
    if (!isFullyDefined()) {
      return -1;
    }
    long n = 1;
    for (long dim : dims) {
      n *= dim;
    }
    return n;
  }

  /**
   * Whether a tensor of this {@code actual} spec may stand where this spec is expected: same dtype, and
   * every known dimension equal.
   */
  public boolean accepts(TensorSpec actual) {
    if (actual.dataType != dataType) {
      return false;
    }
    if (dims == null || actual.dims == null) {
      return true;
    }
    if (dims.length != actual.dims.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] >= 0 && actual.dims[i] >= 0 && dims[i] != actual.dims[i]) {
        return false;
      }
    }
    return true;
  }

  /** {@code [?,784]}, or {@code <unknown>} for an unknown rank. */
  public String shapeString() {
    if (dims == null) {
      return "<unknown>";
    }
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      text.append(i > 0 ? "," : "").append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
    }
    return text.append(']').toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorSpec spec && spec.dataType == dataType && Arrays.equals(spec.dims, dims);
  }

  @Override
  public int hashCode() {
    return 31 * dataType.hashCode() + Arrays.hashCode(dims);
  }

  /** {@code DT_FLOAT[?,784]}. */
  @Override
  public String toString() {
    return dataType.protoName() + shapeString();
  }
}
