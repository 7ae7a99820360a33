package org.staticflow.samples.tutorials.cnn;

import org.staticflow.runtime.data.DataSet;

/**
 * The tutorial's {@code accuracy.eval(feed_dict={x: ..., y_: ..., keep_prob: 1.0})} over a whole data set,
 * in batches so that memory stays that of one batch: every example is fed once with dropout off
 * ({@code keep_prob} 1.0), and the predicted classes ({@code ArgMax}) are compared with the labels.
 */
public final class CnnEvaluator {
  private CnnEvaluator() {}

  /**
   * The fraction of {@code data} that {@code model} classifies correctly, fed {@code batch} examples at a time
   * (a smaller last batch for the rest). Leaves the model at the last batch's size.
   */
  public static double accuracy(Staticflow_MnistCnn model, DataSet data, int batch) {
    if (batch <= 0) {
      throw new IllegalArgumentException("evaluation batch must be positive, got " + batch);
    }
    float[] features = data.features().data();
    int[] labels = data.labels().data();
    long correct = 0;
    for (int start = 0; start < data.size(); start += batch) {
      int size = Math.min(batch, data.size() - start);
      model.batchSize(size);
      System.arraycopy(features, start * 784, model.x().data(), 0, size * 784);
      model.keepProb().data()[0] = 1.0f;
      model.forward();
      long[] predicted = model.prediction().data();
      for (int i = 0; i < size; i++) {
        if (predicted[i] == labels[start + i]) {
          correct++;
        }
      }
    }
    return (double) correct / data.size();
  }
}
