package org.staticflow.runtime.checkpoint;

/**
 * A well-formed checkpoint uses something Staticflow does not read: the legacy V1 format, partitioned
 * (sliced) variables, DT_VARIANT values. The message names the file or key and the feature.
 */
public class UnsupportedCheckpointException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  public UnsupportedCheckpointException(String message) {
    super(message);
  }
}
