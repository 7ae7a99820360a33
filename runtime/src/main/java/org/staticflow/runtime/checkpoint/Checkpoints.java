package org.staticflow.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Checkpoint bookkeeping as {@code tf.train.latest_checkpoint} and friends do it. */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * The prefix of the newest checkpoint recorded in {@code directory/checkpoint}, resolved against
   * {@code directory}, if that checkpoint exists ({@code PREFIX.index} present); empty otherwise.
   */
  public static Optional<Path> latestCheckpoint(Path directory) throws IOException {
    throw new UnsupportedOperationException("implementation by the Saver work");
  }
}
