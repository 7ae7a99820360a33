package org.staticflow.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.staticflow.runtime.random.Rng;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;

/** Initializers follow TensorFlow's definitions and are reproducible from a seed. */
class InitializersTest {

  @Test
  void truncatedNormalStaysWithinTwoStandardDeviations() {
    float[] data = new float[20000];
    Initializers.truncatedNormal(data, 1f, 0.5f, new Rng(3));
    double mean = 0;
    for (float v : data) {
      assertTrue(v >= 0f && v <= 2f, "value " + v);
      mean += v / data.length;
    }
    assertEquals(1.0, mean, 0.02);
  }

  @Test
  void randomNormalHasTheRequestedMoments() {
    float[] data = new float[20000];
    Initializers.randomNormal(data, -2f, 3f, new Rng(4));
    double mean = 0;
    double square = 0;
    for (float v : data) {
      mean += v / data.length;
      square += v * (double) v / data.length;
    }
    assertEquals(-2.0, mean, 0.1);
    assertEquals(3.0, Math.sqrt(square - mean * mean), 0.1);
  }

  @Test
  void uniformAndGlorotRanges() {
    float[] data = new float[5000];
    Initializers.randomUniform(data, -0.5f, 0.25f, new Rng(5));
    for (float v : data) {
      assertTrue(v >= -0.5f && v < 0.25f);
    }
    Initializers.glorotUniform(data, 784, 500, new Rng(6));
    float limit = (float) Math.sqrt(6.0 / 1284);
    float max = 0;
    for (float v : data) {
      assertTrue(Math.abs(v) <= limit);
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > 0.9f * limit, "fills the range");
  }

  @Test
  void sameSeedSameValues() {
    float[] first = new float[100];
    float[] second = new float[100];
    Initializers.truncatedNormal(first, 0, 1, new Rng(42));
    Initializers.truncatedNormal(second, 0, 1, new Rng(42));
    assertArrayEquals(first, second);
  }

  @Test
  void registryEntryChecksItsBuffer() {
    FloatTensor buffer = FloatTensor.zeros(Shape.of(2, 3));
    VariableEntry entry = new VariableEntry("w", Shape.of(2, 3), DataType.FLOAT, true, buffer);
    assertEquals("w", entry.name());
    assertThrows(IllegalArgumentException.class,
        () -> new VariableEntry("w", Shape.of(3, 2), DataType.FLOAT, true, buffer));
  }
}
