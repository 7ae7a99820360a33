package org.staticflow.runtime.graph.interpreter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.InvalidGraphException;
import org.staticflow.runtime.graph.TensorName;
import org.staticflow.runtime.graph.UnsupportedOpsException;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Turns a {@code GraphDef} into {@link LoadedNode}s: resolves inputs, selects the nodes the requested
 * outputs need, orders them topologically, rejects unsupported ops (all at once), creates kernels,
 * infers every output spec and folds constant subgraphs.
 */
final class GraphLoader {
  private final GraphDef graph;
  private final GraphOptions options;
  private final Map<String, Integer> byName = new HashMap<>();
  private final Set<TensorName> declaredFeeds = new HashSet<>();

  GraphLoader(GraphDef graph, GraphOptions options) {
    this.graph = graph;
    this.options = options;
    for (String feed : options.feeds().keySet()) {
      declaredFeeds.add(TensorName.parse(feed));
    }
  }

  LoadedGraph load() {
    List<NodeDef> nodes = graph.getNodeList();
    for (int i = 0; i < nodes.size(); i++) {
      if (byName.put(nodes.get(i).getName(), i) != null) {
        throw new InvalidGraphException("two nodes are named '" + nodes.get(i).getName() + "'");
      }
    }
    BitSet selected = select(nodes);
    List<Integer> order = topologicalOrder(nodes, selected);
    checkSupported(nodes, order);
    LoadContext context = new LoadContext(options.kernels(), options.variables(), options.seed(), producer(graph));
    Map<String, Integer> position = new LinkedHashMap<>();
    List<LoadedNode> loaded = new ArrayList<>(order.size());
    for (int original : order) {
      NodeDef def = nodes.get(original);
      NodeAttrs attrs = new NodeAttrs(def);
      LoadedNode node;
      try {
        OpKernel kernel = options.registry().factory(def.getOp()).orElseThrow().create(attrs, context);
        node = resolve(attrs, kernel, position, loaded);
      } catch (GraphException e) {
        throw e;
      } catch (RuntimeException e) {
        // A kernel's arithmetic on bad attributes or shapes (an int overflow, say): still the node's fault.
        throw attrs.error(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      position.put(def.getName(), loaded.size());
      loaded.add(node);
    }
    Map<TensorName, TensorSpec> feedSpecs = new LinkedHashMap<>();
    options.feeds().forEach((name, spec) -> feedSpecs.put(TensorName.parse(name), spec));
    return new LoadedGraph(nodes, loaded, position, feedSpecs);
  }

  /** The graph's producer version; graphs older than {@code versions} (2016) only set the deprecated field. */
  @SuppressWarnings("deprecation")
  private static int producer(GraphDef graph) {
    return graph.hasVersions() ? graph.getVersions().getProducer() : graph.getVersion();
  }

  /** The nodes to load: all, or the ancestors of the requested outputs, stopping at declared feeds. */
  private BitSet select(List<NodeDef> nodes) {
    BitSet selected = new BitSet(nodes.size());
    if (options.outputs() == null) {
      selected.set(0, nodes.size());
      return selected;
    }
    Deque<Integer> work = new ArrayDeque<>();
    for (String output : options.outputs()) {
      TensorName name = TensorName.parse(output);
      Integer index = byName.get(name.node());
      if (index == null) {
        throw new GraphException("output '" + output + "' names no node of the graph");
      }
      if (!declaredFeeds.contains(name) && !selected.get(index)) {
        selected.set(index);
        work.push(index);
      }
    }
    while (!work.isEmpty()) {
      NodeDef node = nodes.get(work.pop());
      for (String input : node.getInputList()) {
        TensorName name = TensorName.parse(input);
        if (!name.control() && declaredFeeds.contains(name)) {
          continue;
        }
        Integer index = byName.get(name.node());
        if (index == null) {
          throw missingInput(node, input);
        }
        if (!selected.get(index)) {
          selected.set(index);
          work.push(index);
        }
      }
    }
    return selected;
  }

  private List<Integer> topologicalOrder(List<NodeDef> nodes, BitSet selected) {
    Map<Integer, List<Integer>> consumers = new HashMap<>();
    int[] pending = new int[nodes.size()];
    for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
      NodeDef node = nodes.get(i);
      for (String input : node.getInputList()) {
        TensorName name = TensorName.parse(input);
        if (!name.control() && declaredFeeds.contains(name) && !selected.get(indexOf(node, input))) {
          continue;
        }
        int producer = indexOf(node, input);
        if (!selected.get(producer)) {
          continue;
        }
        pending[i]++;
        consumers.computeIfAbsent(producer, k -> new ArrayList<>()).add(i);
      }
    }
    List<Integer> order = new ArrayList<>();
    // Smallest file position first: the order stays the file's wherever dependencies allow.
    java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
    for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    while (!ready.isEmpty()) {
      int next = ready.poll();
      order.add(next);
      for (int consumer : consumers.getOrDefault(next, List.of())) {
        if (--pending[consumer] == 0) {
          ready.add(consumer);
        }
      }
    }
    if (order.size() != selected.cardinality()) {
      List<String> stuck = new ArrayList<>();
      for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
        if (pending[i] > 0 && stuck.size() < 10) {
          stuck.add(nodes.get(i).getName() + " (" + nodes.get(i).getOp() + ")");
        }
      }
      throw new InvalidGraphException("the graph has a cycle (control flow loops are not supported); nodes on or after it: "
          + String.join(", ", stuck));
    }
    return order;
  }

