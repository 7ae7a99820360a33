package org.staticflow.processor.ir;

/** Element-wise unary functions; constant names match the runtime's {@code UnaryOp}. */
public enum UnaryKind {
  NEG("Neg"), SQUARE("Square"), SQRT("Sqrt"), EXP("Exp"), LOG("Log"), ABS("Abs"), RELU("Relu"),
  RELU6("Relu6"), SIGMOID("Sigmoid"), TANH("Tanh");

  private final String tfName;

  UnaryKind(String tfName) {
    this.tfName = tfName;
  }

  /** The TensorFlow op type. */
  public String tfName() {
    return tfName;
  }
}
