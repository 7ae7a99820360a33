package org.staticflow.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.testing.SharedFiles;

/** The Saver against checkpoints that TensorFlow itself wrote (tensorflow/serving test data). */
class SaverTensorFlowFilesTest {
  @TempDir Path temp;

  @Test
  void restoresTf1AndTf2CheckpointsIntoTheSameVariables() throws IOException {
    FloatTensor a = FloatTensor.scalar(0);
    FloatTensor b = FloatTensor.scalar(0);
    Map<String, Tensor> variables = Map.of("a", a, "b", b);

    Saver.builder(variables).build().restore(SharedFiles.savedModelVariables("saved_model_half_plus_two_cpu"));
    assertEquals(0.5f, a.data()[0]);
    assertEquals(2.0f, b.data()[0]);

    a.data()[0] = 0;
    b.data()[0] = 0;
    // TF2 object-based checkpoints store variable v as v/.ATTRIBUTES/VARIABLE_VALUE.
    Saver.builder(variables)
        .checkpointKeys(name -> name + "/.ATTRIBUTES/VARIABLE_VALUE")
        .build()
        .restore(SharedFiles.savedModelVariables("saved_model_half_plus_two_tf2_cpu"));
    assertEquals(0.5f, a.data()[0]);
    assertEquals(2.0f, b.data()[0]);
  }

  /**
   * TensorFlow's Saver writes tensors sorted by name; so does ours, whatever order the variables come in,
   * so re-saving the values of a TensorFlow-written bundle reproduces its files byte for byte.
   */
  @Test
  void resavingTensorFlowsVariablesReproducesItsFilesByteForByte() throws IOException {
    Path source = SharedFiles.savedModelVariables("saved_model_half_plus_two_mkl");
    Map<String, Tensor> variables = new LinkedHashMap<>();
    try (CheckpointReader reader = CheckpointReader.open(source)) {
      // Reverse order, so that only the saver's own sorting can restore TensorFlow's order.
      java.util.List<VariableInfo> infos = new java.util.ArrayList<>(reader.listVariables());
      java.util.Collections.reverse(infos);
      for (VariableInfo info : infos) {
        variables.put(info.name(), reader.getTensor(info.name()));
      }
    }
    Path copy = Saver.builder(variables).build().save(temp.resolve("variables"));
    assertArrayEquals(Files.readAllBytes(Path.of(source + ".index")), Files.readAllBytes(Path.of(copy + ".index")));
    assertArrayEquals(
        Files.readAllBytes(Path.of(source + ".data-00000-of-00001")),
        Files.readAllBytes(Path.of(copy + ".data-00000-of-00001")));
  }
}
