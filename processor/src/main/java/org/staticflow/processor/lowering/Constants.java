package org.staticflow.processor.lowering;

import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.parsing.Expr;

/** Reads compile-time constant arguments (axes, shapes, strides, padding, dtypes) from syntax trees. */
final class Constants {
  private Constants() {}

  static int integer(String fn, String parameter, Expr expr, Env env) {
    if (expr instanceof Expr.Num num && num.integral()) {
      return (int) num.value();
    }
    throw nonConstant(fn, parameter, "an integer", expr, env);
  }

  static double number(String fn, String parameter, Expr expr, Env env) {
    if (expr instanceof Expr.Num num) {
      return num.value();
    }
    throw nonConstant(fn, parameter, "a number", expr, env);
  }

  static boolean bool(String fn, String parameter, Expr expr, Env env) {
    if (expr instanceof Expr.Bool b) {
      return b.value();
    }
    throw nonConstant(fn, parameter, "True or False", expr, env);
  }

  static String string(String fn, String parameter, Expr expr, Env env) {
    if (expr instanceof Expr.Str s) {
      return s.value();
    }
    throw nonConstant(fn, parameter, "a string", expr, env);
  }

  /** A list of integers; a single integer counts as a list of one (as {@code axis=1}). */
  static int[] integers(String fn, String parameter, Expr expr, Env env) {
    if (expr instanceof Expr.Num) {
      return new int[] {integer(fn, parameter, expr, env)};
    }
    if (expr instanceof Expr.ListExpr list) {
      int[] values = new int[list.items().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = integer(fn, parameter, list.items().get(i), env);
      }
      return values;
    }
    throw nonConstant(fn, parameter, "a list of integers", expr, env);
  }

  /** A dtype written as {@code float32}, {@code tf.float32} or {@code "float32"}. */
  static DType dtype(String fn, String parameter, Expr expr, Env env) {
    String name = expr instanceof Expr.Name n ? n.name() : expr instanceof Expr.Str s ? s.value() : null;
    if (name == null) {
      throw nonConstant(fn, parameter, "a dtype", expr, env);
    }
    DType type = DType.fromName(name);
    if (type == null) {
      throw new CompileError(DiagnosticId.InvalidArgument, Messages.unknownDtype(name), env.at(expr.column()));
    }
    return type;
  }

  /** {@code "SAME"} (true) or {@code "VALID"} (false). */
  static boolean padding(String fn, Expr expr, Env env) {
    String padding = string(fn, "padding", expr, env);
    return switch (padding) {
      case "SAME" -> true;
      case "VALID" -> false;
      default -> throw new CompileError(DiagnosticId.InvalidArgument, Messages.padding(fn, padding), env.at(expr.column()));
    };
  }

  private static CompileError nonConstant(String fn, String parameter, String expected, Expr expr, Env env) {
    DiagnosticId id = expr instanceof Expr.Name || expr instanceof Expr.Call || expr instanceof Expr.Binary
        || expr instanceof Expr.Neg ? DiagnosticId.NonConstant : DiagnosticId.InvalidArgument;
    return new CompileError(id, Messages.expectedConstant(fn, parameter, expected), env.at(expr.column()));
  }
}
