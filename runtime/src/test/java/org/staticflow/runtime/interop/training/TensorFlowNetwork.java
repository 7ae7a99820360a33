package org.staticflow.runtime.interop.training;

import java.util.List;
import java.util.Map;
import org.tensorflow.Output;

/**
 * A classifier as a TensorFlow 1.x program would build it: trainable float32 variables with scoped names
 * and optional L2 regularization, and the ops from a {@code [batch, inputSize]} float input to
 * {@code [batch, classes]} logits. {@link TensorFlowTraining} adds the loss, gradients and optimizer around
 * it.
 */
public interface TensorFlowNetwork {

  /**
   * A trainable variable: its TensorFlow name ({@code layer1/weights}), shape, and the scale of its
   * {@code l2_regularizer} (0 for none). A regularized variable adds {@code scale * l2_loss(v)} to the
   * {@code losses} collection, which the total loss sums with {@code add_n}.
   */
  record Variable(String name, long[] shape, float l2Scale) {
    /** Number of elements. */
    public int size() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return Math.toIntExact(n);
    }
  }

  /** The variables in creation order (the order of {@code tf.trainable_variables()}). */
  List<Variable> variables();

  /** Features per example (784 for MNIST). */
  int inputSize();

  /** Number of classes (the width of the logits and of the one-hot labels). */
  int classes();

  /**
   * Adds the forward pass to the graph: from {@code images} ({@code [batch, inputSize]}) to logits
   * ({@code [batch, classes]}), reading variable {@code v} through {@code reads.get(v)} (its
   * {@code v/read} identity, which is what TF1 ops consume and what gradients are taken against).
   */
  Output<?> logits(GraphBuilder graph, Output<?> images, Map<String, Output<?>> reads);
}
