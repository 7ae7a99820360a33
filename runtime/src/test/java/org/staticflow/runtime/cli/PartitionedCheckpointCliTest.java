package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.proto.BundleHeaderProto;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.proto.TensorSliceProto;
import org.staticflow.proto.VersionDef;
import org.staticflow.runtime.checkpoint.bundle.BundleFiles;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;
import org.staticflow.runtime.checkpoint.table.TableEntry;
import org.staticflow.runtime.checkpoint.table.TableReader;
import org.staticflow.runtime.checkpoint.table.TableWriter;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;

/**
 * A partitioned variable (a 4x3 matrix saved as rows 0-2 and row 3, as {@code fixed_size_partitioner}
 * saves it) through every command: the reader assembles it, the commands treat it as one tensor.
 */
class PartitionedCheckpointCliTest {
  private static final FloatTensor MATRIX =
      FloatTensor.of(Shape.of(4, 3), 0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32);

  @TempDir Path dir;

  /**
   * TensorFlow's slice key (EncodeTensorNameSlice), for names without bytes 0x00/0xff and extents in
   * [-64, 63], where OrderedCode's numbers are single bytes: 0x00, the name, 0x00 0x01, the rank, then
   * start and length (-1 for a full dimension) of each extent.
   */
  private static byte[] sliceKey(String name, long[][] extents) {
    ByteArrayOutputStream key = new ByteArrayOutputStream();
    key.write(0);
    key.writeBytes(name.getBytes(StandardCharsets.UTF_8));
    key.write(0);
    key.write(1);
    key.write(1);
    key.write(extents.length);
    for (long[] extent : extents) {
      for (long number : extent) {
        if (number < -64 || number > 63) {
          throw new IllegalArgumentException("test helper encodes only small numbers");
        }
        key.write((int) (0x80 + number));
      }
    }
    return key.toByteArray();
  }

  private static TensorSliceProto slice(long[][] extents) {
    TensorSliceProto.Builder slice = TensorSliceProto.newBuilder();
    for (long[] extent : extents) {
      slice.addExtent(
          extent[1] < 0
              ? TensorSliceProto.Extent.getDefaultInstance()
              : TensorSliceProto.Extent.newBuilder().setStart(extent[0]).setLength(extent[1]).build());
    }
    return slice.build();
  }

  private Path partitioned() throws Exception {
    Path parts = dir.resolve("parts");
    try (BundleWriter writer = BundleWriter.create(parts)) {
      writer.add("rows012", FloatTensor.of(Shape.of(3, 3), 0, 1, 2, 10, 11, 12, 20, 21, 22));
      writer.add("row3", FloatTensor.of(Shape.of(1, 3), 30, 31, 32));
      writer.add("plain", FloatTensor.scalar(7));
      writer.finish();
    }
    Map<String, byte[]> byName = new HashMap<>();
    for (TableEntry entry : TableReader.readAll(BundleFiles.indexFile(parts))) {
      byName.put(new String(entry.key(), StandardCharsets.UTF_8), entry.value());
    }
    long[][] rows012 = {{0, 3}, {0, -1}};
    long[][] row3 = {{3, 1}, {0, -1}};
    TreeMap<byte[], byte[]> index = new TreeMap<>(Arrays::compareUnsigned);
    index.put(new byte[0], BundleHeaderProto.newBuilder().setNumShards(1)
        .setVersion(VersionDef.newBuilder().setProducer(1)).build().toByteArray());
    index.put(sliceKey("m", rows012), byName.get("rows012"));
    index.put(sliceKey("m", row3), byName.get("row3"));
    index.put("plain".getBytes(StandardCharsets.UTF_8), byName.get("plain"));
    index.put("m".getBytes(StandardCharsets.UTF_8), BundleEntryProto.newBuilder()
        .setDtypeValue(1)
        .setShape(TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dim.newBuilder().setSize(4))
            .addDim(TensorShapeProto.Dim.newBuilder().setSize(3)))
        .addSlices(slice(rows012))
        .addSlices(slice(row3))
        .build()
        .toByteArray());
    Path prefix = dir.resolve("partitioned");
    ByteArrayOutputStream indexBytes = new ByteArrayOutputStream();
    TableWriter table = new TableWriter(indexBytes);
    for (Map.Entry<byte[], byte[]> entry : index.entrySet()) {
      table.add(entry.getKey(), entry.getValue());
    }
    table.finish();
    Files.write(BundleFiles.indexFile(prefix), indexBytes.toByteArray());
    Files.copy(BundleFiles.dataFile(parts, 0, 1), BundleFiles.dataFile(prefix, 0, 1));
    return prefix;
  }

  @Test
  void listShowsThePartitionedVariableWhole() throws Exception {
    Path prefix = partitioned();
    Cli.Result list = Cli.run("ckpt", "list", prefix);
    assertEquals(0, list.status(), list::toString);
    assertEquals("m      float32  [4,3]\nplain  float32  []\n", list.out());
    Cli.Result show = Cli.run("ckpt", "show", "--stream-above", "0", prefix, "m");
    assertEquals(0, show.status(), show::toString);
    assertEquals(
        "name:  m\ndtype: float32\nshape: [4,3]\n"
            + "[[0.0, 1.0, 2.0],\n [10.0, 11.0, 12.0],\n [20.0, 21.0, 22.0],\n [30.0, 31.0, 32.0]]\n",
        show.out());
  }

  @Test
  void convertWritesItAsOneTensorAndDiffSeesNoDifference() throws Exception {
    Path prefix = partitioned();
    for (String threshold : new String[] {"0", "1000000"}) {
      Path out = dir.resolve("whole" + threshold);
      Cli.Result convert = Cli.run("ckpt", "convert", "--stream-above", threshold, prefix, out);
      assertEquals(0, convert.status(), convert::toString);
      try (BundleReader reader = BundleReader.open(out)) {
        assertEquals(MATRIX, reader.read("m"));
        assertEquals(0, reader.entry("m").orElseThrow().sliceCount());
      }
      Cli.Result diff = Cli.run("ckpt", "diff", "--stream-above", threshold, prefix, out);
      assertEquals(0, diff.status(), diff::toString);
    }
  }

  @Test
  void diffFindsAValueChangedInOneSlice() throws Exception {
    Path prefix = partitioned();
    float[] changed = MATRIX.data().clone();
    changed[10] = -1;
    Path other = dir.resolve("other");
    Cli.write(other, Map.of("m", FloatTensor.of(Shape.of(4, 3), changed), "plain", FloatTensor.scalar(7)));
    Cli.Result diff = Cli.run("ckpt", "diff", "--stream-above", "0", prefix, other);
    assertEquals(1, diff.status(), diff::toString);
    assertEquals("values differ: m (1 of 12 elements, max abs diff 32.0, first at [3,1]: 31.0 vs -1.0)", diff.lines()[0]);
  }

  @Test
  void renameKeepsItsValues() throws Exception {
    Path prefix = partitioned();
    Cli.Result rename = Cli.run("ckpt", "rename", prefix, dir.resolve("renamed"), "m=dense/kernel");
    assertEquals(0, rename.status(), rename::toString);
    try (BundleReader reader = BundleReader.open(dir.resolve("renamed"))) {
      assertEquals(MATRIX, reader.read("dense/kernel"));
    }
  }
}
