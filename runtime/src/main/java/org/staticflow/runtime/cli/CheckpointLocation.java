package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.Checkpoints;

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
 * A prefix whose {@code .index} file does not exist is refused with an error naming it, unless a file of
 * that name (or legacy V1 shards {@code PREFIX-NNNNN-of-NNNNN}) exists, which the checkpoint reader then
 * judges, so that a legacy V1 checkpoint gets the reader's own message.
 */
final class CheckpointLocation {
  private static final Pattern DATA_SUFFIX = Pattern.compile("\\.data-\\d{5}-of-\\d{5}$");
  private static final Pattern V1_SHARD = Pattern.compile("-\\d{5}-of-\\d{5}$");

  private CheckpointLocation() {}

  /**
   * The checkpoint prefix that {@code argument} designates.
   *
   * @throws CheckpointException naming the path if there is no checkpoint there
   */
  static Path resolve(Path argument) throws IOException {
    if (Files.isDirectory(argument)) {
      return latestIn(argument);
    }
    Path bundlePrefix = bundlePrefixOfFile(argument);
    if (bundlePrefix != null) {
      return bundlePrefix;
    }
    if (Files.isRegularFile(indexOf(argument))
        || Files.isRegularFile(argument)
        || hasV1Shards(argument)) {
      return argument;
    }
    throw new CheckpointException(
        "no checkpoint at " + argument + " (" + indexOf(argument) + " does not exist)");
  }

  /** {@code prefix.index}. */
  static Path indexOf(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".index");
  }

  private static Path latestIn(Path directory) throws IOException {
    if (Files.exists(directory.resolve("checkpoint"))) {
      Optional<Path> latest = Checkpoints.latestCheckpoint(directory);
      if (latest.isPresent()) {
        return latest.get();
      }
      throw new CheckpointException(
          "no checkpoint in directory " + directory + ": its 'checkpoint' state file names no checkpoint"
              + " whose .index exists");
    }
    Path savedModelVariables = directory.resolve("variables").resolve("variables");
    if (Files.isRegularFile(indexOf(savedModelVariables))) {
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
    return Files.isRegularFile(indexOf(prefix)) ? prefix : null;
  }

  private static boolean hasV1Shards(Path prefix) throws IOException {
    Path parent = prefix.toAbsolutePath().getParent();
    if (parent == null || prefix.getFileName() == null || !Files.isDirectory(parent)) {
      return false;
    }
    String base = prefix.getFileName().toString();
    DirectoryStream.Filter<Path> v1Shard =
        file -> {
          String name = file.getFileName().toString();
          return name.startsWith(base) && V1_SHARD.matcher(name.substring(base.length())).matches();
        };
    try (DirectoryStream<Path> files = Files.newDirectoryStream(parent, v1Shard)) {
      return files.iterator().hasNext();
    }
  }
}
