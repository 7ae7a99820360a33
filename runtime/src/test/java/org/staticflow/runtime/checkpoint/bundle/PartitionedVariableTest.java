package org.staticflow.runtime.checkpoint.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.proto.BundleHeaderProto;
import org.staticflow.proto.TensorSliceProto;
import org.staticflow.proto.VersionDef;
import org.staticflow.runtime.checkpoint.table.TableEntry;
import org.staticflow.runtime.checkpoint.table.TableReader;
import org.staticflow.runtime.checkpoint.table.TableWriter;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;

/** Partitioned variables: slice keys as TensorFlow encodes them, and assembly of the full tensor. */
class PartitionedVariableTest {

  private static TensorSliceProto.Extent extent(long start, long length) {
    return TensorSliceProto.Extent.newBuilder().setStart(start).setLength(length).build();
  }

  private static final TensorSliceProto.Extent ALL = TensorSliceProto.Extent.getDefaultInstance();

  @Test
  void sliceKeysMatchTensorFlowsOrderedCode() {
    // tf-formats §1.5: slice [0:5, :] of "var".
    TensorSliceProto slice = TensorSliceProto.newBuilder().addExtent(extent(0, 5)).addExtent(ALL).build();
    assertEquals("0076617200010102" + "8085807f", HexFormat.of().formatHex(SliceKeys.encode("var", slice)));
    // Signed numbers of several lengths, from the spec's examples.
    assertEquals("c040", signed(64));
    assertEquals("c3e8", signed(1000));
    assertEquals("3800", signed(-0x800));
    assertEquals("f0424242", signed(0x424242));
    assertEquals("7f", signed(-1));
    assertEquals("85", signed(5));
    // A name with bytes that need escaping, and rank 300 written as "02 01 2c".
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SliceKeys.writeNumIncreasing(out, 300);
    assertEquals("02012c", HexFormat.of().formatHex(out.toByteArray()));
  }

  private static String signed(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SliceKeys.writeSignedNumIncreasing(out, value);
    return HexFormat.of().formatHex(out.toByteArray());
  }

  @Test
  void assemblesAVariablePartitionedAlongEachAxis(@TempDir Path dir) throws Exception {
    // A 4x3 matrix m[i][j] = 10 i + j, saved as rows 0-2 and row 3 (like fixed_size_partitioner on axis 0),
    // and the same matrix saved as columns 0 and 1-2 (axis 1); plus strings partitioned in two.
    Path parts = dir.resolve("parts");
    TensorSliceProto rows012 = TensorSliceProto.newBuilder().addExtent(extent(0, 3)).addExtent(ALL).build();
    TensorSliceProto row3 = TensorSliceProto.newBuilder().addExtent(extent(3, 1)).addExtent(ALL).build();
    TensorSliceProto col0 = TensorSliceProto.newBuilder().addExtent(ALL).addExtent(extent(0, 1)).build();
    TensorSliceProto col12 = TensorSliceProto.newBuilder().addExtent(ALL).addExtent(extent(1, 2)).build();
    TensorSliceProto words01 = TensorSliceProto.newBuilder().addExtent(extent(0, 2)).build();
    TensorSliceProto word2 = TensorSliceProto.newBuilder().addExtent(extent(2, 1)).build();
    try (BundleWriter writer = BundleWriter.create(parts)) {
      writer.add("rows0", FloatTensor.of(Shape.of(3, 3), 0, 1, 2, 10, 11, 12, 20, 21, 22));
      writer.add("rows1", FloatTensor.of(Shape.of(1, 3), 30, 31, 32));
      writer.add("cols0", FloatTensor.of(Shape.of(4, 1), 0, 10, 20, 30));
      writer.add("cols1", FloatTensor.of(Shape.of(4, 2), 1, 2, 11, 12, 21, 22, 31, 32));
      writer.add("words0", StringTensor.of(Shape.of(2), "alpha", "beta"));
      writer.add("words1", StringTensor.of(Shape.of(1), "gamma"));
      writer.finish();
    }
    // Re-key the parts under slice keys, with full entries listing the slices, as BundleWriter::AddSlice does.
    Map<String, BundleEntryProto> byName = new HashMap<>();
    for (TableEntry entry : TableReader.readAll(BundleFiles.indexFile(parts))) {
      if (entry.key().length > 0) {
        byName.put(new String(entry.key(), StandardCharsets.UTF_8), BundleEntryProto.parseFrom(entry.value()));
      }
    }
    TreeMap<byte[], byte[]> index = new TreeMap<>(Arrays::compareUnsigned);
    index.put(SliceKeys.encode("by_rows", rows012), byName.get("rows0").toByteArray());
    index.put(SliceKeys.encode("by_rows", row3), byName.get("rows1").toByteArray());
    index.put(SliceKeys.encode("by_cols", col0), byName.get("cols0").toByteArray());
    index.put(SliceKeys.encode("by_cols", col12), byName.get("cols1").toByteArray());
    index.put(SliceKeys.encode("words", words01), byName.get("words0").toByteArray());
    index.put(SliceKeys.encode("words", word2), byName.get("words1").toByteArray());
    BundleEntryProto matrix = BundleEntryProto.newBuilder().setDtypeValue(1)
        .setShape(byName.get("rows0").getShape().toBuilder().setDim(0, byName.get("rows0").getShape().getDim(0).toBuilder().setSize(4)))
        .build();
    index.put("by_rows".getBytes(StandardCharsets.UTF_8), matrix.toBuilder().addSlices(rows012).addSlices(row3).build().toByteArray());
    index.put("by_cols".getBytes(StandardCharsets.UTF_8), matrix.toBuilder().addSlices(col0).addSlices(col12).build().toByteArray());
    index.put("words".getBytes(StandardCharsets.UTF_8), BundleEntryProto.newBuilder().setDtypeValue(7)
        .setShape(byName.get("cols0").getShape().toBuilder().clearDim()
            .addDim(byName.get("cols0").getShape().getDim(0).toBuilder().setSize(3)))
        .addSlices(words01).addSlices(word2).build().toByteArray());
    Path prefix = dir.resolve("partitioned");
    ByteArrayOutputStream indexBytes = new ByteArrayOutputStream();
    TableWriter table = new TableWriter(indexBytes);
    table.add(new byte[0], BundleHeaderProto.newBuilder().setNumShards(1)
        .setVersion(VersionDef.newBuilder().setProducer(1)).build().toByteArray());
    for (Map.Entry<byte[], byte[]> entry : index.entrySet()) {
      table.add(entry.getKey(), entry.getValue());
    }
    table.finish();
    Files.write(BundleFiles.indexFile(prefix), indexBytes.toByteArray());
    Files.copy(BundleFiles.dataFile(parts, 0, 1), BundleFiles.dataFile(prefix, 0, 1));

    FloatTensor expected = FloatTensor.of(Shape.of(4, 3), 0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32);
    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(List.of("by_cols", "by_rows", "words"),
          reader.entries().stream().map(BundleEntry::key).toList());
      assertEquals(expected, reader.read("by_rows"));
      assertEquals(expected, reader.read("by_cols"));
      FloatTensor target = FloatTensor.zeros(Shape.of(4, 3));
      reader.readInto("by_cols", target);
      assertArrayEquals(expected.data(), target.data());
      assertEquals(StringTensor.of(Shape.of(3), "alpha", "beta", "gamma"), reader.read("words"));
    }
  }
}
