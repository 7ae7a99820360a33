package org.staticflow.runtime.checkpoint;

/** A tensor name is not in a checkpoint; worded like TensorFlow's "Key d not found in checkpoint". */
public class CheckpointKeyNotFoundException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String checkpoint;

  public CheckpointKeyNotFoundException(String key, String checkpoint) {
    super("Key " + key + " not found in checkpoint " + checkpoint);
    this.key = key;
    this.checkpoint = checkpoint;
  }

  /** The missing key. */
  public String key() {
    return key;
  }

  /** The checkpoint prefix that was searched. */
  public String checkpoint() {
    return checkpoint;
  }
}
