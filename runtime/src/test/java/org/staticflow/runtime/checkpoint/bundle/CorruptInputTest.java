package org.staticflow.runtime.checkpoint.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.proto.BundleHeaderProto;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.proto.TensorSliceProto;
import org.staticflow.proto.VersionDef;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;
import org.staticflow.runtime.checkpoint.UnsupportedCheckpointException;
import org.staticflow.runtime.checkpoint.table.TableWriter;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;

/**
 * Damaged and hostile files end in a typed exception that names the file and the problem: never an
 * OutOfMemoryError from a lying header, never a silently wrong tensor.
 */
class CorruptInputTest {
  @TempDir Path dir;
  private Path prefix;
  private Path index;
  private Path data;

  @BeforeEach
  void writeValidBundle() throws Exception {
    prefix = dir.resolve("model.ckpt");
    index = BundleFiles.indexFile(prefix);
    data = BundleFiles.dataFile(prefix, 0, 1);
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      float[] values = new float[100];
      Arrays.fill(values, 1.5f);
      writer.add("weights", FloatTensor.of(Shape.of(10, 10), values));
      writer.add("vocabulary", StringTensor.of(Shape.of(3), "a", "bb", "ccc"));
      writer.finish();
    }
  }

  private static <T extends CheckpointException> T fails(Class<T> type, Executable action, String... fragments) {
    T error = assertThrows(type, action);
    for (String fragment : fragments) {
      assertTrue(error.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + error.getMessage());
    }
    return error;
  }

  private void readAll() throws Exception {
    try (BundleReader reader = BundleReader.open(prefix)) {
      reader.read("weights");
      reader.read("vocabulary");
    }
  }

  private void modify(Path file, int offsetFromEnd, int xor) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int position = offsetFromEnd >= 0 ? offsetFromEnd : bytes.length + offsetFromEnd;
    bytes[position] ^= (byte) xor;
    Files.write(file, bytes);
  }

  @Test
  void truncatedIndex() throws Exception {
    byte[] bytes = Files.readAllBytes(index);
    Files.write(index, Arrays.copyOf(bytes, bytes.length / 2));
    fails(CorruptCheckpointException.class, this::readAll, index.toString(), "bad magic number");
    Files.write(index, Arrays.copyOf(bytes, 10));
    fails(CorruptCheckpointException.class, this::readAll, index.toString(), "too short");
  }

  @Test
  void badMagic() throws Exception {
    modify(index, -1, 0x01);
    fails(CorruptCheckpointException.class, this::readAll, index.toString(), "not an sstable (bad magic number)");
  }

  @Test
  void flippedByteInIndexBlock() throws Exception {
    modify(index, 3, 0x40);
    fails(CorruptCheckpointException.class, this::readAll, index.toString(), "block checksum mismatch");
  }

  @Test
  void flippedByteInTensorData() throws Exception {
    modify(data, 7, 0x10);
    fails(CorruptCheckpointException.class, this::readAll, data.toString(), "checksum mismatch for tensor weights");
  }

  @Test
  void flippedByteInStringData() throws Exception {
    modify(data, -1, 0x10);
    fails(CorruptCheckpointException.class, this::readAll, data.toString(), "vocabulary", "checksum mismatch");
  }

  @Test
  void truncatedData() throws Exception {
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, Arrays.copyOf(bytes, 200));
    fails(CorruptCheckpointException.class, this::readAll, data.toString(), "claims bytes", "the file has 200 bytes");
  }

  @Test
  void missingDataFile() throws Exception {
    Files.delete(data);
    fails(CorruptCheckpointException.class, this::readAll, data.toString(), "is missing");
  }

  /** Writes an index whose entries are the given raw protos; the data file holds {@code dataBytes} bytes. */
  private void craft(BundleHeaderProto header, int dataBytes, Object... keysAndEntries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableWriter table = new TableWriter(out);
    table.add(new byte[0], header.toByteArray());
    for (int i = 0; i < keysAndEntries.length; i += 2) {
      Object key = keysAndEntries[i];
      byte[] keyBytes = key instanceof byte[] raw ? raw : ((String) key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Object value = keysAndEntries[i + 1];
      table.add(keyBytes, value instanceof byte[] raw ? raw : ((BundleEntryProto) value).toByteArray());
    }
    table.finish();
    Files.write(index, out.toByteArray());
    Files.write(data, new byte[dataBytes]);
  }

  private static BundleHeaderProto header(int shards) {
    return BundleHeaderProto.newBuilder().setNumShards(shards).setVersion(VersionDef.newBuilder().setProducer(1)).build();
  }

  private static BundleEntryProto floatEntry(long size, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long dim : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
    }
    return BundleEntryProto.newBuilder().setDtypeValue(1).setShape(shape).setSize(size).build();
  }

  @Test
  void lyingShapeAndSizeDoNotAllocate() throws Exception {
    craft(header(1), 16, "huge", floatEntry(4L << 40, 1L << 40));
    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(Shape.of(1L << 40), reader.entry("huge").orElseThrow().shape());
      fails(CorruptCheckpointException.class, () -> reader.read("huge"), data.toString(), "huge", "claims bytes");
      fails(CorruptCheckpointException.class, () -> reader.readPayload("huge", (p, c) -> { }), "claims bytes");
    }
  }

  @Test
  void sizeThatDisagreesWithShape() throws Exception {
    craft(header(1), 16, "w", floatEntry(12, 4));
    fails(CorruptCheckpointException.class, () -> BundleReader.open(prefix), index.toString(),
        "invalid size in bundle entry: stored size 12, expected 16 for DT_FLOAT[4]");
  }

  @Test
  void shapeWhoseElementCountOverflows() throws Exception {
    craft(header(1), 16, "w", floatEntry(16, 1L << 40, 1L << 40));
    fails(CorruptCheckpointException.class, () -> BundleReader.open(prefix), "impossible shape");
    craft(header(1), 16, "w", floatEntry(16, -4));
    fails(CorruptCheckpointException.class, () -> BundleReader.open(prefix), "impossible shape");
  }

  @Test
  void absurdShardCountAndShardId() throws Exception {
    craft(header(1 << 30), 16, "w", floatEntry(4, 1));
    fails(CorruptCheckpointException.class, () -> BundleReader.open(prefix), "declares 1073741824 data shards");
    craft(header(1), 16, "w", floatEntry(4, 1).toBuilder().setShardId(5).build());
    fails(CorruptCheckpointException.class, () -> BundleReader.open(prefix), "is in shard 5 but the bundle has 1");
  }

  @Test
  void stringTensorClaimingMoreElementsThanBytes() throws Exception {
    BundleEntryProto strings = BundleEntryProto.newBuilder().setDtypeValue(7)
        .setShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(1_000_000_000)))
        .setSize(10).build();
    craft(header(1), 10, "s", strings);
    try (BundleReader reader = BundleReader.open(prefix)) {
      fails(CorruptCheckpointException.class, () -> reader.read("s"), "1000000000 strings cannot fit in 10 bytes");
    }
  }

  @Test
  void entryThatIsNotAProto() throws Exception {
    craft(header(1), 0, "w", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    fails(CorruptCheckpointException.class, () -> BundleReader.open(prefix), "entry for w is not a valid BundleEntryProto");
  }

  @Test
  void partitionedVariableWithAMissingSliceEntry() throws Exception {
    TensorSliceProto half = TensorSliceProto.newBuilder()
        .addExtent(TensorSliceProto.Extent.newBuilder().setStart(0).setLength(5))
        .addExtent(TensorSliceProto.Extent.newBuilder()).build();
    TensorSliceProto otherHalf =
        half.toBuilder().setExtent(0, TensorSliceProto.Extent.newBuilder().setStart(5).setLength(5)).build();
    BundleEntryProto full = floatEntry(0, 10, 3).toBuilder().addSlices(half).addSlices(otherHalf).build();
    byte[] firstHalfKey = {0, 'e', 'm', 'b', 0, 1, 1, 2, (byte) 0x80, (byte) 0x85, (byte) 0x80, 0x7f};
    craft(header(1), 60, firstHalfKey, floatEntry(60, 5, 3), "emb", full);
    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(List.of("emb"), reader.entries().stream().map(BundleEntry::key).toList());
      assertTrue(reader.entry("emb").orElseThrow().isPartitioned());
      fails(CorruptCheckpointException.class, () -> reader.read("emb"),
          "partitioned variable emb", "the entry of slice 5,5:- is missing");
    }
  }

  @Test
  void partitionedVariableWhoseSlicesDoNotCoverIt() throws Exception {
    TensorSliceProto half = TensorSliceProto.newBuilder()
        .addExtent(TensorSliceProto.Extent.newBuilder().setStart(0).setLength(5))
        .addExtent(TensorSliceProto.Extent.newBuilder()).build();
    BundleEntryProto full = floatEntry(0, 10, 3).toBuilder().addSlices(half).build();
    byte[] firstHalfKey = {0, 'e', 'm', 'b', 0, 1, 1, 2, (byte) 0x80, (byte) 0x85, (byte) 0x80, 0x7f};
    craft(header(1), 60, firstHalfKey, floatEntry(60, 5, 3), "emb", full);
    try (BundleReader reader = BundleReader.open(prefix)) {
      fails(CorruptCheckpointException.class, () -> reader.read("emb"), "its slices cover 15 of 30 elements");
    }
  }

  @Test
  void variantTensorIsSkippedInListingAndRefusedOnRead() throws Exception {
    craft(header(1), 8, "iterator", BundleEntryProto.newBuilder().setDtypeValue(21).setSize(8).build(),
        "w", floatEntry(4, 1));
    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(List.of("w"), reader.entries().stream().map(BundleEntry::key).toList());
      fails(UnsupportedCheckpointException.class, () -> reader.read("iterator"), "iterator", "DT_VARIANT");
    }
  }

  @Test
  void indexWithoutHeader() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableWriter table = new TableWriter(out);
    table.add("w".getBytes(java.nio.charset.StandardCharsets.US_ASCII), floatEntry(4, 1).toByteArray());
    table.finish();
    Files.write(index, out.toByteArray());
    fails(CorruptCheckpointException.class, () -> BundleReader.open(prefix), "bundle header (empty key) is missing");
  }
}
