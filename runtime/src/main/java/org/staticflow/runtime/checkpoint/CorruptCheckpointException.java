package org.staticflow.runtime.checkpoint;

/**
 * A checkpoint file is damaged or is not what it claims to be: truncated, bad magic, checksum mismatch,
 * sizes or offsets that do not fit. The message names the file and the inconsistency.
 */
public class CorruptCheckpointException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  public CorruptCheckpointException(String message) {
    super(message);
  }

  public CorruptCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
