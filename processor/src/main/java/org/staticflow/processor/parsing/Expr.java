package org.staticflow.processor.parsing;

import java.util.List;

/** A syntax tree node; {@link #column()} is the 1-based column where it starts in the source text. */
public sealed interface Expr {
  int column();

  /** A number literal; {@code integral} when written without a point or exponent. */
  record Num(double value, boolean integral, int column) implements Expr {}

  /** A string literal (single or double quotes). */
  record Str(String value, int column) implements Expr {}

  /** {@code True}/{@code False} (also lower case). */
  record Bool(boolean value, int column) implements Expr {}

  /** {@code None}. */
  record None(int column) implements Expr {}

  /** A possibly dotted name: {@code x}, {@code layer1.weights}, {@code tf.nn.relu}. */
  record Name(String name, int column) implements Expr {}

  /** {@code [a, b, ...]}. */
  record ListExpr(List<Expr> items, int column) implements Expr {}

  /** {@code callee(args..., key=value...)}. */
  record Call(Name callee, List<Expr> args, List<Keyword> keywords, int column) implements Expr {}

  /** {@code left op right} for {@code op} one of {@code + - * / @}; column of the operator. */
  record Binary(char op, Expr left, Expr right, int column) implements Expr {}

  /** {@code -operand}. */
  record Neg(Expr operand, int column) implements Expr {}

  /** A keyword argument {@code name=value}. */
  record Keyword(String name, Expr value, int column) {}
}
