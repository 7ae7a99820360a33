package org.staticflow.samples.tutorials.mlp;

import java.io.IOException;
import java.nio.file.Path;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.data.DataSet;
import org.staticflow.runtime.train.ExponentialMovingAverage;

/**
 * The evaluation half of the "best practice" tutorial ({@code mnist_eval.py}): an MLP whose variables are
 * restored from the moving averages that training kept ({@code variables_to_restore()}: {@code layer1/weights}
 * is loaded from {@code layer1/weights/ExponentialMovingAverage}), and its accuracy on a data set.
 */
public final class MlpEvaluator {
  /** The tutorial's {@code MOVING_AVERAGE_DECAY}. */
  public static final float MOVING_AVERAGE_DECAY = 0.99f;

  private final Staticflow_MnistMlp model = new Staticflow_MnistMlp();
  private final Saver saver = Saver.builder(model.variableTensors())
      .variablesByCheckpointKey(new ExponentialMovingAverage(MOVING_AVERAGE_DECAY).variablesToRestore(model))
      .build();

  /** Loads the averaged variables of the checkpoint at {@code prefix} into the model. */
  public void restore(Path prefix) throws IOException {
    saver.restore(prefix);
  }

  /** The model, with the last restored variables. */
  public Staticflow_MnistMlp model() {
    return model;
  }

  /** The fraction of {@code data} the model classifies correctly, in one batch of the whole set. */
  public float accuracy(DataSet data) {
    return accuracy(model, data);
  }

  /** The fraction of {@code data} that {@code model} classifies correctly, in one batch of the whole set. */
  public static float accuracy(Staticflow_MnistMlp model, DataSet data) {
    model.batchSize(data.size());
    System.arraycopy(data.features().data(), 0, model.x().data(), 0, model.x().data().length);
    System.arraycopy(data.oneHotLabels().data(), 0, model.labels().data(), 0, model.labels().data().length);
    model.forward();
    return model.accuracy().data()[0];
  }
}
