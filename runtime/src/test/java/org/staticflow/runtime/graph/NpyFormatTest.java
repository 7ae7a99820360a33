package org.staticflow.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.graph.io.NpyFormat;
import org.staticflow.runtime.graph.io.TensorJson;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/** The .npy reader and writer against files NumPy wrote (see resources/.../npy/README.md), and the JSON form. */
class NpyFormatTest {
  private static byte[] resource(String name) throws Exception {
    try (InputStream in = NpyFormatTest.class.getResourceAsStream("npy/" + name)) {
      return in.readAllBytes();
    }
  }

  private static final Map<String, Tensor> NUMPY_FILES = Map.of(
      "float32_2x3.npy", FloatTensor.of(Shape.of(2, 3), 1.5f, -2, 3, 4, 5.25f, -6e-3f),
      "int64_vector.npy", LongTensor.of(Shape.of(3), 1, -2, 3_000_000_000L),
      "bool_2x2.npy", BooleanTensor.of(Shape.of(2, 2), true, false, false, true),
      "float64_scalar.npy", DoubleTensor.scalar(3.25),
      "int32_empty.npy", IntTensor.of(Shape.of(0, 3)),
      "uint8_vector.npy", new org.staticflow.runtime.tensor.ByteTensor(DataType.UINT8, Shape.of(3), new byte[] {0, (byte) 255, 7}));

  @Test
  void readsNumpysFilesAndWritesThemByteForByte() throws Exception {
    for (Map.Entry<String, Tensor> file : NUMPY_FILES.entrySet()) {
      byte[] numpy = resource(file.getKey());
      assertEquals(file.getValue(), NpyFormat.decode(numpy, file.getKey()), file.getKey());
      assertArrayEquals(numpy, NpyFormat.encode(file.getValue()), file.getKey() + " as NumPy writes it");
    }
    assertEquals(FloatTensor.of(Shape.of(3), 1, 2, 3), NpyFormat.decode(resource("float32_v2.npy"), "v2"));
  }

  @Test
  void refusesWhatItCannotReadSayingWhy() throws Exception {
    assertEquals("float32_bigendian.npy: big-endian arrays ('>f4') are not supported; save with arr.astype(arr.dtype.newbyteorder('<'))",
        assertThrows(GraphException.class, () -> NpyFormat.decode(resource("float32_bigendian.npy"), "float32_bigendian.npy")).getMessage());
    assertEquals("f.npy: Fortran-ordered arrays are not supported (save with np.ascontiguousarray)",
        assertThrows(GraphException.class, () -> NpyFormat.decode(resource("float32_fortran.npy"), "f.npy")).getMessage());
    assertEquals("c.npy: unsupported .npy dtype '<c8' (supported: bool, int8/16/32/64, uint8/16, float16/32/64)",
        assertThrows(GraphException.class, () -> NpyFormat.decode(resource("complex.npy"), "c.npy")).getMessage());
    assertEquals("x.npy: not a NumPy .npy file (no \\x93NUMPY magic)",
        assertThrows(GraphException.class, () -> NpyFormat.decode("{}".getBytes(), "x.npy")).getMessage());
    byte[] truncated = java.util.Arrays.copyOf(resource("float32_2x3.npy"), 140);
    assertEquals("t.npy: <f4 array of shape [2,3] needs 24 bytes of data, the file has 12",
        assertThrows(GraphException.class, () -> NpyFormat.decode(truncated, "t.npy")).getMessage());
  }

  @Test
  void jsonRoundTripsAndAcceptsNestedValues() {
    Tensor x = FloatTensor.of(Shape.of(2, 2), 1.5f, Float.NaN, Float.NEGATIVE_INFINITY, 0);
    String json = TensorJson.write(x);
    assertEquals("{\"dtype\": \"DT_FLOAT\", \"shape\": [2, 2], \"values\": [1.5, NaN, -Infinity, 0.0]}", json);
    assertEquals(x, TensorJson.read(json, "x"));
    assertEquals(LongTensor.of(Shape.of(2, 2), 1, 2, 3, 4),
        TensorJson.read("{\"dtype\": \"int64\", \"shape\": [2, 2], \"values\": [[1, 2], [3, 4]]}", "nested"));
    assertEquals(StringTensor.of(Shape.of(1), "a\"b"), TensorJson.read(TensorJson.write(StringTensor.of(Shape.of(1), "a\"b")), "s"));
    assertEquals("j: shape [3] needs 3 values, found 2", assertThrows(GraphException.class,
        () -> TensorJson.read("{\"dtype\": \"DT_FLOAT\", \"shape\": [3], \"values\": [1, 2]}", "j")).getMessage());
    assertEquals("j: value 0 (1.5) is not a DT_INT32 value", assertThrows(GraphException.class,
        () -> TensorJson.read("{\"dtype\": \"DT_INT32\", \"shape\": [1], \"values\": [1.5]}", "j")).getMessage());
    assertThrows(GraphException.class, () -> TensorJson.read("{\"dtype\": ", "j"));
    // int64 beyond 2^53 survives the JSON round trip (a double would round it).
    Tensor big = LongTensor.of(Shape.of(1), 9_007_199_254_740_993L);
    assertEquals(big, TensorJson.read(TensorJson.write(big), "big"));
  }
}
