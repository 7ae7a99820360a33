/**
 * Graph and tensor files: {@link org.staticflow.runtime.graph.io.GraphFiles} (binary or text protobuf),
 * {@link org.staticflow.runtime.graph.io.NpyFormat} (NumPy {@code .npy}) and
 * {@link org.staticflow.runtime.graph.io.TensorJson}.
 */
package org.staticflow.runtime.graph.io;
