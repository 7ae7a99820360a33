package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.staticflow.runtime.interop.TensorAssertions.assertBitIdentical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.VariableInfo;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;
import org.staticflow.runtime.interop.TensorFlowOracle.SlicedTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Partitioned variables as TensorFlow's SaveV2 writes them (a full entry listing the slices, plus one
 * entry per slice under an OrderedCode key): Staticflow lists each variable once with its full shape and
 * reads the assembled tensor, which must equal both the original and what TensorFlow's own RestoreV2
 * assembles.
 */
class TensorFlowPartitionedVariablesTest {
  @TempDir static Path dir;

  private static Path prefix;
  private static List<NamedTensor> variables;

  @BeforeAll
  static void tensorFlowSavesPartitionedVariables() {
    SplittableRandom random = new SplittableRandom(7);
    Tensor rows = InteropTensors.randomTensor(DataType.FLOAT, Shape.of(4, 6), random);
    Tensor columns = InteropTensors.randomTensor(DataType.INT64, Shape.of(5, 3, 2), random);
    Tensor threeWay = InteropTensors.randomTensor(DataType.BFLOAT16, Shape.of(7), random);
    Tensor strings = StringTensor.of(Shape.of(3), "first", "", "third");
    Tensor whole = InteropTensors.randomTensor(DataType.DOUBLE, Shape.of(2), random);
    variables =
        List.of(
            new NamedTensor("part/rows", rows),
            new NamedTensor("part/columns", columns),
            new NamedTensor("part/three_way", threeWay),
            new NamedTensor("part/strings", strings),
            new NamedTensor("whole", whole));
    prefix = dir.resolve("partitioned/model.ckpt");
    // Parts deliberately out of order: TensorFlow records each slice in the full entry as it comes.
    TensorFlowOracle.saveV2Slices(
        prefix,
        List.of(
            new SlicedTensor("part/rows", "4 6 2,2:-", Slices.of(rows, new long[] {2, 0}, new long[] {2, 6})),
            new SlicedTensor("part/rows", "4 6 0,2:-", Slices.of(rows, new long[] {0, 0}, new long[] {2, 6})),
            new SlicedTensor("part/columns", "5 3 2 -:0,1:-", Slices.of(columns, new long[] {0, 0, 0}, new long[] {5, 1, 2})),
            new SlicedTensor("part/columns", "5 3 2 -:1,2:-", Slices.of(columns, new long[] {0, 1, 0}, new long[] {5, 2, 2})),
            new SlicedTensor("part/three_way", "7 5,2", Slices.of(threeWay, new long[] {5}, new long[] {2})),
            new SlicedTensor("part/three_way", "7 0,3", Slices.of(threeWay, new long[] {0}, new long[] {3})),
            new SlicedTensor("part/three_way", "7 3,2", Slices.of(threeWay, new long[] {3}, new long[] {2})),
            new SlicedTensor("part/strings", "3 0,1", Slices.of(strings, new long[] {0}, new long[] {1})),
            new SlicedTensor("part/strings", "3 1,2", Slices.of(strings, new long[] {1}, new long[] {2})),
            new SlicedTensor("whole", "", whole)));
  }

  /**
   * Also proves the test's own slicing right: TensorFlow puts the parts back together into the originals.
   * Not for the string variable: TensorFlow's RestoreV2 cannot assemble partitioned strings (nor halfs),
   * it fails with "Dtype string not supported"; Staticflow can, as the other tests show.
   */
  @Test
  void tensorFlowItselfAssemblesTheOriginalTensors() {
    List<NamedTensor> assemblable =
        variables.stream().filter(v -> v.tensor().dataType() != DataType.STRING).toList();
    List<Tensor> restored = TensorFlowOracle.restoreV2(prefix, InteropFiles.keys(assemblable));
    for (int i = 0; i < assemblable.size(); i++) {
      assertBitIdentical(assemblable.get(i).tensor(), restored.get(i), assemblable.get(i).name());
    }
  }

  @Test
  void staticflowReadsTheAssembledTensors() throws IOException {
    try (BundleReader reader = BundleReader.open(prefix)) {
      for (NamedTensor variable : variables) {
        assertBitIdentical(variable.tensor(), reader.read(variable.name()), variable.name());
        Tensor target = Tensor.zeros(variable.tensor().dataType(), variable.tensor().shape());
        reader.readInto(variable.name(), target);
        assertBitIdentical(variable.tensor(), target, variable.name() + " (readInto)");
      }
    }
  }

  @Test
  void checkpointReaderListsEachVariableOnceWithItsFullShape() throws IOException {
    List<VariableInfo> expected =
        variables.stream()
            .sorted((a, b) -> InteropFiles.KEY_ORDER.compare(a.name(), b.name()))
            .map(v -> new VariableInfo(v.name(), v.tensor().dataType(), v.tensor().shape()))
            .toList();
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(expected, reader.listVariables());
      for (NamedTensor variable : variables) {
        assertBitIdentical(variable.tensor(), reader.getTensor(variable.name()), variable.name());
      }
    }
  }
}
