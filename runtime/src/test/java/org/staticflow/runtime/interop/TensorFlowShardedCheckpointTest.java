package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.staticflow.runtime.interop.TensorAssertions.assertBitIdentical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.VariableInfo;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;
import org.staticflow.runtime.interop.TensorFlowOracle.SlicedTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * A multi-shard bundle made by TensorFlow the way sharded savers and {@code tf.train.Checkpoint} make
 * them: SaveV2 per shard into temporary part bundles, then MergeV2Checkpoints. It includes a partitioned
 * variable whose slices live in different shards. Staticflow must find every tensor in its shard.
 */
class TensorFlowShardedCheckpointTest {
  private static final int SHARDS = 3;

  @TempDir static Path dir;

  private static Path prefix;
  private static final Map<String, Integer> shardOf = new HashMap<>();
  private static final List<NamedTensor> expected = new ArrayList<>();

  @BeforeAll
  static void tensorFlowSavesShardsAndMergesThem() {
    List<List<SlicedTensor>> shards = new ArrayList<>();
    for (int s = 0; s < SHARDS; s++) {
      shards.add(new ArrayList<>());
    }
    List<NamedTensor> tensors = InteropTensors.everyDtypeAndShape();
    for (int i = 0; i < tensors.size(); i++) {
      NamedTensor tensor = tensors.get(i);
      shards.get(i % SHARDS).add(new SlicedTensor(tensor.name(), "", tensor.tensor()));
      shardOf.put(tensor.name(), i % SHARDS);
      expected.add(tensor);
    }
    Tensor split = InteropTensors.randomTensor(DataType.FLOAT, Shape.of(6, 2), new SplittableRandom(6));
    for (int s = 0; s < SHARDS; s++) {
      shards.get(s).add(
          new SlicedTensor(
              "split/across/shards", "6 2 " + (2 * s) + ",2:-", Slices.of(split, new long[] {2L * s, 0}, new long[] {2, 2})));
    }
    expected.add(new NamedTensor("split/across/shards", split));

    prefix = dir.resolve("sharded/model.ckpt");
    List<Path> parts = new ArrayList<>();
    for (int s = 0; s < SHARDS; s++) {
      Path part = dir.resolve(String.format("sharded/model.ckpt_temp/part-%05d-of-%05d", s, SHARDS));
      TensorFlowOracle.saveV2Slices(part, shards.get(s));
      parts.add(part);
    }
    TensorFlowOracle.mergeV2Checkpoints(parts, prefix);
  }

  @Test
  void tensorFlowWroteOneIndexAndOneDataFilePerShard() {
    for (int s = 0; s < SHARDS; s++) {
      Path data = prefix.resolveSibling(String.format("model.ckpt.data-%05d-of-%05d", s, SHARDS));
      assertTrue(Files.isRegularFile(data), data.toString());
    }
    assertTrue(Files.isRegularFile(InteropFiles.index(prefix)));
    assertFalse(Files.exists(dir.resolve("sharded/model.ckpt_temp")));
  }

  @Test
  void bundleReaderFindsEveryTensorInItsShard() throws IOException {
    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(SHARDS, reader.numShards());
      for (NamedTensor tensor : expected) {
        assertBitIdentical(tensor.tensor(), reader.read(tensor.name()), tensor.name());
        BundleEntry entry = reader.entry(tensor.name()).orElseThrow();
        if (shardOf.containsKey(tensor.name())) {
          assertEquals(shardOf.get(tensor.name()), entry.shardId(), tensor.name());
        } else {
          assertEquals(SHARDS, entry.sliceCount(), tensor.name());
        }
      }
    }
  }

  @Test
  void checkpointReaderListsAndReadsTheMergedBundle() throws IOException {
    List<VariableInfo> variables =
        expected.stream()
            .sorted((a, b) -> InteropFiles.KEY_ORDER.compare(a.name(), b.name()))
            .map(t -> new VariableInfo(t.name(), t.tensor().dataType(), t.tensor().shape()))
            .toList();
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(variables, reader.listVariables());
      for (NamedTensor tensor : expected) {
        assertBitIdentical(tensor.tensor(), reader.getTensor(tensor.name()), tensor.name());
      }
    }
  }
}
