package org.staticflow.processor.lowering;

import java.util.List;
import java.util.Map;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.UnaryKind;
import org.staticflow.processor.parsing.Expr;

/**
 * What the function families share: argument binding, operand lowering (number literals adapt to the
 * other operand's dtype), node creation with TensorFlow's default or explicit names, axis checks.
 */
abstract class FunctionSupport {
  final ExpressionLowering lowering;

  FunctionSupport(ExpressionLowering lowering) {
    this.lowering = lowering;
  }

  /** Lowers a call of {@code fn} (a plain name of this family). */
  abstract Node lower(String fn, Expr.Call call, Env env);

  Map<String, Expr> bind(Expr.Call call, Env env, String fn, int required, String... parameters) {
    return new java.util.HashMap<>(Signature.of(fn, required, parameters).bind(call, env));
  }

  Node tensor(Map<String, Expr> args, String parameter, Env env) {
    return lowering.lower(args.get(parameter), env);
  }

  /** Two tensor operands where a number literal adapts to the other's dtype. */
  Node[] pair(Map<String, Expr> args, String first, String second, Env env) {
    Node x = args.get(first) instanceof Expr.Num ? null : lowering.lower(args.get(first), env);
    Node y = lowering.operand(args.get(second), x, env);
    if (x == null) {
      x = lowering.operand(args.get(first), y, env);
    }
    return new Node[] {x, y};
  }

  Node emit(Env env, String fn, String defaultName, Map<String, Expr> args, Op op, List<Node> inputs, int col) {
    String name = args.containsKey("name") && !(args.get("name") instanceof Expr.None)
        ? Constants.string(fn, "name", args.get("name"), env) : null;
    return lowering.emit(env, fn, defaultName, name, op, inputs, col);
  }

  boolean flag(Map<String, Expr> args, String parameter, String fn, Env env) {
    return args.containsKey(parameter) && Constants.bool(fn, parameter, args.get(parameter), env);
  }

  Node binary(Expr.Call call, Env env, String fn, String defaultName, BinaryKind kind) {
    Map<String, Expr> a = bind(call, env, fn, 2, "x", "y", "name");
    Node[] xy = pair(a, "x", "y", env);
    return emit(env, fn, defaultName, a, new Op.Binary(kind), List.of(xy[0], xy[1]), call.column());
  }

  Node unary(Expr.Call call, Env env, String fn, UnaryKind kind) {
    Map<String, Expr> a = bind(call, env, fn, 1, "x", "name");
    return emit(env, fn, kind.tfName(), a, new Op.Unary(kind), List.of(tensor(a, "x", env)), call.column());
  }

  static int axis(String fn, int axis, TensorType type, Env env, int column) {
    int normal = axis < 0 ? axis + type.rank() : axis;
    if (normal < 0 || normal >= type.rank()) {
      throw new CompileError(DiagnosticId.RankMismatch, Messages.axisOutOfRange(fn, axis, type.shapeString()), env.at(column));
    }
    return normal;
  }
}
