package org.staticflow.runtime.checkpoint.bundle;

import java.util.List;
import org.staticflow.proto.TensorSliceProto;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.ShortTensor;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Geometry of partitioned variables: the shape of each slice and copying a slice's row-major block into
 * its place in the full tensor.
 */
final class PartitionedTensors {
  private PartitionedTensors() {}

  /** The shape of {@code slice} within a tensor of shape {@code full}, after checking it lies inside. */
  static Shape sliceShape(Shape full, TensorSliceProto slice, String what) throws CorruptCheckpointException {
    if (slice.getExtentCount() != full.rank()) {
      throw new CorruptCheckpointException(what + ": slice has " + slice.getExtentCount() + " extents for a rank "
          + full.rank() + " tensor");
    }
    long[] dims = new long[full.rank()];
    for (int d = 0; d < dims.length; d++) {
      TensorSliceProto.Extent extent = slice.getExtent(d);
      long start = extent.getStart();
      long length = extent.hasLength() ? extent.getLength() : full.dim(d) - start;
      if (start < 0 || length < 0 || start > full.dim(d) || length > full.dim(d) - start) {
        throw new CorruptCheckpointException(what + ": slice extent " + start + ":" + length + " of dimension " + d
            + " lies outside the full shape " + full);
      }
      dims[d] = length;
    }
    return Shape.of(dims);
  }

  /** Copies {@code part} (the values of {@code slice}) into its place in {@code full}. */
  static void place(Tensor part, TensorSliceProto slice, Tensor full) {
    Shape shape = full.shape();
    int rank = shape.rank();
    int perElement = slotsPerElement(full);
    if (rank == 0) {
      System.arraycopy(array(part), 0, array(full), 0, perElement);
      return;
    }
    long[] sliceDims = part.shape().dims();
    long[] strides = new long[rank];
    strides[rank - 1] = 1;
    for (int d = rank - 2; d >= 0; d--) {
      strides[d] = strides[d + 1] * shape.dim(d + 1);
    }
    int run = (int) sliceDims[rank - 1] * perElement;
    long rows = part.numElements() / Math.max(1, sliceDims[rank - 1]);
    if (run == 0 || rows == 0) {
      return;
    }
    long[] index = new long[rank - 1];
    for (long row = 0; row < rows; row++) {
      long target = slice.getExtent(rank - 1).getStart();
      for (int d = 0; d < rank - 1; d++) {
        target += (slice.getExtent(d).getStart() + index[d]) * strides[d];
      }
      System.arraycopy(array(part), (int) (row * run), array(full), (int) (target * perElement), run);
      for (int d = rank - 2; d >= 0; d--) {
        if (++index[d] < sliceDims[d]) {
          break;
        }
        index[d] = 0;
      }
    }
  }

  /** Elements covered by all slices together (slices of TensorFlow partitions do not overlap). */
  static long coveredElements(List<Shape> sliceShapes) {
    long total = 0;
    for (Shape shape : sliceShapes) {
      total += shape.numElements();
    }
    return total;
  }

  private static int slotsPerElement(Tensor tensor) {
    return switch (tensor.dataType()) {
      case COMPLEX64, COMPLEX128 -> 2;
      default -> 1;
    };
  }

  private static Object array(Tensor tensor) {
    if (tensor instanceof FloatTensor t) {
      return t.data();
    } else if (tensor instanceof DoubleTensor t) {
      return t.data();
    } else if (tensor instanceof IntTensor t) {
      return t.data();
    } else if (tensor instanceof LongTensor t) {
      return t.data();
    } else if (tensor instanceof ShortTensor t) {
      return t.data();
    } else if (tensor instanceof ByteTensor t) {
      return t.data();
    } else if (tensor instanceof BooleanTensor t) {
      return t.data();
    }
    return ((StringTensor) tensor).data();
  }
}
