package org.staticflow.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only shared material (TensorFlow-written fixtures, MNIST) that sits beside the
 * repository. Surefire passes its location as {@code staticflow.shared}; running a test from an IDE falls
 * back to {@code ../shared} relative to the repository root.
 */
public final class SharedFiles {
  private SharedFiles() {}

  /** The shared directory; fails loudly if it cannot be found, since tests depending on it must not pass. */
  public static Path root() {
    String property = System.getProperty("staticflow.shared");
    Path candidate = property != null ? Path.of(property) : null;
    if (candidate == null || !Files.isDirectory(candidate)) {
      Path dir = Path.of("").toAbsolutePath();
      while (dir != null && !Files.isDirectory(dir.resolve("../shared/fixtures"))) {
        dir = dir.getParent();
      }
      candidate = dir == null ? null : dir.resolve("../shared").normalize();
    }
    if (candidate == null || !Files.isDirectory(candidate)) {
      throw new IllegalStateException("shared directory not found (set -Dstaticflow.shared=PATH)");
    }
    return candidate;
  }

  /** A path under {@code shared/fixtures/tensorflow-serving/}. */
  public static Path servingFixture(String relative) {
    return root().resolve("fixtures/tensorflow-serving").resolve(relative);
  }

  /** {@code servables/tensorflow/testdata/NAME/00000123/variables/variables}: a SavedModel's bundle prefix. */
  public static Path savedModelVariables(String model) {
    return servingFixture("servables/tensorflow/testdata/" + model + "/00000123/variables/variables");
  }
}
