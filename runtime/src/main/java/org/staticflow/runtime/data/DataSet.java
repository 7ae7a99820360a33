package org.staticflow.runtime.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.Shape;

/**
 * Examples with integer class labels, served in mini-batches like TensorFlow's tutorial {@code DataSet}:
 * each epoch visits every example once in a fresh random order; a batch that crosses the end of an epoch
 * takes the rest of the old order and the start of the new one. {@link #nextBatch} copies into buffers the
 * caller owns (the model's input tensors) and allocates nothing.
 */
public final class DataSet {
  private final FloatTensor features;
  private final IntTensor labels;
  private final int numClasses;
  private final int featureSize;
  private final int[] order;
  private final SplittableRandom random;
  private int position;
  private int epochsCompleted;

  /**
   * @param features {@code [n, ...]}: one row per example
   * @param labels {@code [n]}: class ids in {@code [0, numClasses)}
   * @param seed seeds the order of examples in every epoch
   * @throws IllegalArgumentException if the counts differ or a label is out of range
   */
  public DataSet(FloatTensor features, IntTensor labels, int numClasses, long seed) {
    int n = (int) labels.numElements();
    if (labels.shape().rank() != 1 || features.shape().rank() < 1 || features.shape().dim(0) != n) {
      throw new IllegalArgumentException("DataSet: features " + features.shape() + " and labels " + labels.shape()
          + " must have one row per example");
    }
    for (int i = 0; i < n; i++) {
      if (labels.data()[i] < 0 || labels.data()[i] >= numClasses) {
        throw new IllegalArgumentException("DataSet: label " + labels.data()[i] + " of example " + i
            + " is not in [0, " + numClasses + ")");
      }
    }
    this.features = features;
    this.labels = labels;
    this.numClasses = numClasses;
    this.featureSize = n == 0 ? 0 : (int) (features.numElements() / n);
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.random = new SplittableRandom(seed);
    shuffle();
  }

  /** Number of examples. */
  public int size() {
    return order.length;
  }

  /** All features, {@code [n, ...]}, in file order. */
  public FloatTensor features() {
    return features;
  }

  /** All labels, {@code [n]}, in file order. */
  public IntTensor labels() {
    return labels;
  }

  public int numClasses() {
    return numClasses;
  }

  /** Epochs fully consumed by {@link #nextBatch} so far. */
  public int epochsCompleted() {
    return epochsCompleted;
  }

  /** All labels one-hot, {@code [n, numClasses]} (a new tensor). */
  public FloatTensor oneHotLabels() {
    FloatTensor oneHot = FloatTensor.zeros(Shape.of(order.length, numClasses));
    for (int i = 0; i < order.length; i++) {
      oneHot.data()[i * numClasses + labels.data()[i]] = 1f;
    }
    return oneHot;
  }

  /**
   * Fills {@code featureBatch} ({@code [b, ...]}) and {@code oneHotBatch} ({@code [b, numClasses]}) with the
   * next {@code b} examples.
   */
  public void nextBatch(FloatTensor featureBatch, FloatTensor oneHotBatch) {
    int batch = checkBatch(featureBatch);
    if (oneHotBatch.numElements() != (long) batch * numClasses) {
      throw new IllegalArgumentException("DataSet: one-hot batch " + oneHotBatch.shape() + " does not hold " + batch
          + " x " + numClasses + " labels");
    }
    Arrays.fill(oneHotBatch.data(), 0f);
    for (int row = 0; row < batch; row++) {
      int example = nextExample();
      copyFeatures(example, featureBatch, row);
      oneHotBatch.data()[row * numClasses + labels.data()[example]] = 1f;
    }
  }

  /** Fills {@code featureBatch} ({@code [b, ...]}) and {@code labelBatch} ({@code [b]}) with the next examples. */
  public void nextBatch(FloatTensor featureBatch, IntTensor labelBatch) {
    int batch = checkBatch(featureBatch);
    if (labelBatch.numElements() != batch) {
      throw new IllegalArgumentException("DataSet: label batch " + labelBatch.shape() + " does not hold " + batch
          + " labels");
    }
    for (int row = 0; row < batch; row++) {
      int example = nextExample();
      copyFeatures(example, featureBatch, row);
      labelBatch.data()[row] = labels.data()[example];
    }
  }

  private int checkBatch(FloatTensor featureBatch) {
    long batch = featureBatch.shape().rank() == 0 ? 0 : featureBatch.shape().dim(0);
    if (batch <= 0 || batch > order.length || featureBatch.numElements() != batch * featureSize) {
      throw new IllegalArgumentException("DataSet: feature batch " + featureBatch.shape() + " must be [b, ...] with"
          + " 0 < b <= " + order.length + " rows of " + featureSize + " values");
    }
    return (int) batch;
  }

  private int nextExample() {
    if (position == order.length) {
      epochsCompleted++;
      shuffle();
      position = 0;
    }
    return order[position++];
  }

  private void copyFeatures(int example, FloatTensor batch, int row) {
    System.arraycopy(features.data(), example * featureSize, batch.data(), row * featureSize, featureSize);
  }

  private void shuffle() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }
}
