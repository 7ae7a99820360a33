package org.staticflow.runtime.train;

import java.util.List;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * A TensorFlow 1.x optimizer: its update rule, hyperparameters and the names of the state it keeps. An
 * optimizer is a description; {@link #bind} attaches it to the variables it trains, creating its slot
 * variables ({@code <variable>/<name>}, {@code <variable>/<name>_1}, ...) and non-slot variables
 * ({@code beta1_power}, ...) exactly as TensorFlow names them, so a {@code Saver} writes what
 * {@code tf.train.Saver} writes.
 */
public abstract class Optimizer {
  private final String name;
  private final LearningRate learningRate;

  protected Optimizer(String name, LearningRate learningRate) {
    this.name = name;
    this.learningRate = learningRate;
  }

  /** TensorFlow's default name of the optimizer ({@code Adam}, {@code Momentum}, ...), used in slot names. */
  public final String name() {
    return name;
  }

  /** The learning rate schedule. */
  public final LearningRate learningRate() {
    return learningRate;
  }

  /**
   * Creates the optimizer's state for {@code variables} (parallel to {@code names}, their TensorFlow names)
   * and returns the object that applies updates to them. Restricting the list is how fine-tuning trains a
   * subset.
   *
   * @throws IllegalArgumentException if the lists differ in length or a name repeats
   */
  public abstract BoundOptimizer bind(List<String> names, List<FloatTensor> variables);
}
