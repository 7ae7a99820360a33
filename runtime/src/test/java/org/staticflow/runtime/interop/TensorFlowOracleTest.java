package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.interop.TensorFlowOracle.Key;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Checks the oracle itself, with TensorFlow alone: values of every dtype survive TensorFlow's own
 * SaveV2 → RestoreV2 bit for bit (so the bridge into TensorFlow loses nothing, and an interop failure
 * points at Staticflow), TensorFlow really writes the bytes the format spec describes, and the oracle
 * reports TensorFlow's refusals.
 */
class TensorFlowOracleTest {
  @TempDir Path dir;

  @Test
  void everyDtypeSurvivesTensorFlowSaveAndRestoreBitExactly() {
    List<NamedTensor> tensors = InteropTensors.everyDtypeAndShape();
    Path prefix = dir.resolve("model.ckpt");
    TensorFlowOracle.saveV2(prefix, tensors);

    List<Tensor> restored =
        TensorFlowOracle.restoreV2(
            prefix, tensors.stream().map(t -> new Key(t.name(), t.tensor().dataType())).toList());

    for (int i = 0; i < tensors.size(); i++) {
      TensorAssertions.assertBitIdentical(tensors.get(i).tensor(), restored.get(i), tensors.get(i).name());
    }
  }

  @Test
  void tensorFlowWritesTheBytesTheFormatSpecDescribes() throws IOException {
    Path prefix = dir.resolve("half");
    TensorFlowOracle.saveV2(prefix, "a", FloatTensor.scalar(0.5f));

    byte[] data = Files.readAllBytes(dir.resolve("half.data-00000-of-00001"));
    assertArrayEquals(HexFormat.of().parseHex("0000003f"), data);
    String index = HexFormat.of().formatHex(Files.readAllBytes(dir.resolve("half.index")));
    // Header entry (num_shards 1, version.producer 1) and the entry of "a": dtype float, empty shape,
    // size 4, masked CRC32C 0x1f273806 (tf-formats.md §1.2-1.3).
    assertTrue(index.contains("080112002804350638271f"), index);
    assertTrue(index.contains("08011a020801"), index);
    assertTrue(index.endsWith("57fb808b247547db"), index);
  }

  @Test
  void restoreReportsWhatTensorFlowRefuses() {
    Path prefix = dir.resolve("one");
    TensorFlowOracle.saveV2(prefix, "present", FloatTensor.scalar(1f));

    RuntimeException missing =
        assertThrows(RuntimeException.class, () -> TensorFlowOracle.restoreV2(prefix, "absent", DataType.FLOAT));
    assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
    RuntimeException wrongType =
        assertThrows(RuntimeException.class, () -> TensorFlowOracle.restoreV2(prefix, "present", DataType.INT32));
    assertTrue(wrongType.getMessage().contains("present"), wrongType.getMessage());
    assertEquals(FloatTensor.scalar(1f), TensorFlowOracle.restoreV2(prefix, "present", DataType.FLOAT));
  }
}
