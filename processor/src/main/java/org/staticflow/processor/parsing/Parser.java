package org.staticflow.processor.parsing;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the expression language (see the package documentation). One instance
 * parses one string.
 */
public final class Parser {
  private final String text;
  private int pos;

  private Parser(String text) {
    this.text = text;
  }

  /** Parses a whole expression. */
  public static Expr parse(String text) throws ParseException {
    Parser parser = new Parser(text);
    parser.skipSpace();
    if (parser.pos == text.length()) {
      throw new ParseException("empty expression", 1);
    }
    Expr expr = parser.additive();
    parser.skipSpace();
    if (parser.pos < text.length()) {
      throw new ParseException("unexpected '" + text.charAt(parser.pos) + "'", parser.pos + 1);
    }
    return expr;
  }

  private Expr additive() throws ParseException {
    Expr left = multiplicative();
    while (true) {
      skipSpace();
      char c = peek();
      if (c != '+' && c != '-') {
        return left;
      }
      int column = pos + 1;
      pos++;
      left = new Expr.Binary(c, left, multiplicative(), column);
    }
  }

  private Expr multiplicative() throws ParseException {
    Expr left = unary();
    while (true) {
      skipSpace();
      char c = peek();
      if (c != '*' && c != '/' && c != '@') {
        return left;
      }
      int column = pos + 1;
      pos++;
      if (c == '*' && peek() == '*') {
        throw new ParseException("'**' is not supported; use square(x) or multiply", column);
      }
      left = new Expr.Binary(c, left, unary(), column);
    }
  }

  private Expr unary() throws ParseException {
    skipSpace();
    int column = pos + 1;
    if (peek() == '-') {
      pos++;
      Expr operand = unary();
      // A negative literal is a literal, so shapes like [-1, 3136] stay constants.
      if (operand instanceof Expr.Num num) {
        return new Expr.Num(-num.value(), num.integral(), column);
      }
      return new Expr.Neg(operand, column);
    }
    if (peek() == '+') {
      pos++;
      return unary();
    }
    return postfix();
  }

  private Expr postfix() throws ParseException {
    Expr primary = primary();
    skipSpace();
    if (peek() != '(') {
      return primary;
    }
    if (!(primary instanceof Expr.Name name)) {
      throw new ParseException("only a name can be called", pos + 1);
    }
    pos++;
    List<Expr> args = new ArrayList<>();
    List<Expr.Keyword> keywords = new ArrayList<>();
    skipSpace();
    while (peek() != ')') {
      skipSpace();
      int argStart = pos;
      String keyword = keywordAhead();
      if (keyword != null) {
        skipSpace();
        keywords.add(new Expr.Keyword(keyword, additive(), argStart + 1));
      } else {
        if (!keywords.isEmpty()) {
          throw new ParseException("positional argument after keyword argument", argStart + 1);
        }
        args.add(additive());
      }
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != ')') {
        throw expected("',' or ')'");
      }
    }
    pos++;
    return new Expr.Call(name, args, keywords, name.column());
  }

  /** Consumes {@code name =} (but not {@code ==}) and returns the name, or returns null and consumes nothing. */
  private String keywordAhead() {
    int start = pos;
    if (start < text.length() && Character.isJavaIdentifierStart(text.charAt(start))) {
      int end = start;
      while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
        end++;
      }
      int eq = end;
      while (eq < text.length() && text.charAt(eq) == ' ') {
        eq++;
      }
      if (eq < text.length() && text.charAt(eq) == '=' && (eq + 1 >= text.length() || text.charAt(eq + 1) != '=')) {
        pos = eq + 1;
        return text.substring(start, end);
      }
    }
    return null;
  }

  private Expr primary() throws ParseException {
    skipSpace();
    int column = pos + 1;
    if (pos >= text.length()) {
      throw new ParseException("unexpected end of expression", column);
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Expr inner = additive();
      skipSpace();
      expect(')');
      return inner;
    }
    if (c == '[') {
      pos++;
      List<Expr> items = new ArrayList<>();
      skipSpace();
      while (peek() != ']') {
        items.add(additive());
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != ']') {
          throw expected("',' or ']'");
        }
      }
      pos++;
      return new Expr.ListExpr(items, column);
    }
    if (c == '"' || c == '\'') {
      int end = text.indexOf(c, pos + 1);
      if (end < 0) {
        throw new ParseException("unterminated string", column);
      }
      String value = text.substring(pos + 1, end);
      pos = end + 1;
      return new Expr.Str(value, column);
    }
    if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      return number(column);
    }
    if (Character.isJavaIdentifierStart(c)) {
      int start = pos;
      while (pos < text.length()
          && (Character.isJavaIdentifierPart(text.charAt(pos))
              || (text.charAt(pos) == '.' && pos + 1 < text.length()
                  && Character.isJavaIdentifierStart(text.charAt(pos + 1))))) {
        pos++;
      }
      String name = text.substring(start, pos);
      return switch (name) {
        case "True", "true" -> new Expr.Bool(true, column);
        case "False", "false" -> new Expr.Bool(false, column);
        case "None" -> new Expr.None(column);
        default -> new Expr.Name(name, column);
      };
    }
    throw new ParseException("unexpected '" + c + "'", column);
  }

  private Expr number(int column) throws ParseException {
    int start = pos;
    boolean integral = true;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
    if (peek() == '.') {
      integral = false;
      pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') pos++;
      if (!Character.isDigit(peek())) {
        throw new ParseException("malformed number", column);
      }
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
    }
    if (Character.isJavaIdentifierStart(peek())) {
      throw new ParseException("malformed number", column);
    }
    return new Expr.Num(Double.parseDouble(text.substring(start, pos)), integral, column);
  }

  private void expect(char c) throws ParseException {
    if (peek() != c) {
      throw expected("'" + c + "'");
    }
    pos++;
  }

  private ParseException expected(String what) {
    String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of expression";
    return new ParseException("expected " + what + " but found " + found, pos + 1);
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
