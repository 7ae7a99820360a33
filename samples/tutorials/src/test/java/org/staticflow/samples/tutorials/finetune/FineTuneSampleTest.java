package org.staticflow.samples.tutorials.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.VariableInfo;
import org.staticflow.samples.tutorials.SampleRun;

/**
 * {@code staticflow sample fine-tune} from a shortened {@code staticflow sample mlp} run (1,000 steps each on
 * the embedded subset, about 10 s in all): the naive restore's error, the subset restore from the moving
 * averages, a head that learns and a hidden layer that does not change.
 */
class FineTuneSampleTest {
  /**
   * Measured: even/odd test accuracy 0.954, 0.938 and 0.944 with seeds 1, 2 and 3 after 1,000 steps of the
   * MLP and 1,000 of the head (the MLP's own predicted digits have the right parity 0.965-0.971); guessing
   * gives 0.5.
   */
  private static final double MIN_TEST_ACCURACY = 0.91;

  @Test
  void restoresTheHiddenLayerFromTheAveragesAndTrainsOnlyTheNewHead(@TempDir Path dir) throws IOException {
    Path mlpDir = dir.resolve("model");
    SampleRun mlp = SampleRun.of("sample", "mlp", "--steps", "1000", "--model-dir", mlpDir.toString());
    assertEquals(0, mlp.status(), mlp::toString);
    Path source = mlpDir.resolve("model.ckpt-1000");

    Path tunedDir = dir.resolve("model-finetuned");
    // A checkpoint prefix works as well as a directory.
    SampleRun tune = SampleRun.of("sample", "fine-tune", "--from", source.toString(), "--steps", "1000",
        "--model-dir", tunedDir.toString());
    assertEquals(0, tune.status(), tune::toString);

    // What the user sees: the naive restore fails on the head's first key (keys are looked up in sorted
    // order), then the mapping used instead.
    assertTrue(tune.out().contains("  Key parity/biases not found in checkpoint " + source + "\n"), tune::toString);
    assertTrue(tune.out().contains("  layer1/weights <- layer1/weights/ExponentialMovingAverage\n"
        + "  layer1/biases <- layer1/biases/ExponentialMovingAverage\n"), tune::toString);
    assertTrue(tune.out().contains("Training parity/weights and parity/biases only\n"), tune::toString);
    double test = Double.parseDouble(tune.find("^Even/odd accuracy: validation \\S+, test (\\S+)$"));
    assertTrue(test >= MIN_TEST_ACCURACY, "even/odd test accuracy " + test + " < " + MIN_TEST_ACCURACY);

    try (CheckpointReader tuned = CheckpointReader.open(tunedDir);
        CheckpointReader trained = CheckpointReader.open(source)) {
      assertEquals("model.ckpt-1000", tuned.prefix().getFileName().toString());
      assertEquals(List.of("global_step", "layer1/biases", "layer1/weights", "parity/biases", "parity/weights"),
          tuned.listVariables().stream().map(VariableInfo::name).toList());
      // The hidden layer is the trained MLP's moving averages, bit for bit: restored, then left alone.
      for (String name : FineTuneSample.RESTORED) {
        assertEquals(trained.getTensor(name + "/ExponentialMovingAverage"), tuned.getTensor(name), name);
      }
      // The head moved away from its initial values.
      Staticflow_MnistParity initial = new Staticflow_MnistParity();
      initial.initializeVariables(1);
      for (String name : FineTuneSample.TRAINED) {
        assertNotEquals(initial.variableTensors().get(name), tuned.getTensor(name), name);
      }
    }
  }

  @Test
  void aDirectoryWithoutCheckpointIsAClearError(@TempDir Path dir) {
    SampleRun run = SampleRun.of("sample", "fine-tune", "--from", dir.toString(), "--model-dir",
        dir.resolve("out").toString());
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.err().startsWith("staticflow: no checkpoint found in directory " + dir), run::toString);
  }
}
