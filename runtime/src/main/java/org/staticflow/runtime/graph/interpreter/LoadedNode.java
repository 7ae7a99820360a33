package org.staticflow.runtime.graph.interpreter;

import org.staticflow.runtime.graph.TensorName;
import org.staticflow.runtime.tensor.Tensor;

/**
 * One loaded node: its kernel, its resolved inputs and what load-time inference found.
 *
 * @param attrs the node definition
 * @param kernel its kernel
 * @param inputNodes for each data input, the index of the producing node in the loaded order, or
 *     {@code -1} when the input is a declared feed whose producer was not loaded
 * @param inputIndexes for each data input, the producer's output index
 * @param inputNames for each data input, its tensor name ({@code node:k}), parsed once here
 * @param controlInputs indexes of the nodes this one has control dependencies on
 * @param specs the output specs inferred at load time
 * @param folded the outputs computed at load time (all inputs constant), or {@code null}
 */
record LoadedNode(
    NodeAttrs attrs,
    OpKernel kernel,
    int[] inputNodes,
    int[] inputIndexes,
    TensorName[] inputNames,
    int[] controlInputs,
    TensorSpec[] specs,
    Tensor[] folded) {

  String name() {
    return attrs.name();
  }
}
