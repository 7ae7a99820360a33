package org.staticflow.runtime.graph.interpreter;

import java.util.Map;
import org.staticflow.runtime.kernels.Kernels;
import org.staticflow.runtime.tensor.Tensor;

/**
 * What kernels may need beyond their node: the compute back end, variable values (for graphs that still
 * hold {@code VariableV2} or {@code VarHandleOp} nodes, as SavedModels do), and the graph-level random seed.
 *
 * @param kernels the back end that runs the arithmetic
 * @param variables variable values by variable name (the checkpoint key)
 * @param seed the seed random ops use when their node sets none
 * @param producer the graph's {@code versions.producer}: before 22 an empty {@code Placeholder} shape meant
 *     "unknown", not "scalar"
 */
public record LoadContext(Kernels kernels, Map<String, Tensor> variables, long seed, int producer) {
  public LoadContext {
    variables = Map.copyOf(variables);
  }
}
