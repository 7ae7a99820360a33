package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.Checkpoints;
import org.staticflow.runtime.checkpoint.bundle.BundleFiles;

/**
 * Turns what a person typed for a checkpoint into the checkpoint prefix to open:
 *
 * <ul>
 *   <li>a prefix ({@code run/model.ckpt-1000}) is used as it is;
 *   <li>a path to one of the bundle's files ({@code model.ckpt.index},
 *       {@code model.ckpt.data-00000-of-00001}) means that bundle's prefix;
 *   <li>a directory with a {@code checkpoint} state file means its latest checkpoint, as
 *       {@code tf.train.latest_checkpoint} finds it;
 *   <li>a SavedModel directory (no state file, but {@code variables/variables.index}) means its
 *       variables bundle.
 * </ul>
 *
 * Whether a prefix holds a checkpoint is left to {@code BundleReader.open}, which names the missing
 * {@code .index} file or recognises a legacy V1 checkpoint.
 */
final class CheckpointLocation {
  private static final Pattern DATA_SUFFIX = Pattern.compile("\\.data-\\d{5}-of-\\d{5}$");

  private CheckpointLocation() {}

  /**
   * The checkpoint prefix that {@code argument} designates.
   *
   * @throws CheckpointException naming the directory if it holds no checkpoint
   */
  static Path resolve(Path argument) throws IOException {
    if (Files.isDirectory(argument)) {
      return latestIn(argument);
    }
    Path bundlePrefix = bundlePrefixOfFile(argument);
    if (bundlePrefix != null) {
      return bundlePrefix;
    }
    return argument;
  }

  private static Path latestIn(Path directory) throws IOException {
    if (Files.exists(directory.resolve("checkpoint"))) {
      Optional<Path> latest = Checkpoints.latestCheckpoint(directory);
      if (latest.isPresent()) {
        return latest.get();
      }
      throw new CheckpointException(
          "no checkpoint in directory " + directory
              + ": its 'checkpoint' state file names no existing checkpoint");
    }
    Path savedModelVariables = directory.resolve("variables").resolve("variables");
    if (Files.isRegularFile(BundleFiles.indexFile(savedModelVariables))) {
      return savedModelVariables;
    }
    throw new CheckpointException(
        "no checkpoint in directory " + directory
            + " (no 'checkpoint' state file and no SavedModel variables/variables.index)");
  }

  /** The prefix of an existing bundle whose {@code .index} or {@code .data-*} file was named, or null. */
  private static Path bundlePrefixOfFile(Path file) {
    if (!Files.isRegularFile(file) || file.getFileName() == null) {
      return null;
    }
    String name = file.getFileName().toString();
    String prefixName = null;
    if (name.endsWith(".index") && name.length() > ".index".length()) {
      prefixName = name.substring(0, name.length() - ".index".length());
    } else {
      var matcher = DATA_SUFFIX.matcher(name);
      if (matcher.find() && matcher.start() > 0) {
        prefixName = name.substring(0, matcher.start());
      }
    }
    if (prefixName == null) {
      return null;
    }
    Path prefix = file.resolveSibling(prefixName);
    return Files.isRegularFile(BundleFiles.indexFile(prefix)) ? prefix : null;
  }
}
