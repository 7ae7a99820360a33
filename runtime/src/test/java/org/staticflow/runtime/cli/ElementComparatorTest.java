package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.HalfFloats;

class ElementComparatorTest {
  private static ByteBuffer floats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.flip();
  }

  private static ByteBuffer longs(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.flip();
  }

  @Test
  void countsDifferencesAndTracksMaxAbsDiffAcrossChunks() {
    ElementComparator c = new ElementComparator(DataType.FLOAT, 0);
    c.compare(floats(1, 2, 3), floats(1, 2.5f, 3));
    c.compare(floats(4, 5), floats(1, 5));
    assertEquals(5, c.compared());
    assertEquals(2, c.differing());
    assertEquals(3.0, c.maxAbsDiff());
    assertEquals(1, c.firstDifference());
    assertArrayEquals(floats(2).array(), c.firstDifferenceA());
    assertArrayEquals(floats(2.5f).array(), c.firstDifferenceB());
  }

  @Test
  void nanEqualsNanAndSignedZerosAreEqualButNanVersusNumberDiffers() {
    ElementComparator c = new ElementComparator(DataType.FLOAT, 0);
    c.compare(
        floats(Float.NaN, 0.0f, Float.NaN, 7),
        floats(Float.intBitsToFloat(0x7fc00001), -0.0f, 1, 7));
    assertEquals(1, c.differing());
    assertEquals(1, c.nanMismatches());
    assertEquals(0.0, c.maxAbsDiff());
    assertEquals(2, c.firstDifference());
  }

  @Test
  void toleranceAppliesToFloatsAndIntegers() {
    ElementComparator f = new ElementComparator(DataType.FLOAT, 0.01);
    f.compare(floats(1, 2), floats(1.005f, 2.5f));
    assertEquals(1, f.differing());
    ElementComparator i = new ElementComparator(DataType.INT64, 1);
    i.compare(longs(10, 20, 30), longs(11, 22, 30));
    assertEquals(1, i.differing());
    assertEquals(2.0, i.maxAbsDiff());
  }

  @Test
  void integersCompareExactlyEvenBeyondDoublePrecision() {
    ElementComparator c = new ElementComparator(DataType.INT64, 0);
    c.compare(longs(Long.MAX_VALUE, Long.MIN_VALUE), longs(Long.MAX_VALUE - 1, Long.MAX_VALUE));
    assertEquals(2, c.differing());
    assertEquals(Math.pow(2, 64), c.maxAbsDiff(), 1e6);
  }

  @Test
  void unsignedIntegersAreUnsigned() {
    ElementComparator c = new ElementComparator(DataType.UINT64, 0);
    c.compare(longs(-1L), longs(0));
    assertEquals(Math.pow(2, 64), c.maxAbsDiff(), 1e6);
    ElementComparator u8 = new ElementComparator(DataType.UINT8, 0);
    u8.compare(ByteBuffer.wrap(new byte[] {(byte) 255}), ByteBuffer.wrap(new byte[] {0}));
    assertEquals(255.0, u8.maxAbsDiff());
  }

  @Test
  void halfFloatsAndComplexNumbersDecode() {
    ByteBuffer a = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(HalfFloats.floatToHalf(1.5f)).flip();
    ByteBuffer b = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(HalfFloats.floatToHalf(-0.5f)).flip();
    ElementComparator half = new ElementComparator(DataType.HALF, 0);
    half.compare(a, b);
    assertEquals(2.0, half.maxAbsDiff());
    ElementComparator complex = new ElementComparator(DataType.COMPLEX64, 0);
    complex.compare(floats(1, 1, 5, 5), floats(4, 5, 5, 5));
    assertEquals(1, complex.differing());
    assertEquals(5.0, complex.maxAbsDiff(), 1e-12);
  }

  @Test
  void refusesRaggedChunksAndStrings() {
    ElementComparator c = new ElementComparator(DataType.FLOAT, 0);
    assertThrows(IllegalArgumentException.class, () -> c.compare(ByteBuffer.allocate(6), ByteBuffer.allocate(6)));
    assertThrows(IllegalArgumentException.class, () -> c.compare(floats(1), floats(1, 2)));
    assertThrows(IllegalArgumentException.class, () -> new ElementComparator(DataType.STRING, 0));
    assertThrows(IllegalArgumentException.class, () -> new ElementComparator(DataType.FLOAT, Double.NaN));
  }
}
