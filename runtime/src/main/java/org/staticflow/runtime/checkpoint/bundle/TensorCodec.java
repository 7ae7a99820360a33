package org.staticflow.runtime.checkpoint.bundle;

import java.nio.ByteBuffer;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.ShortTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Moves the values of a fixed-size tensor between its Java array and serialized bytes (in the buffer's byte
 * order; bundles are little-endian), a chunk at a time. Positions and counts are in array slots: a
 * {@code COMPLEX64} element is two float slots.
 */
final class TensorCodec {
  private TensorCodec() {}

  /** Bytes per array slot of {@code tensor}'s Java storage. */
  static int slotBytes(Tensor tensor) {
    if (tensor instanceof FloatTensor || tensor instanceof IntTensor) {
      return 4;
    } else if (tensor instanceof DoubleTensor || tensor instanceof LongTensor) {
      return 8;
    } else if (tensor instanceof ShortTensor) {
      return 2;
    } else if (tensor instanceof ByteTensor || tensor instanceof BooleanTensor) {
      return 1;
    }
    throw notFixedSize(tensor);
  }

  /** Number of array slots of {@code tensor}. */
  static int slots(Tensor tensor) {
    long bytes = tensor.numElements() * tensor.dataType().byteSize();
    if (!tensor.dataType().isFixedSize()) {
      throw notFixedSize(tensor);
    }
    return (int) (bytes / slotBytes(tensor));
  }

  /** Puts slots {@code [from, from + count)} into {@code out} at its position, advancing it. */
  static void encode(Tensor tensor, int from, int count, ByteBuffer out) {
    int start = out.position();
    if (tensor instanceof FloatTensor t) {
      out.asFloatBuffer().put(t.data(), from, count);
    } else if (tensor instanceof DoubleTensor t) {
      out.asDoubleBuffer().put(t.data(), from, count);
    } else if (tensor instanceof IntTensor t) {
      out.asIntBuffer().put(t.data(), from, count);
    } else if (tensor instanceof LongTensor t) {
      out.asLongBuffer().put(t.data(), from, count);
    } else if (tensor instanceof ShortTensor t) {
      out.asShortBuffer().put(t.data(), from, count);
    } else if (tensor instanceof ByteTensor t) {
      out.put(t.data(), from, count);
    } else if (tensor instanceof BooleanTensor t) {
      boolean[] data = t.data();
      for (int i = from; i < from + count; i++) {
        out.put(data[i] ? (byte) 1 : (byte) 0);
      }
    } else {
      throw notFixedSize(tensor);
    }
    out.position(start + count * slotBytes(tensor));
  }

  /** Fills slots {@code [from, from + count)} from {@code in} at its position, advancing it. */
  static void decode(ByteBuffer in, Tensor tensor, int from, int count) {
    int start = in.position();
    if (tensor instanceof FloatTensor t) {
      in.asFloatBuffer().get(t.data(), from, count);
    } else if (tensor instanceof DoubleTensor t) {
      in.asDoubleBuffer().get(t.data(), from, count);
    } else if (tensor instanceof IntTensor t) {
      in.asIntBuffer().get(t.data(), from, count);
    } else if (tensor instanceof LongTensor t) {
      in.asLongBuffer().get(t.data(), from, count);
    } else if (tensor instanceof ShortTensor t) {
      in.asShortBuffer().get(t.data(), from, count);
    } else if (tensor instanceof ByteTensor t) {
      in.get(t.data(), from, count);
    } else if (tensor instanceof BooleanTensor t) {
      boolean[] data = t.data();
      for (int i = from; i < from + count; i++) {
        data[i] = in.get() != 0;
      }
    } else {
      throw notFixedSize(tensor);
    }
    in.position(start + count * slotBytes(tensor));
  }

  private static IllegalArgumentException notFixedSize(Tensor tensor) {
    return new IllegalArgumentException(tensor.dataType().protoName() + " is not a fixed-size type");
  }
}
