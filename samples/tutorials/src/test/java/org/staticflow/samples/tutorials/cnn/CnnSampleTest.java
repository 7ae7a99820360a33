package org.staticflow.samples.tutorials.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.checkpoint.VariableInfo;
import org.staticflow.runtime.cli.StaticflowCli;
import org.staticflow.runtime.data.DataSet;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.samples.tutorials.MnistData;
import org.staticflow.samples.tutorials.PythonFormat;

/**
 * {@code staticflow sample cnn}, shortened: 200 Adam steps of 50 examples on the embedded MNIST subset
 * (about 30 s on two shared cores). Measured with seed 0: test accuracy 0.864 on the subset's 1,000 test
 * images (chance: 0.1); the test asks for 0.80.
 */
class CnnSampleTest {
  private static final List<String> MODEL_VARIABLES = List.of("conv_layer_1/W_conv_1", "conv_layer_1/b_conv_1",
      "conv_layer_2/W_conv_2", "conv_layer_2/b_conv_2", "fc_layer_1/W_fc_1", "fc_layer_1/b_fc_1",
      "fc_layer_2/W_fc_2", "fc_layer_2/b_fc_2");

  @Test
  void shortRunLearnsAndSavesTheTutorialsCheckpoint(@TempDir Path dir) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = StaticflowCli.run(new String[] {"sample", "cnn", "--steps", "200", "--batch", "50", "--model-dir",
        dir.toString(), "--seed", "0"}, new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, status, err.toString());
    String printed = out.toString();

    List<String> trainingLines = printed.lines().filter(line -> line.startsWith("step ")).toList();
    assertEquals(2, trainingLines.size(), printed);
    assertTrue(trainingLines.get(0).matches("step 0, training accuracy [0-9.e-]+"), trainingLines.get(0));
    assertTrue(trainingLines.get(1).matches("step 100, training accuracy [0-9.e-]+"), trainingLines.get(1));
    assertTrue(printed.contains("200/200 steps  loss "), printed);   // the progress bar's last line
    Matcher test = Pattern.compile("(?m)^test accuracy ([0-9.e-]+)$").matcher(printed);
    assertTrue(test.find(), printed);
    double testAccuracy = Double.parseDouble(test.group(1));
    assertTrue(testAccuracy >= 0.80, "test accuracy after 200 steps: " + testAccuracy);

    Path prefix = dir.resolve(CnnSample.CHECKPOINT + "-200");
    List<String> expectedKeys = new ArrayList<>(MODEL_VARIABLES);
    for (String variable : MODEL_VARIABLES) {
      expectedKeys.add(variable + "/Adam");
      expectedKeys.add(variable + "/Adam_1");
    }
    expectedKeys.addAll(List.of("beta1_power", "beta2_power", "global_step"));
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      List<String> keys = reader.listVariables().stream().map(VariableInfo::name).sorted().toList();
      assertEquals(expectedKeys.stream().sorted().toList(), keys);
      assertEquals(200L, ((LongTensor) reader.getTensor("global_step")).data()[0]);
      // TF1's Adam: beta1_power starts at beta1 and is multiplied by it after every step.
      assertEquals(Math.pow(0.9, 201), ((FloatTensor) reader.getTensor("beta1_power")).data()[0], 1e-6);
      assertArrayEquals(new long[] {5, 5, 32, 64}, reader.getTensor("conv_layer_2/W_conv_2/Adam").shape().dims());
    }
    byte[] png = Files.readAllBytes(dir.resolve(CnnSample.CURVES));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));

    // Evaluation feeds keep_prob 1.0: a restored model evaluates the same twice, and to the printed figure;
    // with dropout on (keep_prob 0.5) the same images get other logits.
    Mnist mnist = MnistData.load(null, 0);
    CnnTraining restored = new CnnTraining(50, 99);
    Saver.builder(restored.model().variableTensors()).build().restore(prefix);
    double first = restored.accuracy(mnist.test());
    double second = restored.accuracy(mnist.test());
    assertEquals(first, second);
    assertEquals(test.group(1), PythonFormat.g(first));
    assertTrue(logitsDiffer(restored.model(), mnist.test()), "dropout at keep_prob 0.5 changed nothing");
  }

  /** Whether the logits of the first 50 test images change when keep_prob is 0.5 instead of 1.0. */
  private static boolean logitsDiffer(Staticflow_MnistCnn model, DataSet data) {
    model.batchSize(50);
    System.arraycopy(data.features().data(), 0, model.x().data(), 0, 50 * 784);
    model.keepProb().data()[0] = 1.0f;
    model.forward();
    float[] evaluation = model.logits().data().clone();
    model.keepProb().data()[0] = 0.5f;
    model.forward();
    return !Arrays.equals(evaluation, model.logits().data());
  }
}
