package org.staticflow.runtime.interop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.VariableInfo;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The training oracle itself, checked without Staticflow's differentiation: its gradients against
 * independent computations, its update steps against the update rules, and its checkpoints against
 * Staticflow's reader.
 */
class TensorFlowTrainingTest {
  private static final MnistMlpNetwork MLP = new MnistMlpNetwork();
  private static final Map<String, float[]> MLP_START = InitialValues.tutorial(MLP, 0.1f, 1);

  @TempDir Path temp;

  @Test
  void oneGradientDescentStepSubtractsRateTimesTensorFlowsGradient() {
    MnistBatches.Batch batch = MnistBatches.first(1, 50).get(0);
    try (TensorFlowTraining tf = TensorFlowTraining.builder(MLP, MLP_START)
        .optimizer(new TensorFlowOptimizer.GradientDescent(0.1f)).build()) {
      Map<String, FloatTensor> gradients = tf.gradients(batch.images(), batch.oneHotLabels());
      float loss = tf.step(batch.images(), batch.oneHotLabels());
      assertTrue(tf.loss(batch.images(), batch.oneHotLabels()) < loss, "one step lowers the loss");
      Map<String, Tensor> after = tf.variables();
      for (String name : tf.modelVariables()) {
        float[] start = MLP_START.get(name);
        float[] g = gradients.get(name).data();
        float[] expected = new float[start.length];
        for (int i = 0; i < start.length; i++) {
          expected[i] = start[i] - 0.1f * g[i];
        }
        assertArrayEquals(expected, ((FloatTensor) after.get(name)).data(), name);
      }
      assertEquals(1L, ((LongTensor) after.get("global_step")).data()[0]);
    }
  }

