package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.TensorFormat;

/** KeyOrder, LittleEndian, ElementBytes, Entries, TextTable and ErrorMessages. */
class SmallPartsTest {
  @Test
  void keysSortAsUnsignedUtf8BytesNotAsUtf16() {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (F0 ...) in UTF-8 but after it in UTF-16.
    List<String> keys = new ArrayList<>(List.of("\uD83D\uDE00", "\uFF5E", "b", "B", "a/b", "a"));
    keys.sort(KeyOrder.TENSORFLOW);
    assertEquals(List.of("B", "a", "a/b", "b", "\uFF5E", "\uD83D\uDE00"), keys);
  }

  @Test
  void bigEndianChunksAreSwappedPerValueAndComplexPerPart() {
    ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(1).putInt(-2).flip();
    ByteBuffer little = LittleEndian.of(big, DataType.INT32).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1, little.getInt(0));
    assertEquals(-2, little.getInt(4));
    ByteBuffer complex = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-3f).flip();
    ByteBuffer swapped = LittleEndian.of(complex, DataType.COMPLEX64).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1.5f, swapped.getFloat(0));
    assertEquals(-3f, swapped.getFloat(4));
    ByteBuffer alreadyLittle = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    assertSame(alreadyLittle, LittleEndian.of(alreadyLittle, DataType.FLOAT));
  }

  @Test
  void decodesStoredBytesForPrinting() {
    byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).putLong(7).array();
    assertEquals("18446744073709551615", TensorFormat.element(ElementBytes.decode(DataType.UINT64, bytes), 0));
    assertEquals("[-1, 7]", TensorFormat.format(ElementBytes.decode(DataType.INT64, bytes)));
    assertEquals("(1.0+2.0j)", TensorFormat.element(ElementBytes.decode(DataType.COMPLEX64,
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).array()), 0));
    assertEquals("[True, False]", TensorFormat.format(ElementBytes.decode(DataType.BOOL, new byte[] {1, 0})));
  }

  @Test
  void flatIndexBecomesMultiIndex() {
    assertEquals("[1,0,2]", Entries.index(Shape.of(2, 3, 4), 14));
    assertEquals("[5]", Entries.index(Shape.of(6), 5));
    assertEquals(": ", Entries.at(Shape.scalar(), 0));
    assertEquals(", first at [0,1]: ", Entries.at(Shape.of(2, 2), 1));
  }

  @Test
  void tableAlignsColumnsWithoutTrailingBlanks() {
    TextTable table = new TextTable(3);
    table.add("a", "float32", "[]");
    table.add("conv/kernel", "int8", "[3,3]");
    StringWriter out = new StringWriter();
    try (PrintWriter writer = new PrintWriter(out)) {
      table.print(writer);
    }
    assertArrayEquals(
        new String[] {"a            float32  []", "conv/kernel  int8     [3,3]"},
        out.toString().split(System.lineSeparator()));
  }

  @Test
  void errorMessagesAreOneLine() {
    assertEquals("Key d not found in checkpoint /m", ErrorMessages.oneLine(new CheckpointKeyNotFoundException("d", "/m")));
    assertEquals("no such file: /x/y", ErrorMessages.oneLine(new NoSuchFileException("/x/y")));
    assertEquals("first second", ErrorMessages.oneLine(new IllegalArgumentException("first\n  second")));
    String bug = ErrorMessages.oneLine(new NullPointerException("x is null"));
    assertTrue(bug.startsWith("internal error: java.lang.NullPointerException: x is null"), bug);
  }
}
