package org.staticflow.runtime.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes a directory's {@code checkpoint} state file with the path rules of TensorFlow's
 * {@code checkpoint_management.py} (tf-formats §2.2, §2.3).
 */
final class CheckpointStateFile {
  /** TensorFlow's default state file name. */
  static final String DEFAULT_NAME = "checkpoint";

  private CheckpointStateFile() {}

  /** {@code directory/latestFilename}, after checking that the name is a plain file name. */
  static Path location(Path directory, String latestFilename) {
    checkFilename(latestFilename);
    return directory.resolve(latestFilename);
  }

  static void checkFilename(String latestFilename) {
    if (latestFilename.isEmpty()
        || latestFilename.indexOf('/') >= 0
        || latestFilename.indexOf(java.io.File.separatorChar) >= 0) {
      throw new IllegalArgumentException(
          "'latest_filename' must be a plain file name without path components, got '"
              + latestFilename + "'");
    }
  }

  /**
   * {@code get_checkpoint_state}: the parsed file with every relative path joined to {@code directory}
   * (the directory passed in, not the working directory); empty if the file does not exist.
   *
   * @throws CorruptCheckpointException if the file does not parse or names no model checkpoint path
   */
  static Optional<CheckpointState> read(Path directory, String latestFilename) throws IOException {
    Path file = location(directory, latestFilename);
    if (!Files.exists(file)) {
      return Optional.empty(); // also when "directory" is a file or does not exist, as in TensorFlow
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty(); // deleted since the check
    }
    org.staticflow.proto.CheckpointState proto =
        CheckpointStateText.parse(new String(bytes, StandardCharsets.UTF_8), file);
    if (proto.getModelCheckpointPath().isEmpty()) {
      throw new CorruptCheckpointException(
          "Invalid checkpoint state loaded from " + directory + ": " + file
              + " has no model_checkpoint_path");
    }
    List<Path> all = new ArrayList<>();
    for (String path : proto.getAllModelCheckpointPathsList()) {
      all.add(resolve(directory, path));
    }
    return Optional.of(
        new CheckpointState(
            resolve(directory, proto.getModelCheckpointPath()),
            all,
            proto.getAllModelCheckpointTimestampsList(),
            proto.getLastPreservedTimestamp()));
  }

  private static Path resolve(Path directory, String stored) {
    Path path = Path.of(stored);
    return path.isAbsolute() ? path : directory.resolve(path);
  }

  /**
   * {@code update_checkpoint_state_internal}: writes the state file of {@code saveDir} atomically.
   *
   * <p>Path rules, in TensorFlow's order: with {@code saveRelativePaths}, absolute paths are first made
   * relative to {@code saveDir}. The model path is appended to the list unless it already is its last
   * element. Then, if {@code saveDir} itself is relative, every relative path is rewritten relative to it
   * (so saving {@code train/model-10} from the working directory records {@code model-10}). Absolute
   * paths are otherwise stored as given.
   *
   * @param state the paths as the saver produced them (not yet relativised) and the timestamps; the
   *     timestamps, when present, must be as many as the paths after the model path was appended
   * @throws IllegalArgumentException if the timestamps do not match the paths, or the recorded model path
   *     is the state file itself
   */
  static void write(Path saveDir, String latestFilename, CheckpointState state, boolean saveRelativePaths)
      throws IOException {
    Path file = location(saveDir, latestFilename);
    Path model = state.modelCheckpointPath();
    List<Path> all = new ArrayList<>(state.allModelCheckpointPaths());
    if (saveRelativePaths) {
      model = model.isAbsolute() ? relativePath(model, saveDir) : model;
      all.replaceAll(p -> p.isAbsolute() ? relativePath(p, saveDir) : p);
    }
    if (all.isEmpty() || !all.get(all.size() - 1).equals(model)) {
      all.add(model);
    }
    List<Double> timestamps = state.allModelCheckpointTimestamps();
    if (!timestamps.isEmpty() && timestamps.size() != all.size()) {
      throw new IllegalArgumentException(
          "checkpoint state for " + saveDir + " has " + all.size() + " checkpoint paths but "
              + timestamps.size() + " timestamps; they must be parallel");
    }
    if (!saveDir.isAbsolute()) {
      model = model.isAbsolute() ? model : relativePath(model, saveDir);
      all.replaceAll(p -> p.isAbsolute() ? p : relativePath(p, saveDir));
    }
    if (file.toString().equals(model.toString())) {
      throw new IllegalArgumentException(
          "Save path '" + state.modelCheckpointPath()
              + "' conflicts with path used for checkpoint state. Please use a different save path.");
    }
    org.staticflow.proto.CheckpointState.Builder proto =
        org.staticflow.proto.CheckpointState.newBuilder()
            .setModelCheckpointPath(model.toString())
            .addAllAllModelCheckpointTimestamps(timestamps)
            .setLastPreservedTimestamp(state.lastPreservedTimestamp());
    for (Path path : all) {
      proto.addAllModelCheckpointPaths(path.toString());
    }
    AtomicFiles.write(file, CheckpointStateText.print(proto.build()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Python's {@code os.path.relpath(path, start)}: both made absolute against the working directory and
   * normalised lexically (no symbolic links resolved), then {@code path} expressed from {@code start};
   * {@code .} when they are the same.
   */
  static Path relativePath(Path path, Path start) {
    Path from = start.toAbsolutePath().normalize();
    Path to = path.toAbsolutePath().normalize();
    Path relative = from.relativize(to);
    return relative.toString().isEmpty() ? Path.of(".") : relative;
  }
}
