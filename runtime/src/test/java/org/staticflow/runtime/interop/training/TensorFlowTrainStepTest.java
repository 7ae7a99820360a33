package org.staticflow.runtime.interop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmarks' one-call training step computes what the phase-by-phase oracle computes. */
class TensorFlowTrainStepTest {

  /**
   * The first step's loss is exact; later ones agree closely but not bit for bit: in one call, as in a TF1
   * {@code train_op}, an {@code ApplyGradientDescent} may update a reference variable while another
   * gradient still reads it, which the phase-by-phase oracle rules out.
   */
  @Test
  void gradientDescentStepsLowerTheLossAsTheOracleDoes() {
    MnistMlpNetwork mlp = new MnistMlpNetwork(500, 0f);
    Map<String, float[]> start = InitialValues.tutorial(mlp, 0.1f, 3);
    List<MnistBatches.Batch> batches = MnistBatches.first(3, 100);
    try (TensorFlowTraining oracle = TensorFlowTraining.builder(mlp, start)
            .optimizer(new TensorFlowOptimizer.GradientDescent(0.05f)).build();
        TensorFlowTrainStep fused = new TensorFlowTrainStep(mlp, start, new TensorFlowOptimizer.GradientDescent(0.05f), 100)) {
      float tolerance = 1e-6f;
      for (MnistBatches.Batch batch : batches) {
        System.arraycopy(batch.images(), 0, fused.images(), 0, batch.images().length);
        System.arraycopy(batch.oneHotLabels(), 0, fused.labels(), 0, batch.oneHotLabels().length);
        float expected = oracle.step(batch.images(), batch.oneHotLabels());
        assertEquals(expected, fused.step(), tolerance * Math.max(1f, Math.abs(expected)));
        tolerance = 1e-3f;
      }
    }
  }

  @Test
  void seedCnnInferenceMatchesTheOracleAndAdamTrainingLowersTheLoss() {
    SeedCnnNetwork cnn = new SeedCnnNetwork();
    Map<String, float[]> start = InitialValues.tutorial(cnn, 0.1f, 5);
    MnistBatches.Batch batch = MnistBatches.first(1, 20).get(0);
    try (TensorFlowTraining oracle = TensorFlowTraining.builder(cnn, start)
            .optimizer(new TensorFlowOptimizer.Adam(1e-4f)).build();
        TensorFlowTrainStep fused = new TensorFlowTrainStep(cnn, start, new TensorFlowOptimizer.Adam(1e-4f), 20)) {
      System.arraycopy(batch.images(), 0, fused.images(), 0, batch.images().length);
      System.arraycopy(batch.oneHotLabels(), 0, fused.labels(), 0, batch.oneHotLabels().length);
      float[] expected = oracle.logits(batch.images());
      float[] actual = fused.logits(new float[expected.length]);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-4f * Math.max(1f, Math.abs(expected[i])), "logits[" + i + "]");
      }
      float first = fused.step();
      float later = first;
      for (int i = 0; i < 20; i++) {
        later = fused.step();
      }
      assertTrue(later < first, "20 Adam steps on one batch lower the loss: " + first + " -> " + later);
    }
  }
}
