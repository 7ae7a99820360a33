package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;

/**
 * Given the same tensors in the same order, Staticflow's BundleWriter and TensorFlow's SaveV2 produce
 * byte-identical {@code .index} and {@code .data-00000-of-00001} files.
 */
class BundleFilesIdenticalToTensorFlowTest {
  @TempDir Path dir;

  /** Orders in which the tensors are handed to both writers. */
  enum Order {
    /** As {@link InteropTensors#all()} builds them: grouped by kind, not sorted by key. */
    AS_BUILT,
    /** Sorted by key, as TensorFlow 1.x's Python Saver passes them. */
    SORTED,
    /** A fixed random permutation. */
    SHUFFLED
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void sameTensorsInTheSameOrderGiveByteIdenticalFiles(Order order) throws IOException {
    List<NamedTensor> tensors = new ArrayList<>(InteropTensors.all());
    switch (order) {
      case AS_BUILT -> {}
      case SORTED -> tensors.sort((a, b) -> InteropFiles.KEY_ORDER.compare(a.name(), b.name()));
      case SHUFFLED -> Collections.shuffle(tensors, new Random(42));
    }
    Path tensorFlow = dir.resolve("tf/model.ckpt");
    Path staticflow = dir.resolve("sf/model.ckpt");
    TensorFlowOracle.saveV2(tensorFlow, tensors);
    StaticflowWritesTensorFlowRestoresTest.write(staticflow, tensors);

    assertSameBytes(InteropFiles.data(tensorFlow), InteropFiles.data(staticflow));
    assertSameBytes(InteropFiles.index(tensorFlow), InteropFiles.index(staticflow));
  }

  /**
   * What the writer mirrors: SaveV2 appends tensors to the data file in the order it is given them, with
   * no padding, while the index is sorted by key.
   */
  @Test
  void tensorFlowAppendsDataInTheOrderGivenWithoutPadding() throws IOException {
    Path prefix = dir.resolve("order/model.ckpt");
    TensorFlowOracle.saveV2(
        prefix,
        List.of(
            new NamedTensor("c", IntTensor.of(Shape.of(1), 0x03030303)),
            new NamedTensor("a", StringTensor.of(Shape.scalar(), "A")),
            new NamedTensor("b", FloatTensor.of(Shape.of(1), Float.intBitsToFloat(0x02020202)))));

    byte[] data = Files.readAllBytes(InteropFiles.data(prefix));
    // c's 4 bytes; a's string: varint length 1, masked CRC32C of the length (4 bytes), 'A'; b's 4 bytes.
    assertEquals(4 + 1 + 4 + 1 + 4, data.length);
    assertArrayEquals(new byte[] {3, 3, 3, 3, 1}, Arrays.copyOfRange(data, 0, 5));
    assertEquals('A', data[9]);
    assertArrayEquals(new byte[] {2, 2, 2, 2}, Arrays.copyOfRange(data, 10, 14));
  }

  private static void assertSameBytes(Path expected, Path actual) throws IOException {
    long mismatch = Files.mismatch(expected, actual);
    assertEquals(
        -1L,
        mismatch,
        () -> {
          try {
            return actual.getFileName() + " differs from TensorFlow's at byte " + mismatch + " (sizes "
                + Files.size(expected) + " and " + Files.size(actual) + ")";
          } catch (IOException e) {
            return actual.getFileName() + " differs from TensorFlow's at byte " + mismatch;
          }
        });
  }
}
