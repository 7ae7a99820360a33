package org.staticflow.runtime.cli;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;

/**
 * The renames of {@code ckpt rename}, parsed from {@code OLD=NEW} arguments (split at the first
 * {@code =}; TensorFlow variable names contain none) and resolved against a checkpoint's keys.
 *
 * <p>An {@code OLD} that ends with {@code /} is a scope: every key that starts with it gets {@code NEW}
 * (a scope too, ending with {@code /}, or empty to drop the scope) in its place, so
 * {@code model/=net/} renames {@code model/dense/kernel} to {@code net/dense/kernel}. A key named
 * exactly takes precedence over a scope, and a longer scope over a shorter one.
 */
final class RenameMapping {
  /** No renames: every tensor keeps its name. */
  static final RenameMapping NONE = new RenameMapping(Map.of(), Map.of());

  private final Map<String, String> keys;
  private final Map<String, String> scopes;

  private RenameMapping(Map<String, String> keys, Map<String, String> scopes) {
    this.keys = keys;
    this.scopes = scopes;
  }

  /**
   * Parses {@code OLD=NEW} pairs.
   *
   * @throws IllegalArgumentException for a pair without {@code =}, an empty name, a scope renamed to
   *     something that is not a scope, a new name starting with a NUL byte, or an old name given twice
   */
  static RenameMapping parse(List<String> pairs) {
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, String> scopes = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("rename '" + pair + "' is not of the form OLD=NEW");
      }
      String from = pair.substring(0, eq);
      String to = pair.substring(eq + 1);
      boolean scope = from.endsWith("/");
      if (from.isEmpty() || (to.isEmpty() && !scope)) {
        throw new IllegalArgumentException("rename '" + pair + "' has an empty name");
      }
      if (scope && !to.isEmpty() && !to.endsWith("/")) {
        throw new IllegalArgumentException(
            "rename '" + pair + "' renames scope " + from + " but " + to + " is not a scope (end it with /)");
      }
      if (!to.isEmpty() && to.charAt(0) == '\0') {
        throw new IllegalArgumentException("new name in '" + pair + "' starts with a NUL byte, reserved by TensorFlow");
      }
      if ((scope ? scopes : keys).putIfAbsent(from, to) != null) {
        throw new IllegalArgumentException("'" + from + "' is renamed twice");
      }
    }
    return new RenameMapping(keys, scopes);
  }

  /**
   * The new name of every key of {@code checkpoint} that changes name, after checking that every old
   * name and scope is there and that no two tensors end up with the same name (swaps such as
   * {@code a=b b=a} are fine).
   *
   * @return old key to new key, for the renamed keys only, in the order of {@code keys}
   * @throws CheckpointKeyNotFoundException naming the first old name that is not a key
   * @throws CheckpointException naming a scope without tensors, or the name two tensors would share
   */
  Map<String, String> resolve(Collection<String> keys, String checkpoint) throws CheckpointException {
    Set<String> existing = new HashSet<>(keys);
    for (String from : this.keys.keySet()) {
      if (!existing.contains(from)) {
        throw new CheckpointKeyNotFoundException(from, checkpoint);
      }
    }
    for (String scope : scopes.keySet()) {
      if (keys.stream().noneMatch(key -> key.startsWith(scope))) {
        throw new CheckpointException("no tensor in scope " + scope + " in checkpoint " + checkpoint);
      }
    }
    Map<String, String> renamed = new LinkedHashMap<>();
    Map<String, String> owners = new LinkedHashMap<>();
    for (String key : keys) {
      String name = newName(key);
      if (!name.equals(key)) {
        renamed.put(key, name);
      }
      String previous = owners.putIfAbsent(name, key);
      if (previous != null) {
        String moved = renamed.containsKey(key) ? key : previous;
        String other = moved.equals(key) ? previous : key;
        throw new CheckpointException(
            "cannot rename " + moved + " to " + name + ": tensor " + other + " in checkpoint " + checkpoint
                + " would have the same name");
      }
    }
    return renamed;
  }

  private String newName(String key) {
    String exact = keys.get(key);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String scope : scopes.keySet()) {
      if (key.startsWith(scope) && (best == null || scope.length() > best.length())) {
        best = scope;
      }
    }
    return best == null ? key : scopes.get(best) + key.substring(best.length());
  }
}
