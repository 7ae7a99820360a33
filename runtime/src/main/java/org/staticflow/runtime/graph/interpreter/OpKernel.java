package org.staticflow.runtime.graph.interpreter;

import org.staticflow.runtime.tensor.Tensor;

/**
 * The implementation of one node: created once at load time from the node's attributes (by an
 * {@link OpFactory}), then asked for its output specs and run.
 *
 * <p>{@link #infer} is the single source of shape rules: the loader calls it with what is known at load
 * time (unknown dimensions, constant inputs only where they are constant), and every run calls it again
 * with the actual tensors to size the outputs, so a kernel never repeats its shape logic.
 */
public interface OpKernel {

  /**
   * The dtypes and shapes of the outputs.
   *
   * @throws org.staticflow.runtime.graph.InvalidGraphException (through {@link InferenceContext#error}) if
   *     the inputs do not fit the op
   */
  TensorSpec[] infer(InferenceContext context);

  /**
   * Computes the outputs. Unless {@link #producesViews()}, {@code outputs} holds tensors of the inferred
   * specs (reused between runs) to be filled; otherwise the kernel stores its results in {@code outputs}.
   */
  void compute(Tensor[] inputs, Tensor[] outputs);

  /**
   * Whether {@link #compute} stores its own outputs (views of the inputs, or tensors it holds) instead of
   * filling buffers.
   */
  default boolean producesViews() {
    return false;
  }

  /**
   * Whether the outputs depend only on the inputs, so that a node whose inputs are all constant can be
   * evaluated once at load time. False for placeholders, variables and random ops.
   */
  default boolean isPure() {
    return true;
  }
}
