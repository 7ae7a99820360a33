package org.staticflow.runtime.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.staticflow.runtime.interop.TensorFlowOracle.Key;
import org.staticflow.runtime.interop.TensorFlowOracle.NamedTensor;

/** Small helpers shared by the interop tests: file names of a bundle, key order, restore keys. */
final class InteropFiles {
  /** TensorFlow's key order: UTF-8 bytes compared as unsigned, shorter first on a common prefix. */
  static final Comparator<String> KEY_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private InteropFiles() {}

  static Path index(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".index");
  }

  static Path data(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001");
  }

  /** What RestoreV2 needs to restore all of {@code tensors}. */
  static List<Key> keys(List<NamedTensor> tensors) {
    return tensors.stream().map(t -> new Key(t.name(), t.tensor().dataType())).toList();
  }
}
