package org.staticflow.runtime.graph.interpreter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.kernels.Backends;
import org.staticflow.runtime.kernels.Kernels;
import org.staticflow.runtime.tensor.Tensor;

/**
 * How a graph is loaded. By default every node is loaded and must be supported; naming {@link #outputs}
 * loads only what those tensors need (given the {@link #feeds}), which is how a SavedModel's signature is
 * served from a graph that also holds training, parsing and saving nodes.
 */
public final class GraphOptions {
  private Kernels kernels = Backends.get();
  private final Map<String, Tensor> variables = new LinkedHashMap<>();
  private final Map<String, TensorSpec> feeds = new LinkedHashMap<>();
  private List<String> outputs = null;
  private long seed = 0x5EED;
  private OpRegistry registry = OpRegistry.standard();

  public static GraphOptions defaults() {
    return new GraphOptions();
  }

  /** The compute back end (default {@link Backends#get()}). */
  public GraphOptions kernels(Kernels kernels) {
    this.kernels = kernels;
    return this;
  }

  /** Values of the graph's variable nodes, by variable name (as restored from a checkpoint). */
  public GraphOptions variables(Map<String, ? extends Tensor> values) {
    variables.putAll(values);
    return this;
  }

  /**
   * Declares a tensor that every run feeds, with its expected spec: the nodes that only compute it are not
   * loaded, and consumers are checked against {@code spec}.
   */
  public GraphOptions feed(String tensorName, TensorSpec spec) {
    feeds.put(tensorName, spec);
    return this;
  }

  /** Loads only the nodes these tensors (or target nodes) need. */
  public GraphOptions outputs(List<String> tensorNames) {
    outputs = List.copyOf(tensorNames);
    return this;
  }

  /** The seed of random ops whose nodes set none. */
  public GraphOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The op registry (default {@link OpRegistry#standard()}), for adding custom kernels. */
  public GraphOptions registry(OpRegistry registry) {
    this.registry = registry;
    return this;
  }

  Kernels kernels() {
    return kernels;
  }

  Map<String, Tensor> variables() {
    return variables;
  }

  Map<String, TensorSpec> feeds() {
    return feeds;
  }

  List<String> outputs() {
    return outputs;
  }

  long seed() {
    return seed;
  }

  OpRegistry registry() {
    return registry;
  }
}
