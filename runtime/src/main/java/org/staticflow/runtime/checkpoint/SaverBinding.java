package org.staticflow.runtime.checkpoint;

import org.staticflow.runtime.tensor.Tensor;

/**
 * One entry of a saver's variable list: the variable {@code variableName}, whose storage is
 * {@code tensor}, is saved under and restored from {@code checkpointKey}.
 */
record SaverBinding(String checkpointKey, String variableName, Tensor tensor) {

  /** "variable d" or, when the key differs, "variable d (checkpoint key a)", for error messages. */
  String describe() {
    return checkpointKey.equals(variableName)
        ? "variable " + variableName
        : "variable " + variableName + " (checkpoint key " + checkpointKey + ")";
  }
}
