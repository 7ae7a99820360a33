package org.staticflow.runtime.checkpoint;

import java.util.List;
import java.util.Map;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Named tensors that a {@link Saver} saves and restores: a model's variables. The tensors are live
 * storage: saving reads their current values, restoring overwrites their arrays in place (no tensor is
 * replaced), so a model that holds these tensors sees the restored values at once.
 *
 * <p>Implemented by the variable registry of compiled models; {@link #of(Map)} wraps a map.
 */
public interface VariableSet {

  /** The variable names, each once, e.g. {@code layer1/weights}. */
  List<String> names();

  /**
   * The tensor of variable {@code name}.
   *
   * @throws IllegalArgumentException if there is no such variable
   */
  Tensor tensor(String name);

  /**
   * The variables of {@code variables}, keyed by name, in the map's iteration order. The map is copied;
   * the tensors are not.
   */
  static VariableSet of(Map<String, ? extends Tensor> variables) {
    return new MapVariableSet(variables);
  }
}
