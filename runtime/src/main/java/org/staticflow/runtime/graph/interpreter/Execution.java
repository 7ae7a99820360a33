package org.staticflow.runtime.graph.interpreter;

import java.util.Arrays;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.InvalidGraphException;
import org.staticflow.runtime.tensor.Tensor;

/** Runs one kernel on given inputs, reusing output buffers whose dtype and shape still fit. */
final class Execution {
  private Execution() {}

  /**
   * Computes a node's outputs of the given specs.
   *
   * @param reuse the buffers of the previous run (same length as {@code specs}), or {@code null}
   * @return the outputs; for buffer-filling kernels these are {@code reuse}'s tensors where they fit
   */
  static Tensor[] computeNode(NodeAttrs node, OpKernel kernel, Tensor[] inputs, TensorSpec[] specs, Tensor[] reuse) {
    Tensor[] outputs = new Tensor[specs.length];
    if (!kernel.producesViews()) {
      for (int i = 0; i < specs.length; i++) {
        TensorSpec spec = specs[i];
        if (!spec.isFullyDefined()) {
          throw node.error("output " + i + " has no definite shape (" + spec + ") at run time");
        }
        Tensor old = reuse == null ? null : reuse[i];
        outputs[i] = old != null && old.dataType() == spec.dataType() && Arrays.equals(old.shape().dims(), spec.dims())
            ? old
            : Tensor.zeros(spec.dataType(), spec.shape());
      }
    }
    try {
      kernel.compute(inputs, outputs);
    } catch (InvalidGraphException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GraphException("node '" + node.name() + "' (" + node.op() + "): " + e.getMessage(), e);
    }
    for (int i = 0; i < outputs.length; i++) {
      if (outputs[i] == null) {
        throw new IllegalStateException("kernel of node '" + node.name() + "' (" + node.op() + ") left output " + i + " unset");
      }
    }
    return outputs;
  }
}
