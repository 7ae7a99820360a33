package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.staticflow.runtime.interop.TensorAssertions.assertBitIdentical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The Saver against TensorFlow: TensorFlow restores what the Saver saves (also under renamed keys), the
 * Saver restores what TensorFlow saves (also through a key mapping, as for moving averages), and the
 * Saver's files are byte for byte what SaveV2 writes for the same variables in TensorFlow 1.x Saver's order
 * (sorted by key).
 */
class SaverInteropTest {
  @TempDir Path dir;

  private static Map<String, Tensor> variables(List<NamedTensor> tensors) {
    Map<String, Tensor> variables = new LinkedHashMap<>();
    tensors.forEach(t -> variables.put(t.name(), t.tensor()));
    return variables;
  }

  @Test
  void tensorFlowRestoresWhatTheSaverSaved() throws IOException {
    List<NamedTensor> tensors = InteropTensors.everyDtypeAndShape();
    Path prefix = Saver.builder(variables(tensors)).build().save(dir.resolve("train/model.ckpt"), 1000);

    assertEquals(dir.resolve("train/model.ckpt-1000"), prefix);
    List<Tensor> restored = TensorFlowOracle.restoreV2(prefix, InteropFiles.keys(tensors));
    for (int i = 0; i < tensors.size(); i++) {
      assertBitIdentical(tensors.get(i).tensor(), restored.get(i), tensors.get(i).name());
    }
  }

  @Test
  void theSaverRestoresWhatTensorFlowSaved() throws IOException {
    List<NamedTensor> tensors = InteropTensors.everyDtypeAndShape();
    Path prefix = dir.resolve("tf/model.ckpt");
    TensorFlowOracle.saveV2(prefix, tensors);
    Map<String, Tensor> zeros = new LinkedHashMap<>();
    tensors.forEach(t -> zeros.put(t.name(), Tensor.zeros(t.tensor().dataType(), t.tensor().shape())));

    Saver.builder(zeros).build().restore(prefix);

    for (NamedTensor tensor : tensors) {
      assertBitIdentical(tensor.tensor(), zeros.get(tensor.name()), tensor.name());
    }
  }

  @Test
  void theSaverWritesTheFilesSaveV2WritesForTheSortedVariables() throws IOException {
    List<NamedTensor> tensors = InteropTensors.all();
    Path saved = Saver.builder(variables(tensors)).build().save(dir.resolve("sf/model.ckpt"));
    List<NamedTensor> sorted =
        tensors.stream().sorted((a, b) -> InteropFiles.KEY_ORDER.compare(a.name(), b.name())).toList();
    Path tensorFlow = dir.resolve("tf/model.ckpt");
    TensorFlowOracle.saveV2(tensorFlow, sorted);

    assertEquals(-1L, Files.mismatch(InteropFiles.data(tensorFlow), InteropFiles.data(saved)), "data file");
    assertEquals(-1L, Files.mismatch(InteropFiles.index(tensorFlow), InteropFiles.index(saved)), "index file");
  }

  @Test
  void renamedKeysAreWhatTensorFlowSeesAndWhatTheSaverRestoresFrom() throws IOException {
    Tensor d = InteropTensors.randomTensor(DataType.FLOAT, Shape.of(3, 2), new SplittableRandom(4));
    Tensor v = InteropTensors.randomTensor(DataType.DOUBLE, Shape.of(5), new SplittableRandom(5));
    // Saved by the Saver: variable d under checkpoint key a.
    Path saved = Saver.builder(Map.of("d", d)).checkpointKey("d", "a").build().save(dir.resolve("sf/model.ckpt"));
    assertBitIdentical(d, TensorFlowOracle.restoreV2(saved, "a", DataType.FLOAT), "a");

    // Saved by TensorFlow: the moving average of v, restored into v as variables_to_restore() does.
    Path tensorFlow = dir.resolve("tf/model.ckpt");
    TensorFlowOracle.saveV2(
        tensorFlow,
        List.of(new NamedTensor("v/ExponentialMovingAverage", v), new NamedTensor("v", Tensor.zeros(DataType.DOUBLE, Shape.of(5)))));
    Tensor target = Tensor.zeros(DataType.DOUBLE, Shape.of(5));
    Saver.builder(Map.of("v", target)).checkpointKeys(name -> name + "/ExponentialMovingAverage").build().restore(tensorFlow);
    assertBitIdentical(v, target, "v");
  }
}
