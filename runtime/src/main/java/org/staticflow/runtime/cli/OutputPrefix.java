package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.bundle.BundleFiles;

/** Checks where {@code ckpt rename} and {@code ckpt convert} may write their new checkpoint. */
final class OutputPrefix {
  private OutputPrefix() {}

  /**
   * Checks that {@code output} can receive a new bundle read from {@code input}.
   *
   * @throws CheckpointException if {@code output} is a directory, is the input checkpoint, or already
   *     holds a checkpoint and {@code overwrite} is false
   */
  static void check(Path input, Path output, boolean overwrite) throws IOException {
    if (Files.isDirectory(output)) {
      throw new CheckpointException(
          "output " + output + " is a directory; give a checkpoint prefix such as " + output.resolve("model.ckpt"));
    }
    Path outputIndex = BundleFiles.indexFile(output);
    Path inputIndex = BundleFiles.indexFile(input);
    boolean same =
        input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())
            || (Files.exists(outputIndex) && Files.exists(inputIndex) && Files.isSameFile(outputIndex, inputIndex));
    if (same) {
      throw new CheckpointException("output " + output + " is the input checkpoint; write to another prefix");
    }
    if (Files.exists(outputIndex) && !overwrite) {
      throw new CheckpointException(
          "checkpoint " + output + " already exists (" + outputIndex + "); pass --overwrite to replace it");
    }
  }
}
