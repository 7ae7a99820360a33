package org.staticflow.runtime.data;

import java.io.IOException;

/** An IDX file (the MNIST format) is malformed: the message names the file and what was expected. */
public class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public IdxFormatException(String message) {
    super(message);
  }
}
