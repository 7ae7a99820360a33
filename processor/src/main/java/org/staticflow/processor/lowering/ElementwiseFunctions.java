package org.staticflow.processor.lowering;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.UnaryKind;
import org.staticflow.processor.parsing.Expr;

/**
 * Element-wise functions: arithmetic with broadcasting, comparisons, activations, identities.
 */
final class ElementwiseFunctions extends FunctionSupport {
  static final Set<String> NAMES = Set.of(
      "add", "subtract", "multiply", "divide", "maximum", "minimum", "equal", "bias_add", "negative", "square",
      "sqrt", "exp", "log", "abs", "relu", "relu6", "sigmoid", "tanh", "stop_gradient", "identity");

  ElementwiseFunctions(ExpressionLowering lowering) {
    super(lowering);
  }

  @Override
  Node lower(String fn, Expr.Call call, Env env) {
    int col = call.column();
    return switch (fn) {
      case "add" -> binary(call, env, fn, "Add", BinaryKind.ADD);
      case "subtract" -> binary(call, env, fn, "Sub", BinaryKind.SUB);
      case "multiply" -> binary(call, env, fn, "Mul", BinaryKind.MUL);
      case "divide" -> binary(call, env, fn, "truediv", BinaryKind.DIV);
      case "maximum" -> binary(call, env, fn, "Maximum", BinaryKind.MAXIMUM);
      case "minimum" -> binary(call, env, fn, "Minimum", BinaryKind.MINIMUM);
      case "equal" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "x", "y", "name");
        Node[] xy = pair(a, "x", "y", env);
        yield emit(env, fn, "Equal", a, new Op.Equal(), List.of(xy[0], xy[1]), col);
      }
      case "bias_add" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "value", "bias", "data_format", "name");
        if (a.containsKey("data_format") && !"NHWC".equals(Constants.string(fn, "data_format", a.get("data_format"), env))) {
          throw new CompileError(DiagnosticId.InvalidArgument, Messages.dataFormat(fn), env.at(a.get("data_format").column()));
        }
        yield emit(env, fn, "BiasAdd", a, new Op.BiasAdd(), List.of(tensor(a, "value", env), tensor(a, "bias", env)), col);
      }
      case "negative" -> unary(call, env, fn, UnaryKind.NEG);
      case "square" -> unary(call, env, fn, UnaryKind.SQUARE);
      case "sqrt" -> unary(call, env, fn, UnaryKind.SQRT);
      case "exp" -> unary(call, env, fn, UnaryKind.EXP);
      case "log" -> unary(call, env, fn, UnaryKind.LOG);
      case "abs" -> unary(call, env, fn, UnaryKind.ABS);
      case "relu" -> unary(call, env, fn, UnaryKind.RELU);
      case "relu6" -> unary(call, env, fn, UnaryKind.RELU6);
      case "sigmoid" -> unary(call, env, fn, UnaryKind.SIGMOID);
      case "tanh" -> unary(call, env, fn, UnaryKind.TANH);
      case "stop_gradient", "identity" -> {
        Map<String, Expr> a = bind(call, env, fn, 1, "input", "name");
        yield emit(env, fn, fn.equals("identity") ? "Identity" : "StopGradient", a,
            fn.equals("identity") ? new Op.Identity() : new Op.StopGradient(), List.of(tensor(a, "input", env)), col);
      }
      default -> throw new IllegalStateException(fn + " is not a function of " + getClass().getSimpleName());
    };
  }
}
