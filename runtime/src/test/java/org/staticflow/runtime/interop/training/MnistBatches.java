package org.staticflow.runtime.interop.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.testing.SharedFiles;

/**
 * Identical MNIST batches for both sides of a parity test: consecutive examples of the training split
 * (file order, after the 5,000 validation examples), images as {@code [batch, 784]} floats in [0, 1] and
 * labels one-hot {@code [batch, 10]}, as the tutorials' {@code read_data_sets(one_hot=True)} gives them.
 */
public final class MnistBatches {
  /** One batch, row-major. */
  public record Batch(int size, float[] images, float[] oneHotLabels) {}

  private static Mnist mnist;

  private MnistBatches() {}

  /** {@code count} batches of {@code batchSize}: batch i holds examples {@code i*batchSize ...} of the training split. */
  public static List<Batch> first(int count, int batchSize) {
    FloatTensor images = data().train().features();
    FloatTensor labels = data().train().oneHotLabels();
    if ((long) count * batchSize > data().train().size()) {
      throw new IllegalArgumentException(count + " batches of " + batchSize + " exceed the training split");
    }
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      float[] x = new float[batchSize * Mnist.IMAGE_PIXELS];
      float[] y = new float[batchSize * Mnist.NUM_CLASSES];
      System.arraycopy(images.data(), i * x.length, x, 0, x.length);
      System.arraycopy(labels.data(), i * y.length, y, 0, y.length);
      batches.add(new Batch(batchSize, x, y));
    }
    return List.copyOf(batches);
  }

  private static synchronized Mnist data() {
    if (mnist == null) {
      try {
        mnist = Mnist.read(SharedFiles.root().resolve("data/mnist"), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return mnist;
  }
}
