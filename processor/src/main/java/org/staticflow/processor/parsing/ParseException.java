package org.staticflow.processor.parsing;

/** A syntax error at a 1-based column. */
public final class ParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int column;

  public ParseException(String message, int column) {
    super(message, null, false, false);
    this.column = column;
  }

  public int column() {
    return column;
  }
}
