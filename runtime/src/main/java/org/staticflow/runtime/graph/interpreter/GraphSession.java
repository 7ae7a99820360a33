package org.staticflow.runtime.graph.interpreter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.TensorName;
import org.staticflow.runtime.graph.Tensors;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Runs a {@link LoadedGraph} with feeds and fetches, as TensorFlow's {@code Session.run}: only the nodes
 * the fetches need are executed, any tensor may be fed (which cuts off what computes it), constant
 * subgraphs are not recomputed, and each node's output buffers are reused from run to run while their
 * shapes stay the same. Not thread-safe: use one session per thread.
 */
public final class GraphSession implements AutoCloseable {
  private final LoadedGraph graph;
  private final List<LoadedNode> nodes;
  private final Tensor[][] buffers;
  private final Map<String, Plan> plans = new HashMap<>();

  /** The nodes one combination of feeds and fetches executes, and which of them see a fed value. */
  private record Plan(int[] order, boolean[] tainted) {}

  GraphSession(LoadedGraph graph) {
    this.graph = graph;
    this.nodes = graph.loaded();
    this.buffers = new Tensor[nodes.size()][];
  }

  /** {@link #run(Map, List)} with one fetch. */
  public Tensor run(Map<String, ? extends Tensor> feeds, String fetch) {
    return run(feeds, List.of(fetch)).get(0);
  }