  private void checkSupported(List<NodeDef> nodes, List<Integer> order) {
    List<UnsupportedOpsException.Offender> offenders = new ArrayList<>();
    for (int index : order.stream().sorted().toList()) {
      NodeDef node = nodes.get(index);
      if (options.registry().factory(node.getOp()).isEmpty()) {
        offenders.add(new UnsupportedOpsException.Offender(node.getName(), node.getOp()));
      }
    }
    if (!offenders.isEmpty()) {
      throw new UnsupportedOpsException(offenders);
    }
  }

  /** Resolves inputs against the nodes loaded so far, infers the specs, and folds constants. */
  private LoadedNode resolve(NodeAttrs attrs, OpKernel kernel, Map<String, Integer> position, List<LoadedNode> loaded) {
    NodeDef def = attrs.def();
    List<Integer> dataNodes = new ArrayList<>();
    List<Integer> dataIndexes = new ArrayList<>();
    List<TensorName> dataNames = new ArrayList<>();
    List<Integer> controls = new ArrayList<>();
    for (String input : def.getInputList()) {
      TensorName name = TensorName.parse(input);
      Integer producer = position.get(name.node());
      if (name.control()) {
        if (producer != null) {
          controls.add(producer);
        }
        continue;
      }
      if (!controls.isEmpty()) {
        throw attrs.error("data input '" + input + "' comes after a control input");
      }
      dataNodes.add(producer == null ? -1 : producer);
      dataIndexes.add(name.index());
      dataNames.add(name);
    }
    int n = dataNodes.size();
    TensorSpec[] inputSpecs = new TensorSpec[n];
    Tensor[] values = new Tensor[n];
    boolean allConstant = true;
    for (int i = 0; i < n; i++) {
      TensorName name = dataNames.get(i);
      TensorSpec declared = options.feeds().get(name.toString());
      if (declared == null && name.index() == 0) {
        declared = options.feeds().get(name.node());
      }
      if (declared != null) {
        inputSpecs[i] = declared;
        allConstant = false;
        continue;
      }
      LoadedNode producer = loaded.get(dataNodes.get(i));
      if (name.index() >= producer.specs().length) {
        throw attrs.error("input '" + dataNames.get(i) + "': node '" + producer.name() + "' has "
            + producer.specs().length + " output" + (producer.specs().length == 1 ? "" : "s"));
      }
      inputSpecs[i] = producer.specs()[name.index()];
      values[i] = producer.folded() == null ? null : producer.folded()[name.index()];
      allConstant &= values[i] != null;
    }
    TensorSpec[] specs = kernel.infer(new InferenceContext(attrs, inputSpecs, values));
    Tensor[] folded = null;
    if (allConstant && kernel.isPure()) {
      folded = Execution.computeNode(attrs, kernel, values, specs, null);
      for (int i = 0; i < specs.length; i++) {
        specs[i] = TensorSpec.of(folded[i]);
      }
    }
    return new LoadedNode(attrs, kernel, dataNodes.stream().mapToInt(Integer::intValue).toArray(),
        dataIndexes.stream().mapToInt(Integer::intValue).toArray(), dataNames.toArray(TensorName[]::new),
        controls.stream().mapToInt(Integer::intValue).toArray(), specs, folded);
  }

  private int indexOf(NodeDef node, String input) {
    Integer index = byName.get(TensorName.parse(input).node());
    if (index == null) {
      throw missingInput(node, input);
    }
    return index;
  }

  private static InvalidGraphException missingInput(NodeDef node, String input) {
    return InvalidGraphException.atNode(node.getName(), node.getOp(), "input '" + input + "' names no node of the graph");
  }
}
