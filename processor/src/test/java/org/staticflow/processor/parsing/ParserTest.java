package org.staticflow.processor.parsing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The expression grammar: Python precedence, literals, keyword arguments, columns. */
class ParserTest {

  /** A compact rendering of a tree, to compare structure. */
  private static String show(Expr e) {
    if (e instanceof Expr.Num n) return (n.integral() ? String.valueOf((long) n.value()) : String.valueOf(n.value()));
    if (e instanceof Expr.Str s) return "'" + s.value() + "'";
    if (e instanceof Expr.Bool b) return String.valueOf(b.value());
    if (e instanceof Expr.None) return "None";
    if (e instanceof Expr.Name n) return n.name();
    if (e instanceof Expr.Neg n) return "(-" + show(n.operand()) + ")";
    if (e instanceof Expr.Binary b) return "(" + show(b.left()) + " " + b.op() + " " + show(b.right()) + ")";
    if (e instanceof Expr.ListExpr l) return l.items().stream().map(ParserTest::show).toList().toString();
    Expr.Call c = (Expr.Call) e;
    StringBuilder s = new StringBuilder(c.callee().name()).append('(');
    c.args().forEach(a -> s.append(show(a)).append(", "));
    c.keywords().forEach(k -> s.append(k.name()).append('=').append(show(k.value())).append(", "));
    return s.append(')').toString();
  }

  private static String parse(String text) throws ParseException {
    return show(Parser.parse(text));
  }

  @Test
  void precedenceAndAssociativity() throws ParseException {
    assertEquals("((x @ w) + b)", parse("x @ w + b"));
    assertEquals("((a - b) - c)", parse("a - b - c"));
    assertEquals("(a + ((b * c) / d))", parse("a + b * c / d"));
    assertEquals("((a * b) @ c)", parse("a * b @ c"));
    assertEquals("((-x) * y)", parse("-x * y"));
    assertEquals("((a + b) * c)", parse("(a + b) * c"));
  }

  @Test
  void literalsAndCalls() throws ParseException {
    assertEquals("reshape(x, [-1, 28, 28, 1], )", parse("reshape(x, [-1, 28, 28, 1])"));
    assertEquals("tf.nn.conv2d(x, W, strides=[1, 2, 2, 1], padding='SAME', )",
        parse("tf.nn.conv2d(x, W, strides=[1,2,2,1], padding=\"SAME\")"));
    assertEquals("matmul(a, b, transpose_b=true, name=None, )", parse("matmul(a, b, transpose_b=True, name=None)"));
    assertEquals("(x * 1.0E-4)", parse("x * 1e-4"));
    assertEquals("(x * 0.5)", parse("x*.5"));
    assertEquals("layer1.weights", parse("layer1.weights"));
    assertEquals("f()", parse("f()"));
  }

  @Test
  void negativeLiteralsStayConstants() throws ParseException {
    Expr e = Parser.parse("-1");
    assertInstanceOf(Expr.Num.class, e);
    assertEquals(-1, ((Expr.Num) e).value());
  }

  @Test
  void columnsPointAtTokens() throws ParseException {
    Expr.Binary sum = (Expr.Binary) Parser.parse("relu(x) + b");
    assertEquals(9, sum.column());
    assertEquals(1, sum.left().column());
    assertEquals(11, sum.right().column());
    Expr.Call call = (Expr.Call) Parser.parse("f(a,  key=b)");
    assertEquals(7, call.keywords().get(0).column());
  }

  @Test
  void errorsCarryColumns() {
    assertEquals(1, assertThrows(ParseException.class, () -> Parser.parse("")).column());
    assertEquals(5, assertThrows(ParseException.class, () -> Parser.parse("f(a b)")).column());
    assertEquals(8, assertThrows(ParseException.class, () -> Parser.parse("f(x=1, y)")).column());
    assertEquals(3, assertThrows(ParseException.class, () -> Parser.parse("a 'b")).column());
    assertEquals(1, assertThrows(ParseException.class, () -> Parser.parse("1x")).column());
    assertEquals(6, assertThrows(ParseException.class, () -> Parser.parse("[1, 2")).column());
  }
}
