package org.staticflow.runtime.graph;

import java.util.Arrays;
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

/** Shape-changing views and copies of tensors of any type. */
public final class Tensors {
  private Tensors() {}

  /**
   * A tensor of {@code shape} sharing {@code tensor}'s storage (what {@code Reshape}, {@code Squeeze} and
   * {@code ExpandDims} produce without copying).
   *
   * @throws IllegalArgumentException if the element counts differ
   */
  public static Tensor view(Tensor tensor, Shape shape) {
    if (shape.equals(tensor.shape())) {
      return tensor;
    }
    if (tensor instanceof FloatTensor t) {
      return new FloatTensor(t.dataType(), shape, t.data());
    } else if (tensor instanceof DoubleTensor t) {
      return new DoubleTensor(t.dataType(), shape, t.data());
    } else if (tensor instanceof IntTensor t) {
      return new IntTensor(t.dataType(), shape, t.data());
    } else if (tensor instanceof LongTensor t) {
      return new LongTensor(t.dataType(), shape, t.data());
    } else if (tensor instanceof ShortTensor t) {
      return new ShortTensor(t.dataType(), shape, t.data());
    } else if (tensor instanceof ByteTensor t) {
      return new ByteTensor(t.dataType(), shape, t.data());
    } else if (tensor instanceof BooleanTensor t) {
      return new BooleanTensor(shape, t.data());
    } else {
      return new StringTensor(shape, ((StringTensor) tensor).data());
    }
  }

  /** An independent copy (its own storage). */
  public static Tensor copy(Tensor tensor) {
    Shape shape = tensor.shape();
    if (tensor instanceof FloatTensor t) {
      return new FloatTensor(t.dataType(), shape, t.data().clone());
    } else if (tensor instanceof DoubleTensor t) {
      return new DoubleTensor(t.dataType(), shape, t.data().clone());
    } else if (tensor instanceof IntTensor t) {
      return new IntTensor(t.dataType(), shape, t.data().clone());
    } else if (tensor instanceof LongTensor t) {
      return new LongTensor(t.dataType(), shape, t.data().clone());
    } else if (tensor instanceof ShortTensor t) {
      return new ShortTensor(t.dataType(), shape, t.data().clone());
    } else if (tensor instanceof ByteTensor t) {
      return new ByteTensor(t.dataType(), shape, t.data().clone());
    } else if (tensor instanceof BooleanTensor t) {
      return new BooleanTensor(shape, t.data().clone());
    } else {
      byte[][] data = ((StringTensor) tensor).data();
      return new StringTensor(shape, Arrays.stream(data).map(byte[]::clone).toArray(byte[][]::new));
    }
  }

  /** The storage array of any tensor ({@code float[]}, {@code int[]}, ..., {@code byte[][]}). */
  public static Object array(Tensor tensor) {
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
    } else {
      return ((StringTensor) tensor).data();
    }
  }

  /** Element {@code i} of a numeric or boolean tensor as a double (for index and shape values). */
  public static double number(Tensor tensor, int i) {
    if (tensor instanceof FloatTensor t) {
      return t.data()[i];
    } else if (tensor instanceof DoubleTensor t) {
      return t.data()[i];
    } else if (tensor instanceof IntTensor t) {
      return t.data()[i];
    } else if (tensor instanceof LongTensor t) {
      return t.data()[i];
    } else if (tensor instanceof ShortTensor t) {
      return t.data()[i];
    } else if (tensor instanceof ByteTensor t) {
      return t.data()[i];
    } else if (tensor instanceof BooleanTensor t) {
      return t.data()[i] ? 1 : 0;
    }
    throw new IllegalArgumentException(tensor.dataType().protoName() + " tensor has no numeric value");
  }

  /** The elements of an integer tensor as longs (shape vectors, axes, permutations). */
  public static long[] longs(Tensor tensor) {
    if (tensor instanceof IntTensor t) {
      return Arrays.stream(t.data()).asLongStream().toArray();
    } else if (tensor instanceof LongTensor t) {
      return t.data().clone();
    }
    throw new IllegalArgumentException("expected an int32 or int64 tensor, got " + tensor.dataType().protoName());
  }
}
