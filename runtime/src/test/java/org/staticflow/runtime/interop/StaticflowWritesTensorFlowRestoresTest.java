package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.staticflow.runtime.interop.TensorAssertions.assertBitIdentical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Staticflow's BundleWriter writes the same set of tensors as {@link TensorFlowWritesStaticflowReadsTest};
 * TensorFlow's RestoreV2 (which verifies every checksum) must restore every one bit for bit.
 */
class StaticflowWritesTensorFlowRestoresTest {
  @TempDir static Path dir;

  private static List<NamedTensor> tensors;
  private static Path prefix;

  @BeforeAll
  static void staticflowSaves() throws IOException {
    tensors = InteropTensors.all();
    prefix = dir.resolve("sf/model.ckpt");
    write(prefix, tensors);
  }

  static void write(Path prefix, List<NamedTensor> tensors) throws IOException {
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      for (NamedTensor tensor : tensors) {
        writer.add(tensor.name(), tensor.tensor());
      }
      writer.finish();
    }
  }

  @Test
  void tensorFlowRestoresEveryTensorBitExactly() {
    List<Tensor> restored = TensorFlowOracle.restoreV2(prefix, InteropFiles.keys(tensors));
    for (int i = 0; i < tensors.size(); i++) {
      assertBitIdentical(tensors.get(i).tensor(), restored.get(i), tensors.get(i).name());
    }
  }

  @Test
  void theBundleSpansSeveralIndexBlocksAndNoTemporaryFileRemains() throws IOException {
    assertTrue(IndexFiles.countDataBlocks(InteropFiles.index(prefix)) >= 4);
    try (Stream<Path> files = Files.list(prefix.getParent())) {
      Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      assertEquals(Set.of("model.ckpt.index", "model.ckpt.data-00000-of-00001"), names);
    }
  }

  @Test
  void tensorFlowRestoresATensorStreamedFromAPayloadSource() throws IOException {
    NamedTensor big = InteropTensors.big64MiB();
    byte[] bytes = TensorBytes.toLittleEndian(big.tensor());
    Path streamed = dir.resolve("streamed/model.ckpt");
    try (BundleWriter writer = BundleWriter.create(streamed)) {
      writer.add("before", tensors.get(0).tensor());
      writer.add(
          big.name(),
          big.tensor().dataType(),
          big.tensor().shape(),
          (position, buffer) -> {
            int length = (int) Math.min(buffer.remaining(), bytes.length - position);
            buffer.put(bytes, Math.toIntExact(position), length);
          });
      writer.add("after", tensors.get(1).tensor());
      writer.finish();
    }

    List<Tensor> restored =
        TensorFlowOracle.restoreV2(
            streamed,
            InteropFiles.keys(
                List.of(
                    new NamedTensor("before", tensors.get(0).tensor()),
                    big,
                    new NamedTensor("after", tensors.get(1).tensor()))));
    assertBitIdentical(tensors.get(0).tensor(), restored.get(0), "before");
    assertBitIdentical(big.tensor(), restored.get(1), big.name());
    assertBitIdentical(tensors.get(1).tensor(), restored.get(2), "after");
  }
}
