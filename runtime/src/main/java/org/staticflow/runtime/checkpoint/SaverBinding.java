package org.staticflow.runtime.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.staticflow.runtime.tensor.Tensor;

/**
 * One entry of a saver's variable list: the variable {@code variableName}, whose storage is
 * {@code tensor}, is saved under and restored from {@code checkpointKey}.
 */
record SaverBinding(String checkpointKey, String variableName, Tensor tensor) {

  /** "variable d" or, when the key differs, "variable d (checkpoint key a)", for error messages. */
  String describe() {
    return checkpointKey.equals(variableName)
        ? "variable " + variableName
        : "variable " + variableName + " (checkpoint key " + checkpointKey + ")";
  }

  /**
   * The variable list of a saver: the variables of {@code variables} (only those in {@code only}, unless it
   * is null), each keyed by {@code explicitKeys} or else {@code keyFunction}, sorted by the UTF-8 bytes of
   * their keys, the order in which TensorFlow's Saver writes tensors.
   *
   * @throws IllegalArgumentException if a named variable does not exist, a key is empty or starts with
   *     byte 0, two variables share a key, or no variable is left
   */
  static List<SaverBinding> resolve(
      VariableSet variables, Set<String> only, Map<String, String> explicitKeys, UnaryOperator<String> keyFunction) {
    List<String> names = variables.names();
    if (only != null) {
      for (String name : only) {
        variables.tensor(name); // throws, naming the unknown variable
      }
    }
    for (String name : explicitKeys.keySet()) {
      if (!names.contains(name) || (only != null && !only.contains(name))) {
        throw new IllegalArgumentException(
            "checkpointKey given for " + name + ", which is not a variable of this saver");
      }
    }
    Map<String, String> variableOfKey = new HashMap<>();
    List<SaverBinding> bindings = new ArrayList<>();
    for (String name : names) {
      if (only != null && !only.contains(name)) {
        continue;
      }
      String key = explicitKeys.containsKey(name) ? explicitKeys.get(name) : keyFunction.apply(name);
      if (key == null || key.isEmpty() || key.charAt(0) == '\0') {
        throw new IllegalArgumentException(
            "variable " + name + " has checkpoint key '" + key
                + "'; keys must be non-empty and must not start with byte 0");
      }
      String previous = variableOfKey.putIfAbsent(key, name);
      if (previous != null) {
        throw new IllegalArgumentException(
            "variables " + previous + " and " + name + " would both be saved as checkpoint key " + key);
      }
      bindings.add(new SaverBinding(key, name, variables.tensor(name)));
    }
    if (bindings.isEmpty()) {
      throw new IllegalArgumentException("No variables to save");
    }
    bindings.sort(
        Comparator.comparing(b -> b.checkpointKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    return List.copyOf(bindings);
  }
}
