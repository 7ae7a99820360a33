package org.staticflow.runtime.graph.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.proto.SavedModel;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.UnsupportedOpsException;
import org.staticflow.runtime.graph.VariableNodes;
import org.staticflow.runtime.graph.interpreter.GraphOptions;
import org.staticflow.runtime.graph.interpreter.LoadedGraph;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.tensor.Tensor;

/**
 * A graph with its variable values: a TF1 SavedModel directory ({@code saved_model.pb} + {@code variables/})
 * or a {@code .meta} file plus its checkpoint. Variables are restored through {@link CheckpointReader};
 * signatures are loaded on demand, each with only the nodes it needs, so parsing, saving and training
 * nodes elsewhere in the graph do not have to be supported.
 */
public final class ModelBundle {
  private final String source;
  private final MetaGraphDef metaGraph;
  private final Map<String, Tensor> variables;
  private final Map<String, Signature> signatures;
  /** Signatures that cannot be described with Staticflow's types (e.g. an init op's dtype-less output). */
  private final Map<String, String> invalidSignatures = new TreeMap<>();

  private ModelBundle(String source, MetaGraphDef metaGraph, Map<String, Tensor> variables) {
    this.source = source;
    this.metaGraph = metaGraph;
    this.variables = Map.copyOf(variables);
    Map<String, Signature> sigs = new TreeMap<>();
    metaGraph.getSignatureDefMap().forEach((name, def) -> {
      try {
        sigs.put(name, Signature.of(name, def));
      } catch (IllegalArgumentException | GraphException e) {
        invalidSignatures.put(name, e.getMessage());
      }
    });
    this.signatures = sigs;
  }

  /**
   * Loads the meta graph tagged with all of {@code tags} (default {@code serve}) from a SavedModel
   * directory, and its variables from {@code variables/variables}.
   *
   * @throws GraphException if there is no {@code saved_model.pb}, no meta graph with those tags, or the
   *     variables cannot be read (the cause says why)
   */
  public static ModelBundle loadSavedModel(Path directory, String... tags) throws IOException {
    Path file = savedModelFile(directory);
    MetaGraphDef meta = readMetaGraph(directory, tags);
    Path prefix = directory.resolve("variables").resolve("variables");
    Map<String, Tensor> values = Files.exists(prefix.resolveSibling("variables.index"))
        ? readVariables(file, meta.getGraphDef(), prefix)
        : Map.of();
    return new ModelBundle(file.toString(), meta, values);
  }

  /**
   * The meta graph tagged with all of {@code tags} (default {@code serve}) of a SavedModel directory,
   * without reading its variables.
   */
  public static MetaGraphDef readMetaGraph(Path directory, String... tags) throws IOException {
    String[] wanted = tags.length == 0 ? new String[] {"serve"} : tags;
    Path file = savedModelFile(directory);
    SavedModel savedModel = GraphFiles.readSavedModel(file);
    List<String> available = new ArrayList<>();
    for (MetaGraphDef meta : savedModel.getMetaGraphsList()) {
      List<String> have = meta.getMetaInfoDef().getTagsList();
      available.add(have.toString());
      if (have.containsAll(Arrays.asList(wanted))) {
        return meta;
      }
    }
    throw new GraphException(file + ": no meta graph tagged " + Arrays.toString(wanted) + " (available: "
        + (available.isEmpty() ? "none" : String.join(", ", available)) + ")");
  }

  private static Path savedModelFile(Path directory) {
    Path binary = directory.resolve("saved_model.pb");
    Path text = directory.resolve("saved_model.pbtxt");
    Path file = Files.isRegularFile(binary) ? binary : text;
    if (!Files.isRegularFile(file)) {
      throw new GraphException(directory + ": not a SavedModel directory (no saved_model.pb or saved_model.pbtxt)");
    }
    return file;
  }

  /** Loads a {@code .meta} graph and restores its variables from the checkpoint at {@code checkpoint}. */
  public static ModelBundle loadMetaGraph(Path metaFile, Path checkpoint) throws IOException {
    MetaGraphDef meta = GraphFiles.readMetaGraphDef(metaFile);
    return new ModelBundle(metaFile.toString(), meta, readVariables(metaFile, meta.getGraphDef(), checkpoint));
  }

  /**
   * Reads the value of every variable node of {@code graph} that the checkpoint holds (keyed by the
   * variable's name, as TF1's Saver saves it).
   */
  static Map<String, Tensor> readVariables(Path graphFile, GraphDef graph, Path checkpoint) throws IOException {
    Map<String, Tensor> values = new LinkedHashMap<>();
    try (CheckpointReader reader = CheckpointReader.open(checkpoint)) {
      for (NodeDef node : graph.getNodeList()) {
        if (VariableNodes.isVariable(node)) {
          String key = VariableNodes.checkpointKey(node);
          if (reader.hasTensor(key)) {
            values.put(key, reader.getTensor(key));
          }
        }
      }
    } catch (IOException e) {
      throw new GraphException(graphFile + ": cannot restore the variables from " + checkpoint + ": " + e.getMessage(), e);
    }
    return values;
  }

  /** The file the graph came from. */
  public String source() {
    return source;
  }

  public MetaGraphDef metaGraph() {
    return metaGraph;
  }

  public GraphDef graphDef() {
    return metaGraph.getGraphDef();
  }

  /** The restored variable values by name. */
  public Map<String, Tensor> variables() {
    return variables;
  }

  /** The signatures by key, sorted (those whose arguments Staticflow cannot represent are left out). */
  public Map<String, Signature> signatures() {
    return signatures;
  }

  /**
   * Loads what {@code outputs} need when {@code feeds} are fed (specs as declared), with the variables.
   *
   * @throws UnsupportedOpsException if a needed node has no kernel
   */
  public LoadedGraph load(Map<String, org.staticflow.runtime.graph.interpreter.TensorSpec> feeds, List<String> outputs) {
    GraphOptions options = GraphOptions.defaults().variables(variables).outputs(outputs);
    feeds.forEach(options::feed);
    return LoadedGraph.load(graphDef(), options);
  }

  /**
   * A runner for the signature {@code name}.
   *
   * @throws GraphException if there is no such signature (the message lists those there are), or it
   *     needs unsupported ops; a TensorFlow 2 signature (a call of a graph function) is named as such
   */
  public SignatureRunner signature(String name) {
    Signature signature = signatures.get(name);
    if (invalidSignatures.containsKey(name)) {
      throw new GraphException(source + ": signature '" + name + "' cannot be run: " + invalidSignatures.get(name));
    }
    if (signature == null) {
      java.util.Set<String> names = new java.util.TreeSet<>(signatures.keySet());
      names.addAll(invalidSignatures.keySet());
      throw new GraphException(source + ": no signature '" + name + "' (available: "
          + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
    }
    Map<String, org.staticflow.runtime.graph.interpreter.TensorSpec> feeds = new LinkedHashMap<>();
    signature.inputs().values().forEach(b -> feeds.put(b.tensorName(), b.spec()));
    List<String> outputs = signature.outputs().values().stream().map(Signature.Binding::tensorName).toList();
    try {
      return new SignatureRunner(signature, load(feeds, outputs));
    } catch (UnsupportedOpsException e) {
      boolean functions = e.offenders().stream().anyMatch(o -> o.op().endsWith("PartitionedCall"));
      if (functions) {
        throw new GraphException(source + ": signature '" + name + "' calls TensorFlow 2 graph functions ("
            + e.getMessage() + "); only TensorFlow 1 graphs are supported", e);
      }
      throw new GraphException(source + ": signature '" + name + "': " + e.getMessage(), e);
    }
  }
}
