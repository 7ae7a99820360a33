package org.staticflow.runtime.interop.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Initial values for a {@link TensorFlowNetwork} drawn in Java, for oracle tests that have no compiled
 * model to take them from: the tutorials' {@code truncated_normal(stddev)} for weights (normal draws beyond
 * two standard deviations redrawn) and {@code constant(0.1)} for biases.
 */
public final class InitialValues {
  private InitialValues() {}

  /** Values for every variable of {@code network}: names ending in {@code biases} get 0.1, the others truncated normals. */
  public static Map<String, float[]> tutorial(TensorFlowNetwork network, float stddev, long seed) {
    Random random = new Random(seed);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (TensorFlowNetwork.Variable variable : network.variables()) {
      float[] v = new float[variable.size()];
      for (int i = 0; i < v.length; i++) {
        if (variable.name().endsWith("biases")) {
          v[i] = 0.1f;
        } else {
          double draw;
          do {
            draw = random.nextGaussian();
          } while (Math.abs(draw) > 2);
          v[i] = (float) (draw * stddev);
        }
      }
      values.put(variable.name(), v);
    }
    return values;
  }
}
