package org.staticflow.runtime.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.staticflow.runtime.tensor.Tensor;

/** {@link VariableSet#of(Map)}: an immutable copy of a name-to-tensor map. */
final class MapVariableSet implements VariableSet {
  private final Map<String, Tensor> variables = new LinkedHashMap<>();
  private final List<String> names;

  MapVariableSet(Map<String, ? extends Tensor> source) {
    source.forEach(
        (name, tensor) ->
            variables.put(
                Objects.requireNonNull(name, "variable name"),
                Objects.requireNonNull(tensor, () -> "tensor of variable " + name)));
    names = List.copyOf(variables.keySet());
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public Tensor tensor(String name) {
    Tensor tensor = variables.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("no variable named " + name + "; known: " + names);
    }
    return tensor;
  }
}
