package org.staticflow.processor.ir;

/** Element-wise binary functions; constant names match the runtime's {@code BinaryOp}. */
public enum BinaryKind {
  ADD("Add"), SUB("Sub"), MUL("Mul"), DIV("RealDiv"), MAXIMUM("Maximum"), MINIMUM("Minimum");

  private final String tfName;

  BinaryKind(String tfName) {
    this.tfName = tfName;
  }

  /** The TensorFlow op type. */
  public String tfName() {
    return tfName;
  }
}
