package org.staticflow.runtime.checkpoint.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFormatTest {
  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void maskedCrcMatchesTensorFlowsConstants() {
    // tf-formats §1.2: the masked CRC of float 0.5f is 0x1f273806; the empty metaindex block + type byte is
    // 0xb0a1f2c0.
    assertEquals(0x1f273806, MaskedCrc32c.of(new byte[] {0, 0, 0, 0x3f}, 0, 4));
    assertEquals(0xb0a1f2c0, MaskedCrc32c.of(new byte[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, 0, 9));
    assertEquals(0x12345678, MaskedCrc32c.unmask(MaskedCrc32c.mask(0x12345678)));
  }

  @Test
  void shortestSeparatorAndSuccessorFollowLevelDb() {
    assertArrayEquals(ascii("the r"), TableWriter.shortestSeparator(ascii("the quick brown fox"), ascii("the who")));
    assertArrayEquals(ascii("abc"), TableWriter.shortestSeparator(ascii("abc"), ascii("abcd")), "prefix: keep");
    assertArrayEquals(ascii("ab"), TableWriter.shortestSeparator(ascii("ab"), ascii("ac")), "no room: keep");
    assertArrayEquals(ascii("d"), TableWriter.shortSuccessor(ascii("c2")));
    assertArrayEquals(new byte[] {(byte) 0xff, 0x01}, TableWriter.shortSuccessor(new byte[] {(byte) 0xff, 0, 5}));
    assertArrayEquals(new byte[] {(byte) 0xff}, TableWriter.shortSuccessor(new byte[] {(byte) 0xff}));
  }

  @Test
  void emptyTableIsTheKnownByteSequence() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TableWriter(out).finish();
    // metaindex (empty block + trailer), index (empty block + trailer), footer with handles (0,8) and (13,8).
    String hex = HexFormat.of().formatHex(out.toByteArray());
    assertEquals("0000000001000000" + "00c0f2a1b0" + "0000000001000000" + "00c0f2a1b0"
        + "0008" + "0d08" + "00".repeat(36) + "57fb808b247547db", hex);
  }

  @Test
  void restartPointsEverySixteenEntriesAndPrefixCompression() throws Exception {
    BlockBuilder block = new BlockBuilder(16);
    for (int i = 0; i < 40; i++) {
      block.add(ascii(String.format("key%03d", i)), new byte[] {(byte) i});
    }
    byte[] bytes = block.finish();
    int restarts = BlockDecoder.readFixed32(bytes, bytes.length - 4);
    assertEquals(3, restarts, "entries 0, 16 and 32 start restarts");
    // The second entry shares "key00" (5 bytes) with the first: shared=5, non_shared=1, value=1.
    assertEquals(5, bytes[10]);
    List<TableEntry> entries = new ArrayList<>();
    BlockDecoder.decode(bytes, "test", null, entries);
    assertEquals(40, entries.size());
    assertArrayEquals(ascii("key039"), entries.get(39).key());
  }

  @Test
  void largeTablesSplitIntoBlocksAndReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("table");
    byte[] value = new byte[1000];
    int count = 2000; // about 2 MB: eight 256 KiB blocks
    try (var out = Files.newOutputStream(file)) {
      TableWriter writer = new TableWriter(out);
      for (int i = 0; i < count; i++) {
        value[0] = (byte) i;
        writer.add(ascii(String.format("entry-%06d", i)), value.clone());
      }
      writer.add(ascii("entry-z"), new byte[3 * TableWriter.BUNDLE_BLOCK_SIZE]); // oversized: its own block
      writer.finish();
    }
    List<TableEntry> entries = TableReader.readAll(file);
    assertEquals(count + 1, entries.size());
    assertEquals((byte) 77, entries.get(77).value()[0]);
    assertEquals(3 * TableWriter.BUNDLE_BLOCK_SIZE, entries.get(count).value().length);
  }

  @Test
  void keysMustIncrease() {
    TableWriter writer = new TableWriter(new ByteArrayOutputStream());
    assertThrows(IllegalArgumentException.class, () -> {
      writer.add(ascii("b"), new byte[0]);
      writer.add(ascii("a"), new byte[0]);
    });
  }
}