  /**
   * Feeds tensors by name ({@code node} or {@code node:k}) and returns the fetched tensors, in order. The
   * results are copies: they stay valid after later runs.
   *
   * @throws GraphException if a name is unknown, a feed does not fit its tensor's dtype or shape, a needed
   *     placeholder is not fed, or an op fails on the values (the message names the node)
   */
  public List<Tensor> run(Map<String, ? extends Tensor> feeds, List<String> fetches) {
    Map<TensorName, Tensor> fed = new LinkedHashMap<>();
    feeds.forEach((name, tensor) -> fed.put(checkFeed(name, tensor), tensor));
    List<TensorName> wanted = new ArrayList<>();
    for (String fetch : fetches) {
      wanted.add(checkFetch(fetch));
    }
    Plan plan = plans.computeIfAbsent(key(fed, wanted), k -> plan(fed, wanted));
    Tensor[][] values = new Tensor[nodes.size()][];
    for (int index : plan.order()) {
      LoadedNode node = nodes.get(index);
      if (node.folded() != null && !plan.tainted()[index]) {
        values[index] = node.folded();
        continue;
      }
      Tensor[] inputs = new Tensor[node.inputNodes().length];
      TensorSpec[] specs = new TensorSpec[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        TensorName name = node.inputNames()[i];
        Tensor value = fed.get(name);
        if (value == null) {
          int producer = node.inputNodes()[i];
          if (producer < 0) {
            throw new GraphException("tensor '" + name + "' (input of node '" + node.name() + "') must be fed");
          }
          value = values[producer][name.index()];
        }
        inputs[i] = value;
        specs[i] = TensorSpec.of(value);
      }
      TensorSpec[] outSpecs;
      try {
        outSpecs = node.kernel().infer(new InferenceContext(node.attrs(), specs, inputs));
      } catch (GraphException e) {
        throw e;
      } catch (RuntimeException e) {
        throw node.attrs().error(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      Tensor[] outputs = Execution.computeNode(node.attrs(), node.kernel(), inputs, outSpecs, buffers[index]);
      if (!node.kernel().producesViews()) {
        buffers[index] = outputs;
      }
      values[index] = outputs;
    }
    List<Tensor> results = new ArrayList<>(wanted.size());
    for (TensorName name : wanted) {
      Tensor value = fed.containsKey(name) ? fed.get(name) : values[graph.position(name.node())][name.index()];
      results.add(Tensors.copy(value));
    }
    return results;
  }

  /** Releases the buffers (a later run allocates them again). */
  @Override
  public void close() {
    java.util.Arrays.fill(buffers, null);
    plans.clear();
  }

  private TensorName checkFeed(String text, Tensor tensor) {
    TensorName name = parse(text, "feed");
    TensorSpec expected = graph.feedSpecs().get(name);
    if (expected == null) {
      Integer index = graph.position(name.node());
      if (index == null) {
        if (!graph.hasNode(name.node())) {
          throw new GraphException("feed '" + text + "' names no node of the graph");
        }
        return name; // a node that was not loaded: nothing loaded reads it unless declared
      }
      TensorSpec[] specs = nodes.get(index).specs();
      if (name.index() >= specs.length) {
        throw new GraphException("feed '" + text + "': node '" + name.node() + "' has " + specs.length + " outputs");
      }
      expected = specs[name.index()];
    }
    if (!expected.accepts(TensorSpec.of(tensor))) {
      throw new GraphException("feed '" + text + "': expected " + expected + ", got " + TensorSpec.of(tensor));
    }
    return name;
  }

  private TensorName checkFetch(String text) {
    TensorName name = parse(text, "fetch");
    Integer index = graph.position(name.node());
    if (index == null) {
      if (graph.feedSpecs().containsKey(name)) {
        return name;
      }
      throw new GraphException(graph.hasNode(name.node())
          ? "fetch '" + text + "': node '" + name.node() + "' was not loaded (load the graph with it among the outputs)"
          : "fetch '" + text + "' names no node of the graph");
    }
    int outputs = nodes.get(index).specs().length;
    if (name.index() >= outputs) {
      throw new GraphException("fetch '" + text + "': node '" + name.node() + "' (" + nodes.get(index).attrs().op()
          + ") has " + outputs + " output" + (outputs == 1 ? "" : "s"));
    }
    return name;
  }

  private static TensorName parse(String text, String what) {
    TensorName name;
    try {
      name = TensorName.parse(text);
    } catch (IllegalArgumentException e) {
      throw new GraphException(what + " '" + text + "': " + e.getMessage());
    }
    if (name.control()) {
      throw new GraphException(what + " '" + text + "': a tensor name, not a control input, is expected");
    }
    return name;
  }

  private static String key(Map<TensorName, Tensor> fed, List<TensorName> wanted) {
    return new TreeSet<>(fed.keySet().stream().map(TensorName::toString).toList()) + "->" + wanted;
  }

  /** The ancestors of the fetches (stopping at fed tensors) in load order, and which see a feed. */
  private Plan plan(Map<TensorName, Tensor> fed, List<TensorName> wanted) {
    boolean[] needed = new boolean[nodes.size()];
    ArrayList<Integer> work = new ArrayList<>();
    for (TensorName name : wanted) {
      if (!fed.containsKey(name)) {
        Integer index = graph.position(name.node());
        if (index != null && !needed[index]) {
          needed[index] = true;
          work.add(index);
        }
      }
    }
    while (!work.isEmpty()) {
      LoadedNode node = nodes.get(work.remove(work.size() - 1));
      for (int i = 0; i < node.inputNodes().length; i++) {
        int producer = node.inputNodes()[i];
        if (producer >= 0 && !fed.containsKey(node.inputNames()[i]) && !needed[producer]) {
          needed[producer] = true;
          work.add(producer);
        }
      }
      for (int producer : node.controlInputs()) {
        if (!needed[producer]) {
          needed[producer] = true;
          work.add(producer);
        }
      }
    }
    boolean[] tainted = new boolean[nodes.size()];
    List<Integer> order = new ArrayList<>();
    for (int index = 0; index < nodes.size(); index++) {
      if (!needed[index]) {
        continue;
      }
      order.add(index);
      LoadedNode node = nodes.get(index);
      for (int i = 0; i < node.inputNodes().length; i++) {
        int producer = node.inputNodes()[i];
        tainted[index] |= fed.containsKey(node.inputNames()[i]) || producer < 0 || tainted[producer];
      }
    }
    return new Plan(order.stream().mapToInt(Integer::intValue).toArray(), tainted);
  }
}
