package org.staticflow.runtime.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The tensors the interop tests move between TensorFlow and Staticflow. All deterministic (fixed seeds),
 * so both sides can build the same set independently.
 *
 * <p>Fixed-size values are random bit patterns, not nice numbers: floats include NaNs with arbitrary
 * payloads, signed zeros, infinities and subnormals, so only a bit-exact round trip passes.
 */
public final class InteropTensors {
  /** Number of variables in {@link #manyVariables()}; with their long keys they fill several index blocks. */
  public static final int MANY_VARIABLES = 3000;

  /** Elements of the 64 MiB float tensor ({@code [4096, 4096]}). */
  public static final int BIG_SIDE = 4096;

  private InteropTensors() {}

  /**
   * For every dtype: a scalar, a vector, an empty tensor (a zero dimension between others) and a rank-4
   * tensor; plus string tensors with empty, long, and non-UTF-8 elements, and keys whose UTF-8 bytes sort
   * differently from their UTF-16 code units.
   */
  public static List<NamedTensor> everyDtypeAndShape() {
    List<NamedTensor> tensors = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(20261122);
    for (DataType type : DataType.values()) {
      if (type == DataType.STRING) {
        continue;
      }
      String base = "dtype/" + type.pythonName() + "/";
      tensors.add(new NamedTensor(base + "scalar", randomTensor(type, Shape.scalar(), random)));
      tensors.add(new NamedTensor(base + "vector", randomTensor(type, Shape.of(7), random)));
      tensors.add(new NamedTensor(base + "empty", randomTensor(type, Shape.of(2, 0, 3), random)));
      tensors.add(new NamedTensor(base + "rank4", randomTensor(type, Shape.of(2, 3, 1, 4), random)));
    }
    tensors.add(new NamedTensor("string/scalar", StringTensor.of(Shape.scalar(), "hello, TensorFlow")));
    tensors.add(new NamedTensor("string/empty_elements", StringTensor.of(Shape.of(4), "", "a", "", "")));
    tensors.add(new NamedTensor("string/empty_scalar", StringTensor.of(Shape.scalar(), "")));
    tensors.add(new NamedTensor("string/empty_tensor", StringTensor.of(Shape.of(0, 2))));
    tensors.add(new NamedTensor("string/binary", binaryStrings()));
    tensors.add(new NamedTensor("string/rank4", rank4Strings()));
    tensors.add(new NamedTensor("string/long", longStrings(random)));
    // U+FF21 (3 UTF-8 bytes, ef bc a1) sorts after U+10400 (4 bytes, f0 90 90 80) in UTF-16 but before it
    // in UTF-8 byte order, which is TensorFlow's.
    tensors.add(new NamedTensor("unicode/\uFF21", FloatTensor.scalar(1f)));
    tensors.add(new NamedTensor("unicode/\uD801\uDC00", FloatTensor.scalar(2f)));
    tensors.add(new NamedTensor("unicode/gr\u00f6\u00dfe", FloatTensor.scalar(3f)));
    return tensors;
  }

  /**
   * {@link #MANY_VARIABLES} small float tensors whose keys carry a ~400-byte unique part (so prefix
   * compression cannot shrink them), about 1.3 MB of index: at least four 256 KiB data blocks.
   */
  public static List<NamedTensor> manyVariables() {
    List<NamedTensor> tensors = new ArrayList<>(MANY_VARIABLES);
    SplittableRandom random = new SplittableRandom(3000);
    for (int i = 0; i < MANY_VARIABLES; i++) {
      StringBuilder key = new StringBuilder(String.format("many/v%05d/", i));
      while (key.length() < 420) {
        key.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE));
      }
      tensors.add(new NamedTensor(key.toString(), FloatTensor.of(Shape.of(2), i, -i * 0.5f)));
    }
    return tensors;
  }

  /** A 64 MiB float tensor ({@code [4096, 4096]}) of random bit patterns. */
  public static NamedTensor big64MiB() {
    return new NamedTensor("big/float_64MiB", randomTensor(DataType.FLOAT, Shape.of(BIG_SIDE, BIG_SIDE), new SplittableRandom(64)));
  }

  /** Everything: {@link #everyDtypeAndShape()}, {@link #manyVariables()} and {@link #big64MiB()}. */
  public static List<NamedTensor> all() {
    List<NamedTensor> tensors = new ArrayList<>(everyDtypeAndShape());
    tensors.addAll(manyVariables());
    tensors.add(big64MiB());
    return tensors;
  }

  /**
   * A tensor of random bits. Bool gets 0/1 (TensorFlow's only valid bool bytes); for floating types a few
   * special values are planted at the front so small tensors contain them too.
   */
  public static Tensor randomTensor(DataType type, Shape shape, SplittableRandom random) {
    if (type == DataType.BOOL) {
      boolean[] values = new boolean[shape.numElementsAsInt()];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextBoolean();
      }
      return BooleanTensor.of(shape, values);
    }
    byte[] bytes = new byte[Math.toIntExact(shape.numElements() * type.byteSize())];
    random.nextBytes(bytes);
    if (type == DataType.FLOAT && bytes.length >= 24) {
      plantFloats(bytes);
    }
    return TensorBytes.fromLittleEndian(type, shape, bytes);
  }

  private static void plantFloats(byte[] bytes) {
    int[] specials = {0x80000000, 0x7fc00000, 0x7f800001, 0xff800000, 0x00000001, 0xffbfffff};
    for (int i = 0; i < specials.length; i++) {
      for (int b = 0; b < 4; b++) {
        bytes[4 * i + b] = (byte) (specials[i] >>> (8 * b));
      }
    }
  }

  /** Strings that are not valid UTF-8: zero bytes, 0xff, lone continuation bytes, a truncated sequence. */
  private static StringTensor binaryStrings() {
    byte[][] data = {
      {0}, {(byte) 0xff, (byte) 0xfe}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {'a', 0, 'b'}, {},
    };
    return new StringTensor(Shape.of(2, 3), data);
  }

  private static StringTensor rank4Strings() {
    byte[][] data = new byte[2 * 1 * 2 * 2][];
    for (int i = 0; i < data.length; i++) {
      data[i] = ("element " + i).repeat(i).getBytes(StandardCharsets.UTF_8);
    }
    return new StringTensor(Shape.of(2, 1, 2, 2), data);
  }

  /** Lengths that need 1, 2 and 3 varint bytes. */
  private static StringTensor longStrings(SplittableRandom random) {
    int[] lengths = {127, 128, 300, 16383, 16384, 70000};
    byte[][] data = new byte[lengths.length][];
    for (int i = 0; i < lengths.length; i++) {
      data[i] = new byte[lengths[i]];
      random.nextBytes(data[i]);
    }
    return new StringTensor(Shape.of(lengths.length), data);
  }
}
