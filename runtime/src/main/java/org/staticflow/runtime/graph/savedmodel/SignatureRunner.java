package org.staticflow.runtime.graph.savedmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.interpreter.GraphSession;
import org.staticflow.runtime.graph.interpreter.LoadedGraph;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Runs one signature by its argument keys ({@code x} → {@code y}), as TensorFlow Serving's predict call.
 * Not thread-safe (it holds a {@link GraphSession}).
 */
public final class SignatureRunner {
  private final Signature signature;
  private final LoadedGraph graph;
  private final GraphSession session;

  SignatureRunner(Signature signature, LoadedGraph graph) {
    this.signature = signature;
    this.graph = graph;
    this.session = graph.newSession();
  }

  public Signature signature() {
    return signature;
  }

  public LoadedGraph graph() {
    return graph;
  }

  /**
   * Feeds the inputs by key and returns every output by key.
   *
   * @throws GraphException for a missing or unknown input key, or a value that does not fit
   */
  public Map<String, Tensor> run(Map<String, ? extends Tensor> inputs) {
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    for (String key : inputs.keySet()) {
      if (!signature.inputs().containsKey(key)) {
        throw new GraphException("signature '" + signature.name() + "' has no input '" + key + "' (inputs: "
            + String.join(", ", signature.inputs().keySet()) + ")");
      }
    }
    signature.inputs().forEach((key, binding) -> {
      Tensor value = inputs.get(key);
      if (value == null) {
        throw new GraphException("signature '" + signature.name() + "': input '" + key + "' (" + binding.spec() + ") is missing");
      }
      feeds.put(binding.tensorName(), value);
    });
    List<String> keys = new ArrayList<>(signature.outputs().keySet());
    List<Tensor> values = session.run(feeds, keys.stream().map(k -> signature.outputs().get(k).tensorName()).toList());
    Map<String, Tensor> outputs = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      outputs.put(keys.get(i), values.get(i));
    }
    return outputs;
  }
}
