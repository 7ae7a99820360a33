package org.staticflow.processor.ir;

/** Reductions; constant names match the runtime's {@code ReduceOp}. */
public enum ReduceKind {
  SUM("Sum"), MEAN("Mean"), MAX("Max");

  private final String tfName;

  ReduceKind(String tfName) {
    this.tfName = tfName;
  }

  /** The TensorFlow op type. */
  public String tfName() {
    return tfName;
  }
}
