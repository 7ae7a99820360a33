package org.staticflow.processor.lowering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.ReduceKind;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.passes.InferenceError;
import org.staticflow.processor.passes.ReshapeRule;
import org.staticflow.processor.parsing.Expr;

/**
 * Functions that rearrange, reduce, index or convert tensors.
 */
final class ShapeFunctions extends FunctionSupport {
  static final Set<String> NAMES = Set.of(
      "reshape", "transpose", "concat", "reduce_sum", "reduce_mean", "reduce_max", "argmax", "cast", "one_hot");

  ShapeFunctions(ExpressionLowering lowering) {
    super(lowering);
  }

  @Override
  Node lower(String fn, Expr.Call call, Env env) {
    int col = call.column();
    return switch (fn) {
      case "reshape" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "tensor", "shape", "name");
        Node x = tensor(a, "tensor", env);
        int[] target = Constants.integers(fn, "shape", a.get("shape"), env);
        yield emit(env, fn, "Reshape", a, new Op.Reshape(reshape(fn, x.type(), target, env, a.get("shape").column())),
            List.of(x), col);
      }
      case "transpose" -> {
        Map<String, Expr> a = bind(call, env, fn, 1, "a", "perm", "name");
        Node x = tensor(a, "a", env);
        int[] perm;
        if (a.containsKey("perm") && !(a.get("perm") instanceof Expr.None)) {
          perm = Constants.integers(fn, "perm", a.get("perm"), env);
        } else {
          perm = new int[x.type().rank()];
          for (int i = 0; i < perm.length; i++) perm[i] = perm.length - 1 - i;
        }
        yield emit(env, fn, "transpose", a, new Op.Transpose(perm), List.of(x), col);
      }
      case "concat" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "values", "axis", "name");
        if (!(a.get("values") instanceof Expr.ListExpr list) || list.items().isEmpty()) {
          throw new CompileError(DiagnosticId.InvalidArgument, Messages.expectedTensorList(fn), env.at(a.get("values").column()));
        }
        List<Node> parts = new ArrayList<>();
        for (Expr item : list.items()) {
          parts.add(lowering.lower(item, env));
        }
        int axis = axis(fn, Constants.integer(fn, "axis", a.get("axis"), env), parts.get(0).type(), env, a.get("axis").column());
        if (parts.size() == 1) {
          yield parts.get(0);
        }
        yield emit(env, fn, "concat", a, new Op.Concat(axis), parts, col);
      }
      case "reduce_sum" -> reduce(call, env, fn, ReduceKind.SUM);
      case "reduce_mean" -> reduce(call, env, fn, ReduceKind.MEAN);
      case "reduce_max" -> reduce(call, env, fn, ReduceKind.MAX);
      case "argmax" -> {
        Map<String, Expr> a = bind(call, env, fn, 1, "input", "axis", "name", "dimension", "output_type");
        Node x = tensor(a, "input", env);
        Expr axisExpr = a.containsKey("axis") ? a.get("axis") : a.get("dimension");
        int axis = axisExpr == null || axisExpr instanceof Expr.None ? 0
            : axis(fn, Constants.integer(fn, "axis", axisExpr, env), x.type(), env, axisExpr.column());
        if (a.containsKey("output_type") && Constants.dtype(fn, "output_type", a.get("output_type"), env) != DType.INT64) {
          Node arg = emit(env, fn, "ArgMax", a, new Op.ArgMax(axis), List.of(x), col);
          DType to = Constants.dtype(fn, "output_type", a.get("output_type"), env);
          yield lowering.emit(env, "cast", "Cast", null, new Op.Cast(to), List.of(arg), col);
        }
        yield emit(env, fn, "ArgMax", a, new Op.ArgMax(axis), List.of(x), col);
      }
      case "cast" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "x", "dtype", "name");
        Node x = tensor(a, "x", env);
        DType to = Constants.dtype(fn, "dtype", a.get("dtype"), env);
        yield x.type().dtype() == to ? x : emit(env, fn, "Cast", a, new Op.Cast(to), List.of(x), col);
      }
      case "one_hot" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "indices", "depth", "on_value", "off_value", "axis", "dtype", "name");
        Node x = tensor(a, "indices", env);
        int depth = Constants.integer(fn, "depth", a.get("depth"), env);
        if (depth < 0) {
          throw new CompileError(DiagnosticId.InvalidArgument, Messages.negative(fn, "depth", depth), env.at(a.get("depth").column()));
        }
        if (a.containsKey("axis") && Constants.integer(fn, "axis", a.get("axis"), env) != -1) {
          throw new CompileError(DiagnosticId.InvalidArgument, Messages.lastAxisOnly(fn), env.at(a.get("axis").column()));
        }
        if (a.containsKey("dtype") && Constants.dtype(fn, "dtype", a.get("dtype"), env) != DType.FLOAT32) {
          throw new CompileError(DiagnosticId.InvalidArgument, Messages.floatOnly(fn, "dtype"), env.at(a.get("dtype").column()));
        }
        double on = a.containsKey("on_value") ? Constants.number(fn, "on_value", a.get("on_value"), env) : 1;
        double off = a.containsKey("off_value") ? Constants.number(fn, "off_value", a.get("off_value"), env) : 0;
        yield emit(env, fn, "one_hot", a, new Op.OneHot(depth, on, off), List.of(x), col);
      }
      default -> throw new IllegalStateException(fn + " is not a function of " + getClass().getSimpleName());
    };
  }

  private Node reduce(Expr.Call call, Env env, String fn, ReduceKind kind) {
    Map<String, Expr> a = bind(call, env, fn, 1, "input_tensor", "axis", "keepdims", "name", "reduction_indices", "keep_dims");
    Node x = tensor(a, "input_tensor", env);
    Expr axisExpr = a.containsKey("axis") ? a.get("axis") : a.get("reduction_indices");
    int[] axes;
    if (axisExpr == null || axisExpr instanceof Expr.None) {
      axes = java.util.stream.IntStream.range(0, x.type().rank()).toArray();
    } else {
      int[] raw = Constants.integers(fn, "axis", axisExpr, env);
      java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
      for (int r : raw) {
        set.add(axis(fn, r, x.type(), env, axisExpr.column()));
      }
      axes = set.stream().mapToInt(Integer::intValue).toArray();
    }
    Expr keepExpr = a.containsKey("keepdims") ? a.get("keepdims") : a.get("keep_dims");
    boolean keep = keepExpr != null && !(keepExpr instanceof Expr.None) && Constants.bool(fn, "keepdims", keepExpr, env);
    return emit(env, fn, kind.tfName(), a, new Op.Reduce(kind, axes, keep), List.of(x), call.column());
  }

  private static int[] reshape(String fn, TensorType in, int[] target, Env env, int column) {
    try {
      return ReshapeRule.resolve(fn, in, target);
    } catch (InferenceError error) {
      throw new CompileError(error.id(), error.getMessage(), env.at(column));
    }
  }
}
