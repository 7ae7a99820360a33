package org.staticflow.runtime.checkpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a directory's {@code checkpoint} state file says, as {@code tf.train.get_checkpoint_state} returns
 * it: relative paths already joined with the directory that was read, absolute paths as stored.
 *
 * @param modelCheckpointPath prefix of the newest checkpoint
 * @param allModelCheckpointPaths prefixes of the checkpoints not yet deleted, oldest first; as TensorFlow
 *     writes them the last equals {@code modelCheckpointPath} (not enforced on read)
 * @param allModelCheckpointTimestamps seconds since the epoch, parallel to {@code allModelCheckpointPaths}
 *     when present (written by TF2's {@code CheckpointManager}); empty when the file has none
 * @param lastPreservedTimestamp seconds since the epoch of the last checkpoint kept by the "every n hours"
 *     rule of {@code CheckpointManager}, {@code 0.0} when absent
 */
public record CheckpointState(
    Path modelCheckpointPath,
    List<Path> allModelCheckpointPaths,
    List<Double> allModelCheckpointTimestamps,
    double lastPreservedTimestamp) {

  public CheckpointState {
    Objects.requireNonNull(modelCheckpointPath, "modelCheckpointPath");
    allModelCheckpointPaths = List.copyOf(allModelCheckpointPaths);
    allModelCheckpointTimestamps = List.copyOf(allModelCheckpointTimestamps);
  }
}
