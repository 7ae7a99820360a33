/**
 * TensorFlow as the oracle of training: {@link org.staticflow.runtime.interop.training.TensorFlowTraining}
 * builds a {@link org.staticflow.runtime.interop.training.TensorFlowNetwork} (the MNIST MLP, a small CNN) in a
 * TF1-style graph of reference variables under TensorFlow's names, takes TensorFlow's gradients of the loss
 * ({@code Graph.addGradients}, the C++ gradient registry), applies TensorFlow's own {@code Apply*} kernels
 * ({@link org.staticflow.runtime.interop.training.TensorFlowOptimizer}), keeps {@code global_step} and
 * moving averages, and saves and restores its state with {@code SaveV2}/{@code RestoreV2}.
 * {@link org.staticflow.runtime.interop.training.MnistBatches} gives both sides the same batches and
 * {@link org.staticflow.runtime.interop.training.StateComparison} measures how far two trainings drifted.
 *
 * <p>Reused by the processor's parity tests through the runtime's test-jar.
 *
 * <p>Facts established here: TensorFlow Java 1.0.0's C++ gradient registry lacks
 * {@code SparseSoftmaxCrossEntropyWithLogits} (registered here as TF1 Python defines it); TensorFlow Java's
 * typed {@code Ops} reject TF1 scoped op names such as {@code Reshape/shape}, hence raw ops; with the same
 * gradients, Staticflow's GradientDescent, Momentum (plain and Nesterov) and Adam updates and its moving
 * averages stay bit-identical to TensorFlow's over 10 MNIST MLP steps.
 */
package org.staticflow.runtime.interop.training;
