package org.staticflow.samples.tutorials.regression;

import java.io.IOException;
import java.nio.file.Path;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.train.GradientDescentOptimizer;
import org.staticflow.runtime.train.LearningRate;
import org.staticflow.runtime.train.Trainer;

/**
 * The linear regression being trained: the model fed with all the points as one batch, plain gradient
 * descent ({@code tf.train.GradientDescentOptimizer(rate).minimize(loss)}), and a saver of exactly the
 * variables {@code tf.train.Saver()} saves in that program, {@code alpha} and {@code beta} (no
 * {@code global_step}: the tutorial's {@code minimize} has none).
 *
 * <p>One {@link #step()} is {@code alpha <- alpha - rate * dL/dalpha}, {@code beta <- beta - rate * dL/dbeta},
 * with both gradients of {@code L = mean((beta * x + alpha - y)^2)} taken at the values before the step.
 */
public final class RegressionTraining {
  private final Staticflow_LinearRegression model = new Staticflow_LinearRegression();
  private final Trainer trainer;
  private final Saver saver;

  /**
   * Starts from the model's initializers drawn with {@code seed} ({@code alpha} zeros, {@code beta}
   * uniform in [-1, 1)).
   */
  public RegressionTraining(RegressionData data, float learningRate, long seed) {
    if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
    }
    model.initializeVariables(seed);
    model.batchSize(data.size());
    System.arraycopy(data.x(), 0, model.x().data(), 0, data.size());
    System.arraycopy(data.y(), 0, model.y().data(), 0, data.size());
    trainer = Trainer.builder(model, new GradientDescentOptimizer(LearningRate.constant(learningRate))).build();
    saver = Saver.builder(model.variableTensors()).build();
  }

  /** One gradient-descent step over all the points; returns the loss before the update. */
  public float step() {
    return trainer.step();
  }

  /** The intercept. */
  public float alpha() {
    return model.alpha().data()[0];
  }

  /** The slope. */
  public float beta() {
    return model.beta().data()[0];
  }

  /** Replaces the initial slope (to start where a TensorFlow run started). */
  public void setBeta(float beta) {
    model.beta().data()[0] = beta;
  }

  /** The mean squared error at the current variables. */
  public float loss() {
    model.forward();
    return model.loss().data()[0];
  }

  /** Saves {@code alpha} and {@code beta} at {@code prefix} (and records it in the directory's state file). */
  public Path save(Path prefix) throws IOException {
    return saver.save(prefix);
  }

  /** Restores {@code alpha} and {@code beta} from the checkpoint at {@code prefix}. */
  public void restore(Path prefix) throws IOException {
    saver.restore(prefix);
  }
}
