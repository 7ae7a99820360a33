package org.staticflow.runtime.checkpoint.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.proto.BundleHeaderProto;
import org.staticflow.proto.VersionDef;
import org.staticflow.runtime.checkpoint.table.TableEntry;
import org.staticflow.runtime.checkpoint.table.TableReader;
import org.staticflow.runtime.checkpoint.table.TableWriter;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;

/**
 * A bundle with several data shards, laid out as TensorFlow's MergeV2Checkpoints leaves it after a sharded
 * save: each part's data file renamed to {@code PREFIX.data-0000i-of-0000n} and one index whose entries carry
 * their shard id.
 */
class MultiShardBundleTest {

  @Test
  void readsTensorsFromEveryShard(@TempDir Path dir) throws Exception {
    // Two single-shard parts, as each device of a sharded save writes them.
    Path part0 = dir.resolve("tmp/part-00000-of-00002");
    Path part1 = dir.resolve("tmp/part-00001-of-00002");
    try (BundleWriter writer = BundleWriter.create(part0)) {
      writer.add("a", FloatTensor.of(Shape.of(2), 1f, 2f));
      writer.add("c", StringTensor.of(Shape.of(2), "x", "yz"));
      writer.finish();
    }
    try (BundleWriter writer = BundleWriter.create(part1)) {
      writer.add("b", FloatTensor.of(Shape.of(3), 3f, 4f, 5f));
      writer.finish();
    }
    // Merge: rename data files, rewrite shard ids, one index with num_shards = 2.
    Path prefix = dir.resolve("model.ckpt");
    Files.move(BundleFiles.dataFile(part0, 0, 1), BundleFiles.dataFile(prefix, 0, 2));
    Files.move(BundleFiles.dataFile(part1, 0, 1), BundleFiles.dataFile(prefix, 1, 2));
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    TableWriter table = new TableWriter(index);
    table.add(new byte[0], BundleHeaderProto.newBuilder().setNumShards(2)
        .setVersion(VersionDef.newBuilder().setProducer(1)).build().toByteArray());
    List<TableEntry> entries0 = TableReader.readAll(BundleFiles.indexFile(part0));
    List<TableEntry> entries1 = TableReader.readAll(BundleFiles.indexFile(part1));
    table.add(entries0.get(1).key(), entries0.get(1).value()); // a, shard 0
    table.add(entries1.get(1).key(),
        BundleEntryProto.parseFrom(entries1.get(1).value()).toBuilder().setShardId(1).build().toByteArray()); // b
    table.add(entries0.get(2).key(), entries0.get(2).value()); // c, shard 0
    table.finish();
    Files.write(BundleFiles.indexFile(prefix), index.toByteArray());

    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(2, reader.numShards());
      assertEquals(1, reader.entry("b").orElseThrow().shardId());
      assertEquals(FloatTensor.of(Shape.of(2), 1f, 2f), reader.read("a"));
      assertEquals(FloatTensor.of(Shape.of(3), 3f, 4f, 5f), reader.read("b"));
      assertEquals("yz", ((StringTensor) reader.read("c")).getString(1));
    }
    assertEquals("a", new String(entries0.get(1).key(), StandardCharsets.UTF_8));
  }
}
