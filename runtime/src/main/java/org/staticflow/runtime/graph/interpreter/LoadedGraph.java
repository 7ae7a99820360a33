package org.staticflow.runtime.graph.interpreter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.runtime.graph.TensorName;
import org.staticflow.runtime.graph.io.GraphFiles;

/**
 * A TensorFlow {@code GraphDef} loaded for execution on Staticflow's kernels: ops resolved, inputs wired,
 * shapes inferred and constants folded once, here; {@link #newSession()} then runs it any number of times.
 * Immutable and safe to share; each thread runs its own {@link GraphSession}.
 *
 * <pre>{@code
 * LoadedGraph graph = LoadedGraph.read(Path.of("frozen.pb"));
 * try (GraphSession session = graph.newSession()) {
 *   Tensor logits = session.run(Map.of("x:0", images), List.of("logits:0")).get(0);
 * }
 * }</pre>
 */
public final class LoadedGraph {
  /** A node as TensorFlow lists it. */
  public record Node(String name, String op, List<String> inputs) {
    /** {@code name op}, as the TF1 tutorials print {@code graph.get_operations()}. */
    @Override
    public String toString() {
      return name + " " + op;
    }
  }

  private final List<NodeDef> allNodes;
  private final List<LoadedNode> loaded;
  private final Map<String, Integer> position;
  private final Map<TensorName, TensorSpec> feedSpecs;

  LoadedGraph(List<NodeDef> allNodes, List<LoadedNode> loaded, Map<String, Integer> position,
      Map<TensorName, TensorSpec> feedSpecs) {
    this.allNodes = allNodes;
    this.loaded = List.copyOf(loaded);
    this.position = Map.copyOf(position);
    this.feedSpecs = Map.copyOf(feedSpecs);
  }

  /** Loads every node of {@code graph} with the default options. */
  public static LoadedGraph load(GraphDef graph) {
    return load(graph, GraphOptions.defaults());
  }

  /**
   * Loads {@code graph}.
   *
   * @throws org.staticflow.runtime.graph.UnsupportedOpsException listing every node whose op has no kernel
   * @throws org.staticflow.runtime.graph.InvalidGraphException for a missing input, a cycle, a bad
   *     attribute, or shapes and dtypes that do not fit an op
   */
  public static LoadedGraph load(GraphDef graph, GraphOptions options) {
    return new GraphLoader(graph, options).load();
  }

  /** Reads a frozen graph ({@code .pb} or {@code .pbtxt}) and loads it. */
  public static LoadedGraph read(Path file) throws IOException {
    return load(GraphFiles.readGraphDef(file));
  }

  /** Every node of the graph definition, in file order, loaded or not. */
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>(allNodes.size());
    for (NodeDef def : allNodes) {
      nodes.add(new Node(def.getName(), def.getOp(), List.copyOf(def.getInputList())));
    }
    return Collections.unmodifiableList(nodes);
  }

  /** Whether the node was loaded (all are, unless the options named outputs). */
  public boolean isLoaded(String node) {
    return position.containsKey(node);
  }

  /**
   * The spec load-time inference found for a tensor ({@code node:k}), or for a declared feed its declared
   * spec.
   *
   * @throws IllegalArgumentException if the tensor is not part of the loaded graph
   */
  public TensorSpec spec(String tensorName) {
    TensorName name = TensorName.parse(tensorName);
    TensorSpec declared = feedSpecs.get(name);
    if (declared != null) {
      return declared;
    }
    Integer index = position.get(name.node());
    if (index == null || name.index() >= loaded.get(index).specs().length) {
      throw new IllegalArgumentException("no tensor '" + tensorName + "' in the loaded graph");
    }
    return loaded.get(index).specs()[name.index()];
  }

  /** A new session with its own buffers. */
  public GraphSession newSession() {
    return new GraphSession(this);
  }

  List<LoadedNode> loaded() {
    return loaded;
  }

  Integer position(String node) {
    return position.get(node);
  }

  Map<TensorName, TensorSpec> feedSpecs() {
    return feedSpecs;
  }

  boolean hasNode(String node) {
    for (NodeDef def : allNodes) {
      if (def.getName().equals(node)) {
        return true;
      }
    }
    return false;
  }
}
