package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.staticflow.runtime.interop.TensorAssertions.assertBitIdentical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.VariableInfo;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * TensorFlow's SaveV2 writes one bundle with every dtype and shape, strings, {@value
 * InteropTensors#MANY_VARIABLES} variables and a 64 MiB tensor; Staticflow's readers must return the same
 * bits for every tensor and describe the bundle as TensorFlow does.
 */
class TensorFlowWritesStaticflowReadsTest {
  @TempDir static Path dir;

  private static List<NamedTensor> tensors;
  private static Path prefix;

  @BeforeAll
  static void tensorFlowSaves() {
    tensors = InteropTensors.all();
    prefix = dir.resolve("tf/model.ckpt");
    TensorFlowOracle.saveV2(prefix, tensors);
  }

  @Test
  void theBundleReallySpansSeveralIndexBlocks() throws IOException {
    assertTrue(IndexFiles.countDataBlocks(InteropFiles.index(prefix)) >= 4);
  }

  @Test
  void bundleReaderReadsEveryTensorBitExactly() throws IOException {
    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(1, reader.numShards());
      for (NamedTensor expected : tensors) {
        assertBitIdentical(expected.tensor(), reader.read(expected.name()), expected.name());
      }
    }
  }

  @Test
  void entriesListEveryTensorInTensorFlowsKeyOrder() throws IOException {
    List<String> sortedNames = tensors.stream().map(NamedTensor::name).sorted(InteropFiles.KEY_ORDER).toList();
    try (BundleReader reader = BundleReader.open(prefix)) {
      List<BundleEntry> entries = reader.entries();
      assertEquals(sortedNames, entries.stream().map(BundleEntry::key).toList());
      for (NamedTensor expected : tensors) {
        BundleEntry entry = reader.entry(expected.name()).orElseThrow();
        Tensor tensor = expected.tensor();
        assertEquals(tensor.dataType(), entry.dataType(), expected.name());
        assertEquals(tensor.shape(), entry.shape(), expected.name());
        assertEquals(0, entry.shardId(), expected.name());
        assertFalse(entry.isPartitioned(), expected.name());
        if (tensor.dataType().isFixedSize()) {
          assertEquals(tensor.numElements() * tensor.dataType().byteSize(), entry.size(), expected.name());
        }
      }
      assertTrue(reader.entry("not/in/the/checkpoint").isEmpty());
    }
  }

  @Test
  void checkpointReaderListsAndGetsLikeTensorFlow() throws IOException {
    List<VariableInfo> expected =
        tensors.stream()
            .sorted((a, b) -> InteropFiles.KEY_ORDER.compare(a.name(), b.name()))
            .map(t -> new VariableInfo(t.name(), t.tensor().dataType(), t.tensor().shape()))
            .toList();
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(expected, reader.listVariables());
      for (NamedTensor tensor : InteropTensors.everyDtypeAndShape()) {
        assertTrue(reader.hasTensor(tensor.name()), tensor.name());
        assertBitIdentical(tensor.tensor(), reader.getTensor(tensor.name()), tensor.name());
      }
      assertFalse(reader.hasTensor("not/in/the/checkpoint"));
    }
  }

  @Test
  void readIntoFillsExistingTensorsOfEveryDtype() throws IOException {
    try (BundleReader reader = BundleReader.open(prefix)) {
      for (NamedTensor expected : InteropTensors.everyDtypeAndShape()) {
        Tensor target = Tensor.zeros(expected.tensor().dataType(), expected.tensor().shape());
        reader.readInto(expected.name(), target);
        assertBitIdentical(expected.tensor(), target, expected.name());
      }
      NamedTensor big = InteropTensors.big64MiB();
      Tensor target = Tensor.zeros(big.tensor().dataType(), big.tensor().shape());
      reader.readInto(big.name(), target);
      assertBitIdentical(big.tensor(), target, big.name());
    }
  }

  @Test
  void readPayloadStreamsTheBytesTensorFlowWrote() throws IOException {
    NamedTensor big = InteropTensors.big64MiB();
    byte[] expected = TensorBytes.toLittleEndian(big.tensor());
    byte[] streamed = new byte[expected.length];
    long[] received = {0};
    try (BundleReader reader = BundleReader.open(prefix)) {
      reader.readPayload(
          big.name(),
          (position, chunk) -> {
            int length = chunk.remaining();
            chunk.get(streamed, Math.toIntExact(position), length);
            received[0] += length;
          });
    }
    assertEquals(expected.length, received[0]);
    assertEquals(-1, Arrays.mismatch(expected, streamed));
  }
}
