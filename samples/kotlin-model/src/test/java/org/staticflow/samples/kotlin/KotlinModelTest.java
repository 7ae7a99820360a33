package org.staticflow.samples.kotlin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.LongTensor;

/** The model declared in Kotlin (compiled under kapt) computes what the same model declared in Java does. */
class KotlinModelTest {

  @Test
  void kotlinAndJavaModelsHaveTheSameVariables() {
    Staticflow_KotlinClassifier kotlin = new Staticflow_KotlinClassifier();
    Staticflow_JavaClassifier java = new Staticflow_JavaClassifier();
    assertEquals(
        List.of("hidden/weights", "hidden/biases", "out/weights", "out/biases"),
        kotlin.variables().stream().map(VariableEntry::name).toList());
    assertEquals(
        java.variables().stream().map(VariableEntry::name).toList(),
        kotlin.variables().stream().map(VariableEntry::name).toList());
  }

  @Test
  void kotlinAndJavaForwardPassesAgree() {
    Staticflow_KotlinClassifier kotlin = new Staticflow_KotlinClassifier();
    Staticflow_JavaClassifier java = new Staticflow_JavaClassifier();
    kotlin.initializeVariables(11);
    java.initializeVariables(11);
    for (int batch : new int[] {1, 4}) {
      kotlin.batchSize(batch);
      java.batchSize(batch);
      float[] xk = kotlin.x().data();
      float[] xj = java.x().data();
      for (int i = 0; i < xk.length; i++) {
        xk[i] = xj[i] = (float) Math.cos(i * 0.7);
      }
      kotlin.forward();
      java.forward();
      float[] pk = kotlin.probabilities().data();
      assertArrayEquals(java.probabilities().data(), pk, 0f);
      assertArrayEquals(((LongTensor) java.predictions()).data(), ((LongTensor) kotlin.predictions()).data());
      for (int r = 0; r < batch; r++) {
        assertEquals(1.0, pk[r * 3] + pk[r * 3 + 1] + pk[r * 3 + 2], 1e-5);
      }
    }
  }
}
