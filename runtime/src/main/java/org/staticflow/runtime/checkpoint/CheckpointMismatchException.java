package org.staticflow.runtime.checkpoint;

/**
 * A checkpoint tensor cannot be restored into a variable because their data types or shapes differ. The
 * message names the variable, the checkpoint key and both sides.
 */
public class CheckpointMismatchException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  public CheckpointMismatchException(String message) {
    super(message);
  }
}
