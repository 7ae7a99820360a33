package org.staticflow.runtime.cli;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;

/**
 * The renames of {@code ckpt rename}, parsed from {@code old=new} arguments (split at the first
 * {@code =}; TensorFlow variable names contain none) and checked against a checkpoint's keys.
 */
final class RenameMapping {
  private final Map<String, String> renames;

  /** No renames: every tensor keeps its name. */
  static final RenameMapping NONE = new RenameMapping(new LinkedHashMap<>());

  private RenameMapping(Map<String, String> renames) {
    this.renames = Collections.unmodifiableMap(renames);
  }

  /**
   * Parses {@code old=new} pairs.
   *
   * @throws IllegalArgumentException for a pair without {@code =}, an empty side, a new name starting
   *     with a NUL byte, or an old name given twice
   */
  static RenameMapping parse(List<String> pairs) {
    Map<String, String> renames = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("rename '" + pair + "' is not of the form old=new");
      }
      String from = pair.substring(0, eq);
      String to = pair.substring(eq + 1);
      if (from.isEmpty() || to.isEmpty()) {
        throw new IllegalArgumentException("rename '" + pair + "' has an empty name");
      }
      if (to.charAt(0) == '\0') {
        throw new IllegalArgumentException("new name in '" + pair + "' starts with a NUL byte, reserved by TensorFlow");
      }
      if (renames.putIfAbsent(from, to) != null) {
        throw new IllegalArgumentException("'" + from + "' is renamed twice");
      }
    }
    return new RenameMapping(renames);
  }

  /**
   * Checks the renames against the keys of {@code checkpoint}: every old name must exist and no two
   * tensors may end up with the same name (swaps such as {@code a=b b=a} are fine).
   *
   * @throws CheckpointKeyNotFoundException naming the first old name that is not a key
   * @throws CheckpointException naming the colliding name
   */
  void validate(Collection<String> keys, String checkpoint) throws CheckpointException {
    Set<String> existing = new HashSet<>(keys);
    for (String from : renames.keySet()) {
      if (!existing.contains(from)) {
        throw new CheckpointKeyNotFoundException(from, checkpoint);
      }
    }
    Map<String, String> finalNames = new LinkedHashMap<>();
    for (String key : keys) {
      String name = renames.getOrDefault(key, key);
      String previous = finalNames.putIfAbsent(name, key);
      if (previous != null) {
        String renamed = renames.containsKey(key) ? key : previous;
        String other = renamed.equals(key) ? previous : key;
        throw new CheckpointException(
            "cannot rename " + renamed + " to " + name + ": tensor " + other + " in checkpoint " + checkpoint
                + " would have the same name");
      }
    }
  }

  /** Old name to new name. */
  Map<String, String> renames() {
    return renames;
  }
}
