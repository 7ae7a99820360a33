package org.staticflow.processor.diagnostics;

/**
 * Stable diagnostic ids; a message reads {@code [Staticflow/<id>] ...}. Ids never change meaning, so
 * build tooling and users can search for them.
 */
public enum DiagnosticId {
  /** The expression does not parse. */
  Syntax,
  /** A name that is not an input, variable, output, parameter or layer of the scope. */
  UnknownName,
  /** A function the language does not have. */
  UnknownOp,
  /** Too few or too many arguments. */
  ArgumentCount,
  /** A keyword argument the function does not take, or one given twice. */
  UnknownKeyword,
  /** An argument of the wrong kind or value (padding, axis, dtype name, list where a number belongs...). */
  InvalidArgument,
  /** An argument that must be a compile-time constant is not. */
  NonConstant,
  /** Shapes that an operation requires to agree do not. */
  ShapeMismatch,
  /** Element types that an operation requires do not match. */
  DTypeMismatch,
  /** A tensor of the wrong rank, or an axis outside the rank. */
  RankMismatch,
  /** Two variables with the same scoped name. */
  DuplicateVariable,
  /** Two layer members with the same scope, or two inputs with the same node name. */
  DuplicateName,
  /** Outputs that depend on each other. */
  OutputCycle,
  /** A {@code @Model} with no {@code @Output} and no {@code @Loss}. */
  NoOutputs,
  /** A {@code @Layer} member whose type is not a {@code @Layer} interface. */
  NotALayer,
  /** A member, type or annotation that breaks the rules of a model declaration. */
  InvalidDeclaration,
  /** A shape in a declaration that is not valid ({@code -1} outside an input, negative sizes...). */
  InvalidShape,
  /** An initializer or regularizer that is not understood. */
  InvalidInitializer,
  /** A loss that is not a {@code float32} scalar. */
  LossNotScalar,
  /** A {@code @Loss} that does not depend on any trainable variable, so training could not change it. */
  LossNotTrainable,
  /**
   * A {@code @Loss} that depends on trainable variables only through functions without a gradient
   * ({@code argmax}, {@code stop_gradient}, integer casts...), so its gradient would be zero.
   */
  NoGradient,
  /** A layer used as a tensor, or a tensor called as a function. */
  NotATensor,
  /** The frozen graph file of a {@code @Model(graph = ...)} is not found or does not parse. */
  GraphNotFound,
  /** A frozen graph node is malformed or used in a way the compiler cannot compile. */
  InvalidGraph,
  /** A frozen graph uses TensorFlow ops the compiler does not implement. */
  UnsupportedOp,
  /** A bug in the processor; reported with its stack trace instead of crashing javac. */
  Internal
}
