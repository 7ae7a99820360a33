package org.staticflow.runtime.checkpoint;

import java.io.IOException;

/**
 * Base of every checkpoint failure Staticflow reports: the message always names the file or checkpoint
 * prefix and what was expected.
 */
public class CheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
