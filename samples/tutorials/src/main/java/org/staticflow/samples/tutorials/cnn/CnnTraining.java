package org.staticflow.samples.tutorials.cnn;

import java.io.IOException;
import java.nio.file.Path;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.data.DataSet;
import org.staticflow.runtime.train.AdamOptimizer;
import org.staticflow.runtime.train.LearningRate;
import org.staticflow.runtime.train.Trainer;

/**
 * The tutorial's training of {@link MnistCnn}: {@code tf.train.AdamOptimizer(1e-4).minimize(cross_entropy)}
 * with {@code keep_prob} 0.5 while training and 1.0 when measuring accuracy. Its saver holds everything
 * {@code tf.train.Saver()} saves in that program: the model's variables, {@code global_step}, Adam's
 * {@code beta1_power} and {@code beta2_power} and the slots {@code conv_layer_1/W_conv_1/Adam} and
 * {@code .../Adam_1}.
 */
public final class CnnTraining {
  /** The tutorial's learning rate. */
  public static final float LEARNING_RATE = 1e-4f;
  /** The tutorial's dropout keep probability in training. */
  public static final float KEEP_PROB = 0.5f;

  private final Staticflow_MnistCnn model = new Staticflow_MnistCnn();
  private final int batch;
  private final Trainer trainer;
  private final Saver saver;

  /** Initializes the variables and the dropout generator from {@code seed}; trains on batches of {@code batch}. */
  public CnnTraining(int batch, long seed) {
    if (batch <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batch);
    }
    this.batch = batch;
    model.initializeVariables(seed);
    model.seed(seed);
    model.batchSize(batch);
    trainer = Trainer.builder(model, new AdamOptimizer(LearningRate.constant(LEARNING_RATE))).build();
    saver = Saver.builder(trainer.variables()).build();
  }

  /** Feeds the next training batch of {@code data} into the model's inputs. */
  public void nextBatch(DataSet data) {
    model.batchSize(batch);
    data.nextBatch(model.x(), model.labels());
  }

  /** The accuracy on the batch last fed, with dropout off ({@code keep_prob} 1.0); no training. */
  public float batchAccuracy() {
    model.keepProb().data()[0] = 1.0f;
    model.forward();
    return model.accuracy().data()[0];
  }

  /** One Adam step on the batch last fed, with {@code keep_prob} 0.5; returns the loss before the update. */
  public float step() {
    model.keepProb().data()[0] = KEEP_PROB;
    return trainer.step();
  }

  /** The test-set (or any set's) accuracy with dropout off, in batches of the training batch size. */
  public double accuracy(DataSet data) {
    return CnnEvaluator.accuracy(model, data, batch);
  }

  /** Steps taken, TensorFlow's {@code global_step}. */
  public long globalStep() {
    return trainer.globalStep().get();
  }

  /** Saves the model and the optimizer's state at {@code savePath-globalStep}; returns the prefix. */
  public Path save(Path savePath) throws IOException {
    return saver.save(savePath, globalStep());
  }

  /** The model being trained. */
  public Staticflow_MnistCnn model() {
    return model;
  }
}