  @Test
  void gradientsEqualTheCrossEntropyAndL2Derivatives() {
    // The last layer's bias gradient is mean(softmax(logits) - labels) over the batch, and the first layer's
    // weights gain 1e-4 * w from the regularizer where the data adds nothing (pixels that are 0 in every
    // image of the batch): this checks the registered SparseSoftmaxCrossEntropyWithLogits gradient and the
    // L2 term independently of TensorFlow's gradient code.
    MnistBatches.Batch batch = MnistBatches.first(1, 20).get(0);
    try (TensorFlowTraining tf = TensorFlowTraining.builder(MLP, MLP_START).build()) {
      Map<String, FloatTensor> gradients = tf.gradients(batch.images(), batch.oneHotLabels());
      float[] logits = tf.logits(batch.images());
      double[] expectedBias = new double[10];
      double loss = 0;
      for (int r = 0; r < batch.size(); r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < 10; j++) {
          max = Math.max(max, logits[r * 10 + j]);
        }
        double sum = 0;
        for (int j = 0; j < 10; j++) {
          sum += Math.exp(logits[r * 10 + j] - max);
        }
        for (int j = 0; j < 10; j++) {
          double p = Math.exp(logits[r * 10 + j] - max) / sum;
          double y = batch.oneHotLabels()[r * 10 + j];
          expectedBias[j] += (p - y) / batch.size();
          loss -= y * Math.log(p) / batch.size();
        }
      }
      float[] w1 = MLP_START.get("layer1/weights");
      double l2 = 0;
      for (float v : w1) {
        l2 += (double) v * v / 2;
      }
      loss += 1e-4 * l2;
      assertEquals(loss, tf.loss(batch.images(), batch.oneHotLabels()), 1e-5);
      float[] biasGradient = gradients.get("layer2/biases").data();
      for (int j = 0; j < 10; j++) {
        assertEquals(expectedBias[j], biasGradient[j], 1e-6, "layer2/biases gradient " + j);
      }
      float[] w1Gradient = gradients.get("layer1/weights").data();
      int checked = 0;
      for (int pixel = 0; pixel < 784; pixel++) {
        boolean blank = true;
        for (int r = 0; r < batch.size(); r++) {
          blank &= batch.images()[r * 784 + pixel] == 0f;
        }
        if (blank) {
          for (int unit = 0; unit < 500; unit++) {
            int i = pixel * 500 + unit;
            assertEquals(1e-4f * w1[i], w1Gradient[i], 1e-12f, "layer1/weights gradient " + i);
            checked++;
          }
        }
      }
      assertTrue(checked > 10_000, "MNIST has blank border pixels: " + checked);
    }
  }

  @Test
  void cnnGradientsMatchFiniteDifferencesOfTheLoss() {
    SmallCnnNetwork cnn = new SmallCnnNetwork();
    Map<String, float[]> start = InitialValues.tutorial(cnn, 0.1f, 2);
    MnistBatches.Batch batch = MnistBatches.first(1, 8).get(0);
    Map<String, FloatTensor> gradients;
    try (TensorFlowTraining tf = TensorFlowTraining.builder(cnn, start).build()) {
      gradients = tf.gradients(batch.images(), batch.oneHotLabels());
    }
    // Central differences of the float32 loss, in a few elements of every variable. The loss has ~7
    // significant digits and ReLU and max-pool kinks lie within h of some inputs, so this checks the wiring
    // (factors, signs, transposed filters), not the last digits; the MLP test above checks those.
    float h = 1e-3f;
    for (TensorFlowNetwork.Variable variable : cnn.variables()) {
      for (int k = 0; k < 3; k++) {
        int i = (int) ((k * 7919L + 13) % variable.size());
        float plus = lossWith(cnn, start, variable.name(), i, h, batch);
        float minus = lossWith(cnn, start, variable.name(), i, -h, batch);
        double numeric = (plus - minus) / (2.0 * h);
        float analytic = gradients.get(variable.name()).data()[i];
        assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric), variable.name() + "[" + i + "]");
      }
    }
  }

  private static float lossWith(TensorFlowNetwork network, Map<String, float[]> start, String name, int index,
      float delta, MnistBatches.Batch batch) {
    Map<String, float[]> moved = new java.util.HashMap<>(start);
    float[] values = start.get(name).clone();
    values[index] += delta;
    moved.put(name, values);
    try (TensorFlowTraining tf = TensorFlowTraining.builder(network, moved).build()) {
      return tf.loss(batch.images(), batch.oneHotLabels());
    }
  }

  @Test
  void checkpointHoldsEveryVariableAndSlotUnderItsTensorFlowName() throws IOException {
    List<MnistBatches.Batch> batches = MnistBatches.first(2, 10);
    Path prefix = temp.resolve("tf/model.ckpt-2");
    Map<String, Tensor> trained;
    try (TensorFlowTraining tf = TensorFlowTraining.builder(MLP, MLP_START)
        .optimizer(new TensorFlowOptimizer.Adam(0.01f)).movingAverage(0.99f).build()) {
      for (MnistBatches.Batch batch : batches) {
        tf.step(batch.images(), batch.oneHotLabels());
      }
      trained = tf.variables();
      tf.save(prefix);
    }
    List<String> expectedOrder = new ArrayList<>(List.of("layer1/weights", "layer1/biases", "layer2/weights",
        "layer2/biases", "global_step"));
    for (String v : List.of("layer1/weights", "layer1/biases", "layer2/weights", "layer2/biases")) {
      expectedOrder.add(v + "/ExponentialMovingAverage");
    }
    expectedOrder.addAll(List.of("beta1_power", "beta2_power"));
    for (String v : List.of("layer1/weights", "layer1/biases", "layer2/weights", "layer2/biases")) {
      expectedOrder.add(v + "/Adam");
      expectedOrder.add(v + "/Adam_1");
    }
    assertEquals(expectedOrder, List.copyOf(trained.keySet()), "TF1 creation order");
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      List<String> sorted = new ArrayList<>(expectedOrder);
      sorted.sort(null);
      assertEquals(sorted, reader.listVariables().stream().map(VariableInfo::name).toList());
      for (VariableInfo info : reader.listVariables()) {
        Tensor ours = trained.get(info.name());
        assertEquals(ours.shape(), info.shape(), info.name());
        assertEquals(ours.dataType(), info.dataType(), info.name());
        Tensor read = reader.getTensor(info.name());
        if (ours instanceof FloatTensor floats) {
          assertArrayEquals(floats.data(), ((FloatTensor) read).data(), info.name());
        } else {
          assertArrayEquals(((LongTensor) ours).data(), ((LongTensor) read).data(), info.name());
        }
      }
      assertEquals(DataType.INT64, reader.getTensor("global_step").dataType());
      assertArrayEquals(new long[] {2}, ((LongTensor) reader.getTensor("global_step")).data());
      assertEquals(Shape.scalar(), reader.getTensor("beta1_power").shape());
      assertEquals(0.9f * 0.9f * 0.9f, ((FloatTensor) reader.getTensor("beta1_power")).data()[0]);
    }
  }

  @Test
  void restoringACheckpointResumesTrainingExactly() {
    List<MnistBatches.Batch> batches = MnistBatches.first(5, 10);
    Path prefix = temp.resolve("resume/model.ckpt-2");
    TensorFlowOptimizer adam = new TensorFlowOptimizer.Adam(0.01f);
    Map<String, Tensor> uninterrupted;
    try (TensorFlowTraining tf = TensorFlowTraining.builder(MLP, MLP_START).optimizer(adam).movingAverage(0.9f).build()) {
      for (int i = 0; i < 5; i++) {
        if (i == 2) {
          tf.save(prefix);
        }
        tf.step(batches.get(i).images(), batches.get(i).oneHotLabels());
      }
      uninterrupted = tf.variables();
    }
    // A fresh graph from other initial values: everything it ends with must come from the checkpoint.
    try (TensorFlowTraining tf = TensorFlowTraining.builder(MLP, InitialValues.tutorial(MLP, 0.1f, 99))
        .optimizer(adam).movingAverage(0.9f).build()) {
      tf.restore(prefix);
      assertEquals(2, tf.globalStep());
      for (int i = 2; i < 5; i++) {
        tf.step(batches.get(i).images(), batches.get(i).oneHotLabels());
      }
      assertSameValues(uninterrupted, tf.variables());
    }
  }

  @Test
  void restoringMovingAveragesIntoThePlainVariables() {
    MnistBatches.Batch batch = MnistBatches.first(1, 10).get(0);
    Path prefix = temp.resolve("ema/model.ckpt");
    Map<String, Tensor> trained;
    try (TensorFlowTraining tf = TensorFlowTraining.builder(MLP, MLP_START).movingAverage(0.99f).build()) {
      tf.step(batch.images(), batch.oneHotLabels());
      tf.step(batch.images(), batch.oneHotLabels());
      trained = tf.variables();
      tf.save(prefix);
    }
    Map<String, String> toRestore = new java.util.LinkedHashMap<>();
    for (String v : MLP.variables().stream().map(TensorFlowNetwork.Variable::name).toList()) {
      toRestore.put(v + "/ExponentialMovingAverage", v);
    }
    try (TensorFlowTraining tf = TensorFlowTraining.builder(MLP, MLP_START).build()) {
      tf.restore(prefix, toRestore);
      Map<String, Tensor> restored = tf.variables();
      toRestore.forEach((key, variable) -> assertArrayEquals(((FloatTensor) trained.get(key)).data(),
          ((FloatTensor) restored.get(variable)).data(), variable));
      assertTrue(!java.util.Arrays.equals(((FloatTensor) trained.get("layer2/biases")).data(),
          ((FloatTensor) restored.get("layer2/biases")).data()), "shadows differ from the trained variables");
    }
  }

  static void assertSameValues(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, tensor) -> {
      if (tensor instanceof FloatTensor floats) {
        assertArrayEquals(floats.data(), ((FloatTensor) actual.get(name)).data(), name);
      } else {
        assertArrayEquals(((LongTensor) tensor).data(), ((LongTensor) actual.get(name)).data(), name);
      }
    });
  }
}
