package org.staticflow.runtime.model;

import java.util.List;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * A compiled model with at least one {@code @Loss}: besides the forward pass it has a backward pass,
 * generated at compile time by reverse-mode differentiation, that computes the gradient of the total
 * loss with respect to every trainable variable.
 *
 * <p>The total loss is TensorFlow's {@code loss + tf.add_n(tf.get_collection("losses"))}:
 *
 * <pre>
 * L = sum over @Loss members l of l                        (each a scalar)
 *   + sum over variables v with regularizer l2(s) of s * l2_loss(v),   l2_loss(v) = sum(v^2) / 2
 * </pre>
 *
 * and {@link #gradients()} holds {@code dL/dv} for every trainable variable {@code v}. Variables declared
 * with {@code trainable = false} have no gradient (and no gradient code); paths through
 * {@code stop_gradient}, {@code argmax}, {@code equal} and integer casts contribute nothing, as in
 * TensorFlow.
 *
 * <p>Usage: fill the inputs, call {@link #computeGradients()}, read {@link #totalLoss()} and the gradient
 * buffers; {@link org.staticflow.runtime.train.Trainer} does this and applies an optimizer. Nothing is
 * allocated by {@link #computeGradients()}: all buffers are allocated by {@link #batchSize(int)}.
 */
public interface TrainableModel extends CompiledModel {

  /**
   * The trainable variables (those in TensorFlow's {@code trainable_variables} collection), in declaration
   * order: the entries of {@link #variables()} whose {@link VariableEntry#trainable()} is true.
   */
  List<VariableEntry> trainableVariables();

  /**
   * Runs the forward pass (every output and loss, from the current inputs and variables), the total loss
   * and the backward pass, leaving {@code dL/dv} in the {@link #gradients()} buffers. A dropout mask is
   * drawn once, by the forward pass, and the backward pass uses the same mask. Allocates nothing.
   */
  void computeGradients();

  /**
   * The gradient buffers, parallel to {@link #trainableVariables()} (same order, same shapes), valid after
   * {@link #computeGradients()}. These are the live buffers, not copies: the same tensor objects for the
   * life of the model (variable shapes do not depend on the batch size), overwritten by every
   * {@link #computeGradients()}.
   */
  List<FloatTensor> gradients();

  /**
   * The gradient buffer of trainable variable {@code variableName} (e.g. {@code layer1/weights}), the same
   * tensor as the corresponding element of {@link #gradients()}.
   *
   * @throws IllegalArgumentException if there is no trainable variable of that name
   */
  FloatTensor gradient(String variableName);

  /**
   * Whether trainable variable {@code variableName} has a gradient at all: false when no path from it to the
   * loss carries one (it is used only by outputs, or only through {@code stop_gradient}, {@code argmax}...),
   * so that its gradient buffer is always zero. TensorFlow's {@code tf.gradients} returns {@code None} for
   * such a variable and {@code minimize} leaves it out (no update, no optimizer slots); {@link
   * org.staticflow.runtime.train.Trainer} does the same.
   *
   * @throws IllegalArgumentException if there is no trainable variable of that name
   */
  default boolean hasGradient(String variableName) {
    gradient(variableName);
    return true;
  }

  /**
   * The total loss {@code L} (sum of the {@code @Loss} members plus the regularization losses) computed by
   * the latest {@link #forward()} or {@link #computeGradients()}. (Not {@code loss()}: that is the usual name of a
   * model's own {@code @Loss} member.)
   */
  float totalLoss();
}
