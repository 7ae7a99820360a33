package org.staticflow.benchmarks.models;

import java.util.Random;

/**
 * A batch of MNIST-shaped data, the same for both engines: pixels uniform in [0, 1), one-hot labels of
 * random classes. Speed does not depend on the values (no data-dependent branches beyond ReLU's, whose
 * sparsity is alike on both sides), so no data set is needed to run the benchmarks.
 */
record SyntheticBatch(int size, float[] images, float[] oneHotLabels) {
  static SyntheticBatch of(int size, long seed) {
    Random random = new Random(seed);
    float[] images = new float[size * 784];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
    float[] labels = new float[size * 10];
    for (int r = 0; r < size; r++) {
      labels[r * 10 + random.nextInt(10)] = 1f;
    }
    return new SyntheticBatch(size, images, labels);
  }
}
