package org.staticflow.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoint bookkeeping as {@code tf.train.latest_checkpoint} and friends do it (tf-formats §2): the
 * {@code checkpoint} state file of a directory and the existence, age and removal of checkpoints.
 *
 * <p>A V2 checkpoint at prefix {@code P} is complete once {@code P.index} exists: writers rename the index
 * into place last. The legacy V1 format is a single file {@code P}; it counts as existing here (as in
 * TensorFlow) so that readers can refuse it with a precise error instead of "not found".
 *
 * <p>One deliberate difference from TensorFlow: a state file that cannot be parsed raises
 * {@link CorruptCheckpointException} instead of being logged and treated as absent, so that a damaged
 * directory is never mistaken for an empty one (which would silently restart training from scratch).
 */
public final class Checkpoints {
  /** TensorFlow's default name of the state file, {@code checkpoint}. */
  public static final String DEFAULT_STATE_FILENAME = CheckpointStateFile.DEFAULT_NAME;

  private Checkpoints() {}

  /**
   * The prefix of the newest checkpoint recorded in {@code directory/checkpoint}, resolved against
   * {@code directory}, if that checkpoint exists ({@code PREFIX.index} present, or a legacy V1 file at
   * {@code PREFIX}, see {@link #checkpointExists}); empty otherwise, including when there is no state
   * file. Never a file name: always the prefix.
   *
   * @throws CorruptCheckpointException if the state file exists but is not a valid CheckpointState
   */
  public static Optional<Path> latestCheckpoint(Path directory) throws IOException {
    return latestCheckpoint(directory, DEFAULT_STATE_FILENAME);
  }

  /**
   * {@link #latestCheckpoint(Path)} with a state file named {@code latestFilename} instead of
   * {@code checkpoint} (TF1's {@code latest_filename}).
   */
  public static Optional<Path> latestCheckpoint(Path directory, String latestFilename) throws IOException {
    Optional<CheckpointState> state = getCheckpointState(directory, latestFilename);
    if (state.isPresent() && checkpointExists(state.get().modelCheckpointPath())) {
      return Optional.of(state.get().modelCheckpointPath());
    }
    return Optional.empty();
  }

  /**
   * The state file {@code directory/checkpoint}, parsed, with every relative path joined to
   * {@code directory} and absolute paths kept as stored; empty if there is no such file. The listed
   * checkpoints are not checked for existence.
   *
   * @throws CorruptCheckpointException if the file does not parse or has an empty
   *     {@code model_checkpoint_path}, naming the file
   */
  public static Optional<CheckpointState> getCheckpointState(Path directory) throws IOException {
    return getCheckpointState(directory, DEFAULT_STATE_FILENAME);
  }

  /** {@link #getCheckpointState(Path)} for a state file named {@code latestFilename}. */
  public static Optional<CheckpointState> getCheckpointState(Path directory, String latestFilename)
      throws IOException {
    return CheckpointStateFile.read(directory, latestFilename);
  }

  /**
   * Writes {@code saveDir/checkpoint} atomically as {@code tf.train.update_checkpoint_state} does: the
   * model path is appended to {@code allModelCheckpointPaths} unless it is already last; if
   * {@code saveDir} is relative, relative paths are rewritten relative to it; with
   * {@code saveRelativePaths}, absolute paths are made relative to {@code saveDir} too, otherwise they are
   * stored as given. Timestamps, when given, must be parallel to the resulting path list.
   *
   * @param state the paths as they were saved (relative to the working directory or absolute), oldest
   *     first, and the timestamps to record
   * @throws IllegalArgumentException if the timestamps are not parallel to the paths or the model path is
   *     the state file itself
   */
  public static void updateCheckpointState(
      Path saveDir, CheckpointState state, String latestFilename, boolean saveRelativePaths)
      throws IOException {
    CheckpointStateFile.write(saveDir, latestFilename, state, saveRelativePaths);
  }

  /**
   * {@link #updateCheckpointState(Path, CheckpointState, String, boolean)} with the default state file name
   * and absolute paths stored as given.
   */
  public static void updateCheckpointState(Path saveDir, CheckpointState state) throws IOException {
    updateCheckpointState(saveDir, state, DEFAULT_STATE_FILENAME, false);
  }

  /**
   * Whether a checkpoint exists at {@code prefix}: {@code PREFIX.index} (V2) or the V1 file {@code PREFIX}
   * (a glob pattern such as {@code model-?????-of-00005} counts if it matches a file).
   */
  public static boolean checkpointExists(Path prefix) throws IOException {
    return CheckpointFiles.exists(prefix.toString());
  }

  /**
   * Deletes the files of the checkpoint at {@code prefix} as {@code remove_checkpoint} does:
   * {@code PREFIX.meta}, {@code PREFIX.index}, then every {@code PREFIX.data-?????-of-?????}. Files that
   * are missing or cannot be deleted are skipped (the latter logged).
   */
  public static void removeCheckpoint(Path prefix) {
    CheckpointFiles.remove(prefix.toString(), "meta");
  }

  /**
   * Modification times (seconds since the epoch) of the {@code .index} files of the given checkpoints,
   * in order; prefixes with no checkpoint are skipped, as in {@code get_checkpoint_mtimes}.
   */
  public static List<Double> checkpointMtimes(List<Path> prefixes) throws IOException {
    List<Double> times = new ArrayList<>();
    for (Path prefix : prefixes) {
      double time = CheckpointFiles.mtimeSeconds(prefix.toString());
      if (!Double.isNaN(time)) {
        times.add(time);
      }
    }
    return times;
  }
}
