package org.staticflow.runtime.checkpoint.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.TrackableObjectGraph;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.UnsupportedCheckpointException;
import org.staticflow.runtime.checkpoint.VariableInfo;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.testing.SharedFiles;

/** Every checkpoint TensorFlow (Python) wrote in shared/fixtures reads with the values it wrote. */
class TensorFlowFixturesTest {

  private static float scalar(BundleReader reader, String key) throws Exception {
    Tensor tensor = reader.read(key);
    assertEquals(DataType.FLOAT, tensor.dataType());
    assertEquals(Shape.scalar(), tensor.shape());
    return ((FloatTensor) tensor).data()[0];
  }

  private static List<String> keys(BundleReader reader) {
    return reader.entries().stream().map(BundleEntry::key).collect(Collectors.toList());
  }

  @Test
  void readsSnappyCompressedIndexOfTf114SavedModel() throws Exception {
    try (BundleReader reader = BundleReader.open(SharedFiles.savedModelVariables("saved_model_half_plus_two_cpu"))) {
      assertEquals(List.of("a", "a2", "b", "c", "c2"), keys(reader));
      assertEquals(0.5f, scalar(reader, "a"));
      assertEquals(0.5f, scalar(reader, "a2"));
      assertEquals(2.0f, scalar(reader, "b"));
      assertEquals(3.0f, scalar(reader, "c"));
      assertEquals(3.0f, scalar(reader, "c2"));
    }
  }

  @Test
  void readsPrefixCompressedMklModel() throws Exception {
    try (BundleReader reader = BundleReader.open(SharedFiles.savedModelVariables("saved_model_half_plus_two_mkl"))) {
      assertEquals(List.of("a", "b", "c", "conv2d/bias", "conv2d/kernel", "conv2d_1/bias", "conv2d_1/kernel",
          "conv2d_2/bias", "conv2d_2/kernel"), keys(reader));
      assertEquals(0.5f, scalar(reader, "a"));
      assertEquals(2.0f, scalar(reader, "b"));
      Tensor kernel = reader.read("conv2d/kernel");
      assertEquals(Shape.of(1, 1, 1, 1), kernel.shape());
      assertEquals(-0.5224f, ((FloatTensor) kernel).data()[0], 1e-4f);
      assertEquals(Shape.of(1), reader.read("conv2d/bias").shape());
    }
  }

  @Test
  void readsCounterModel() throws Exception {
    try (BundleReader reader = BundleReader.open(SharedFiles.savedModelVariables("saved_model_counter"))) {
      assertEquals(List.of("counter"), keys(reader));
      assertEquals(0.0f, scalar(reader, "counter"));
    }
  }

  @Test
  void readsTf2ObjectBasedCheckpointWithStringObjectGraph() throws Exception {
    try (CheckpointReader reader =
        CheckpointReader.open(SharedFiles.savedModelVariables("saved_model_half_plus_two_tf2_cpu"))) {
      List<VariableInfo> variables = reader.listVariables();
      assertEquals(List.of("_CHECKPOINTABLE_OBJECT_GRAPH", "a/.ATTRIBUTES/VARIABLE_VALUE",
          "b/.ATTRIBUTES/VARIABLE_VALUE", "c/.ATTRIBUTES/VARIABLE_VALUE"),
          variables.stream().map(VariableInfo::name).collect(Collectors.toList()));
      assertEquals(0.5f, ((FloatTensor) reader.getTensor("a/.ATTRIBUTES/VARIABLE_VALUE")).data()[0]);
      assertEquals(2.0f, ((FloatTensor) reader.getTensor("b/.ATTRIBUTES/VARIABLE_VALUE")).data()[0]);
      assertEquals(3.0f, ((FloatTensor) reader.getTensor("c/.ATTRIBUTES/VARIABLE_VALUE")).data()[0]);
      StringTensor graph = (StringTensor) reader.getTensor("_CHECKPOINTABLE_OBJECT_GRAPH");
      assertEquals(Shape.scalar(), graph.shape());
      assertEquals(613, graph.data()[0].length);
      TrackableObjectGraph objects = TrackableObjectGraph.parseFrom(graph.data()[0]);
      assertEquals(24, objects.getNodesCount());
      assertEquals("a", objects.getNodes(1).getAttributes(0).getFullName());
    }
  }

  @Test
  void readsKerasBundleHoldingOnlyTheObjectGraph() throws Exception {
    Path prefix = SharedFiles.servingFixture("servables/tensorflow/testdata/tf_text_regression/01/variables/variables");
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(1, reader.listVariables().size());
      StringTensor graph = (StringTensor) reader.getTensor("_CHECKPOINTABLE_OBJECT_GRAPH");
      assertEquals(921, graph.data()[0].length);
      assertEquals(30, TrackableObjectGraph.parseFrom(graph.data()[0]).getNodesCount());
    }
  }

  @Test
  void refusesLegacyV1ShardedExport() {
    Path prefix = SharedFiles.servingFixture("session_bundle/testdata/half_plus_two/00000123/export");
    UnsupportedCheckpointException error =
        assertThrows(UnsupportedCheckpointException.class, () -> BundleReader.open(prefix));
    assertTrue(error.getMessage().contains("legacy V1 checkpoint format"), error.getMessage());
    UnsupportedCheckpointException direct = assertThrows(UnsupportedCheckpointException.class,
        () -> BundleReader.open(Path.of(prefix + "-00000-of-00001")));
    assertTrue(direct.getMessage().contains("legacy V1 checkpoint format"), direct.getMessage());
  }

  @Test
  void badHalfPlusTwoFailsCleanly() {
    Path dir = SharedFiles.servingFixture("servables/tensorflow/testdata/bad_half_plus_two/00000123");
    UnsupportedCheckpointException error =
        assertThrows(UnsupportedCheckpointException.class, () -> BundleReader.open(dir.resolve("export")));
    assertTrue(error.getMessage().contains("legacy V1 checkpoint format"), error.getMessage());
  }

  @Test
  void missingCheckpointNamesThePrefix(@TempDir Path dir) {
    Path prefix = dir.resolve("model.ckpt");
    CheckpointException error = assertThrows(CheckpointException.class, () -> BundleReader.open(prefix));
    assertTrue(error.getMessage().contains(prefix.toString()), error.getMessage());
  }

  @Test
  void rewritingTheUncompressedMklBundleIsByteIdentical(@TempDir Path dir) throws Exception {
    Path source = SharedFiles.savedModelVariables("saved_model_half_plus_two_mkl");
    Path copy = dir.resolve("variables");
    try (BundleReader reader = BundleReader.open(source);
        BundleWriter writer = BundleWriter.create(copy)) {
      // TensorFlow appended tensors to the data file in offset order; add them in that order.
      List<BundleEntry> byOffset = reader.entries().stream()
          .sorted(java.util.Comparator.comparingLong(BundleEntry::offset)).collect(Collectors.toList());
      for (BundleEntry entry : byOffset) {
        writer.add(entry.key(), reader.read(entry.key()));
      }
      writer.finish();
    }
    assertArrayEquals(Files.readAllBytes(BundleFiles.indexFile(source)), Files.readAllBytes(BundleFiles.indexFile(copy)));
    assertArrayEquals(Files.readAllBytes(BundleFiles.dataFile(source, 0, 1)),
        Files.readAllBytes(BundleFiles.dataFile(copy, 0, 1)));
  }
}
