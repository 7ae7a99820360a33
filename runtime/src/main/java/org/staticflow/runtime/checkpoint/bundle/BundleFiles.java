package org.staticflow.runtime.checkpoint.bundle;

import java.nio.file.Path;

/** File names of a bundle: {@code PREFIX.index} and {@code PREFIX.data-SSSSS-of-NNNNN}. */
public final class BundleFiles {
  private BundleFiles() {}

  /** {@code PREFIX.index}. */
  public static Path indexFile(Path prefix) {
    return sibling(prefix, ".index");
  }

  /** {@code PREFIX.data-00003-of-00010} for shard 3 of 10. */
  public static Path dataFile(Path prefix, int shard, int numShards) {
    return sibling(prefix, String.format(".data-%05d-of-%05d", shard, numShards));
  }

  private static Path sibling(Path prefix, String suffix) {
    return prefix.resolveSibling(prefix.getFileName() + suffix);
  }
}
