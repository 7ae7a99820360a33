package org.staticflow.runtime.checkpoint.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;
import org.staticflow.runtime.checkpoint.CheckpointMismatchException;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.ShortTensor;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

class BundleRoundTripTest {
  @TempDir Path dir;

  /** One tensor of every type Staticflow holds, with random contents, in assorted shapes. */
  static Map<String, Tensor> everyType(Random random) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (DataType type : DataType.values()) {
      Shape shape = type.ordinal() % 3 == 0 ? Shape.of(2, 3, 1, 2) : type.ordinal() % 3 == 1 ? Shape.of(5) : Shape.scalar();
      tensors.put(type.pythonName() + "/value", random(type, shape, random));
      tensors.put(type.pythonName() + "/empty", Tensor.zeros(type, Shape.of(3, 0)));
    }
    return tensors;
  }

  static Tensor random(DataType type, Shape shape, Random random) {
    Tensor tensor = Tensor.zeros(type, shape);
    if (tensor instanceof FloatTensor t) {
      for (int i = 0; i < t.data().length; i++) {
        t.data()[i] = (float) random.nextGaussian();
      }
    } else if (tensor instanceof DoubleTensor t) {
      for (int i = 0; i < t.data().length; i++) {
        t.data()[i] = random.nextGaussian();
      }
    } else if (tensor instanceof IntTensor t) {
      for (int i = 0; i < t.data().length; i++) {
        t.data()[i] = random.nextInt();
      }
    } else if (tensor instanceof LongTensor t) {
      for (int i = 0; i < t.data().length; i++) {
        t.data()[i] = random.nextLong();
      }
    } else if (tensor instanceof ShortTensor t) {
      for (int i = 0; i < t.data().length; i++) {
        t.data()[i] = (short) random.nextInt();
      }
    } else if (tensor instanceof ByteTensor t) {
      random.nextBytes(t.data());
    } else if (tensor instanceof BooleanTensor t) {
      for (int i = 0; i < t.data().length; i++) {
        t.data()[i] = random.nextBoolean();
      }
    } else if (tensor instanceof StringTensor t) {
      for (int i = 0; i < t.data().length; i++) {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes); // arbitrary bytes, not necessarily UTF-8
        t.data()[i] = bytes;
      }
    }
    return tensor;
  }

  private void write(Path prefix, Map<String, Tensor> tensors) throws Exception {
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
        writer.add(entry.getKey(), entry.getValue());
      }
      writer.finish();
    }
  }

  @Test
  void everyTypeShapeAndEmptyTensorRoundTrips() throws Exception {
    Map<String, Tensor> tensors = everyType(new Random(7));
    tensors.put("strings/with_empty", StringTensor.of(Shape.of(3), "", "x", ""));
    Path prefix = dir.resolve("sub/dir/model.ckpt");
    write(prefix, tensors);
    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(tensors.keySet().stream().sorted().collect(Collectors.toList()),
          reader.entries().stream().map(BundleEntry::key).collect(Collectors.toList()));
      for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
        assertEquals(entry.getValue(), reader.read(entry.getKey()), entry.getKey());
        Tensor target = Tensor.zeros(entry.getValue().dataType(), entry.getValue().shape());
        reader.readInto(entry.getKey(), target);
        assertEquals(entry.getValue(), target, entry.getKey());
      }
    }
    assertTrue(Files.exists(dir.resolve("sub/dir/model.ckpt.index")));
    assertTrue(Files.exists(dir.resolve("sub/dir/model.ckpt.data-00000-of-00001")));
    try (var files = Files.list(dir.resolve("sub/dir"))) {
      assertEquals(2, files.count(), "no temporary files may remain");
    }
  }

  @Test
  void keysSortAsUnsignedBytesAndManyKeysSpanManyBlocks() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int i = 9999; i >= 0; i--) {
      tensors.put("layer_" + i + "/a_rather_long_variable_name_to_fill_index_blocks_quickly/é" + i,
          FloatTensor.scalar(i));
    }
    tensors.put("Z", FloatTensor.scalar(-1));
    tensors.put("~tilde", FloatTensor.scalar(-2));
    Path prefix = dir.resolve("many");
    write(prefix, tensors);
    assertTrue(Files.size(BundleFiles.indexFile(prefix)) > 3 * 256 * 1024, "index should hold several blocks");
    try (BundleReader reader = BundleReader.open(prefix)) {
      List<String> keys = reader.entries().stream().map(BundleEntry::key).collect(Collectors.toList());
      List<String> expected = new ArrayList<>(tensors.keySet());
      expected.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertEquals(expected, keys);
      assertEquals(1234f, ((FloatTensor) reader.read(
          "layer_1234/a_rather_long_variable_name_to_fill_index_blocks_quickly/é1234")).data()[0]);
      assertEquals(-2f, ((FloatTensor) reader.read("~tilde")).data()[0]);
    }
  }

  @Test
  void streamedTensorsRoundTripThroughPayloadSourceAndSink() throws Exception {
    Shape shape = Shape.of(1000, 700); // 2.8 MB: several 1 MiB chunks
    Path prefix = dir.resolve("streamed");
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      writer.add("pattern", DataType.FLOAT, shape, (position, buffer) -> {
        while (buffer.remaining() >= 4) {
          long index = (position + buffer.position()) / 4;
          buffer.putFloat(index * 0.5f);
        }
      });
      writer.finish();
    }
    try (BundleReader reader = BundleReader.open(prefix)) {
      float[] values = ((FloatTensor) reader.read("pattern")).data();
      for (int i = 0; i < values.length; i++) {
        assertEquals(i * 0.5f, values[i]);
      }
      long[] seen = {0};
      reader.readPayload("pattern", (position, chunk) -> {
        assertEquals(seen[0], position);
        assertSame(ByteOrder.LITTLE_ENDIAN, chunk.order());
        assertEquals(position / 4 * 0.5f, chunk.getFloat(0));
        seen[0] += chunk.remaining();
      });
      assertEquals(shape.numElements() * 4, seen[0]);
    }
  }

  @Test
  void syncedBundleIsTheSameAsAnUnsyncedOne() throws Exception {
    Map<String, Tensor> tensors = everyType(new Random(3));
    write(dir.resolve("plain"), tensors);
    try (BundleWriter writer = BundleWriter.create(dir.resolve("synced"), true)) {
      for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
        writer.add(entry.getKey(), entry.getValue());
      }
      writer.finish();
    }
    assertArrayEquals(Files.readAllBytes(dir.resolve("plain.index")), Files.readAllBytes(dir.resolve("synced.index")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("plain.data-00000-of-00001")),
        Files.readAllBytes(dir.resolve("synced.data-00000-of-00001")));
  }

  @Test
  void missingKeyIsReportedLikeTensorFlow() throws Exception {
    Path prefix = dir.resolve("model.ckpt");
    write(prefix, Map.of("a", FloatTensor.scalar(1)));
    try (BundleReader reader = BundleReader.open(prefix)) {
      CheckpointKeyNotFoundException error =
          assertThrows(CheckpointKeyNotFoundException.class, () -> reader.read("d"));
      assertEquals("Key d not found in checkpoint " + prefix, error.getMessage());
      assertFalse(reader.entry("d").isPresent());
    }
  }

  @Test
  void readIntoRefusesOtherTypeOrShapeNamingBothSides() throws Exception {
    Path prefix = dir.resolve("model.ckpt");
    write(prefix, Map.of("w", FloatTensor.zeros(Shape.of(3, 4))));
    try (BundleReader reader = BundleReader.open(prefix)) {
      CheckpointMismatchException shape = assertThrows(CheckpointMismatchException.class,
          () -> reader.readInto("w", FloatTensor.zeros(Shape.of(4, 3))));
      assertEquals("tensor w in checkpoint " + prefix + " is DT_FLOAT[3,4] but the target is DT_FLOAT[4,3]",
          shape.getMessage());
      CheckpointMismatchException type = assertThrows(CheckpointMismatchException.class,
          () -> reader.readInto("w", Tensor.zeros(DataType.DOUBLE, Shape.of(3, 4))));
      assertTrue(type.getMessage().contains("DT_DOUBLE[3,4]"), type.getMessage());
    }
  }

  @Test
  void writerRejectsBadKeysAndCleansUpWhenAbandoned() throws Exception {
    Path prefix = dir.resolve("abandoned");
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      writer.add("a", FloatTensor.scalar(1));
      assertThrows(IllegalArgumentException.class, () -> writer.add("a", FloatTensor.scalar(2)));
      assertThrows(IllegalArgumentException.class, () -> writer.add("", FloatTensor.scalar(2)));
      assertThrows(IllegalArgumentException.class, () -> writer.add("\0slice", FloatTensor.scalar(2)));
    }
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "an unfinished bundle leaves no files");
    }
  }

  @Test
  void stringPayloadMatchesTensorFlowsChecksumScheme() throws Exception {
    // tf-formats §1.4: one 613-byte string is stored as e5 04, then mask(crc32c(65 02 00 00)) = b1 a6 5e 36.
    StringPayload.Encoded encoded = StringPayload.encode(new byte[][] {new byte[613]});
    ByteBuffer bytes = ByteBuffer.wrap(encoded.bytes());
    assertEquals((byte) 0xe5, bytes.get(0));
    assertEquals((byte) 0x04, bytes.get(1));
    assertEquals((byte) 0xb1, bytes.get(2));
    assertEquals((byte) 0xa6, bytes.get(3));
    assertEquals((byte) 0x5e, bytes.get(4));
    assertEquals((byte) 0x36, bytes.get(5));
    assertEquals(619, encoded.bytes().length);
  }
}
