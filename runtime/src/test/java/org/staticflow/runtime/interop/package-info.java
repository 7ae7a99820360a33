/**
 * Interoperability with real TensorFlow, and the tools to test it.
 *
 * <p>{@link org.staticflow.runtime.interop.TensorFlowOracle} runs TensorFlow's own SaveV2, RestoreV2 and
 * MergeV2Checkpoints kernels (TensorFlow Java 1.0.0, test scope) on Staticflow tensors of every dtype,
 * bit-exactly; {@link org.staticflow.runtime.interop.InteropTensors} is the shared set of test tensors,
 * {@link org.staticflow.runtime.interop.TensorAssertions} compares tensors bit for bit (NaN payloads
 * included), {@link org.staticflow.runtime.interop.TensorBytes} converts tensors to and from TensorFlow's
 * little-endian layout independently of the code under test, and
 * {@link org.staticflow.runtime.interop.IndexFiles} counts the data blocks of an {@code .index} file.
 * Other modules reuse them through the runtime's test-jar (they need the TensorFlow Java test
 * dependencies themselves). The subpackage {@code training} holds the oracle of training parity: TensorFlow
 * training the MNIST MLP and a small CNN with its own gradients and optimizer kernels.
 *
 * <p>Facts about TensorFlow these tests established: SaveV2 appends tensors to the data file in the order
 * it is given them, with no padding, and sorts only the index; it creates only the last directory level of
 * a prefix; RestoreV2 cannot assemble partitioned variables of dtype string or half ("Dtype string not
 * supported").
 */
package org.staticflow.runtime.interop;
