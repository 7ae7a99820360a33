package org.staticflow.processor.lowering;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.parsing.Expr;

/**
 * The {@code tf.nn} functions: matrix products, softmax, convolution, pooling, dropout and losses.
 */
final class NeuralNetFunctions extends FunctionSupport {
  static final Set<String> NAMES = Set.of(
      "matmul", "softmax", "log_softmax", "conv2d", "max_pool", "avg_pool", "dropout", "l2_loss",
      "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2",
      "sparse_softmax_cross_entropy_with_logits", "sigmoid_cross_entropy_with_logits");

  NeuralNetFunctions(ExpressionLowering lowering) {
    super(lowering);
  }

  @Override
  Node lower(String fn, Expr.Call call, Env env) {
    int col = call.column();
    return switch (fn) {
      case "matmul" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "a", "b", "transpose_a", "transpose_b", "name");
        Node x = tensor(a, "a", env);
        Node y = tensor(a, "b", env);
        yield emit(env, fn, "MatMul", a, new Op.MatMul(flag(a, "transpose_a", fn, env), flag(a, "transpose_b", fn, env)),
            List.of(x, y), col);
      }
      case "softmax", "log_softmax" -> {
        Map<String, Expr> a = bind(call, env, fn, 1, "logits", "axis", "name");
        Node x = tensor(a, "logits", env);
        if (a.containsKey("axis")) {
          int axis = Constants.integer(fn, "axis", a.get("axis"), env);
          if (axis != -1 && axis != x.type().rank() - 1) {
            throw new CompileError(DiagnosticId.InvalidArgument, Messages.lastAxisOnly(fn), env.at(a.get("axis").column()));
          }
        }
        boolean log = fn.equals("log_softmax");
        yield emit(env, fn, log ? "LogSoftmax" : "Softmax", a, new Op.Softmax(log), List.of(x), col);
      }
      case "conv2d" -> {
        Map<String, Expr> a = bind(call, env, fn, 4, "input", "filter", "strides", "padding", "use_cudnn_on_gpu",
            "data_format", "dilations", "name", "filters");
        if (!a.containsKey("filter") && a.containsKey("filters")) {
          a.put("filter", a.get("filters"));
        }
        nhwc(fn, a, env);
        Node x = tensor(a, "input", env);
        Node w = tensor(a, "filter", env);
        int[] strides = windowVector(fn, "strides", a.get("strides"), env);
        boolean same = Constants.padding(fn, a.get("padding"), env);
        yield emit(env, fn, "Conv2D", a, new Op.Conv2D(strides, same), List.of(x, w), col);
      }
      case "max_pool", "avg_pool" -> {
        Map<String, Expr> a = bind(call, env, fn, 4, "value", "ksize", "strides", "padding", "data_format", "name", "input");
        if (!a.containsKey("value") && a.containsKey("input")) {
          a.put("value", a.get("input"));
        }
        nhwc(fn, a, env);
        Node x = tensor(a, "value", env);
        int[] ksize = windowVector(fn, "ksize", a.get("ksize"), env);
        int[] strides = windowVector(fn, "strides", a.get("strides"), env);
        boolean same = Constants.padding(fn, a.get("padding"), env);
        boolean max = fn.equals("max_pool");
        yield emit(env, fn, max ? "MaxPool" : "AvgPool", a, new Op.Pool(max, ksize, strides, same), List.of(x), col);
      }
      case "dropout" -> {
        Map<String, Expr> a = bind(call, env, fn, 1, "x", "keep_prob", "noise_shape", "seed", "name", "rate");
        Node x = tensor(a, "x", env);
        Node keep;
        if (a.containsKey("keep_prob") == a.containsKey("rate")) {
          throw new CompileError(DiagnosticId.ArgumentCount, Messages.keepProbOrRate(fn), env.at(col));
        } else if (a.containsKey("rate")) {
          double rate = Constants.number(fn, "rate", a.get("rate"), env);
          keep = lowering.builder.constant(env, 1 - rate, DType.FLOAT32);
        } else {
          keep = lowering.operand(a.get("keep_prob"), x, env);
        }
        if (a.containsKey("noise_shape") && !(a.get("noise_shape") instanceof Expr.None)) {
          throw new CompileError(DiagnosticId.InvalidArgument, Messages.unsupportedArgument(fn, "noise_shape"),
              env.at(a.get("noise_shape").column()));
        }
        yield emit(env, fn, "dropout", a, new Op.Dropout(), List.of(x, keep), col);
      }
      case "l2_loss" -> {
        Map<String, Expr> a = bind(call, env, fn, 1, "t", "name");
        yield emit(env, fn, "L2Loss", a, new Op.L2Loss(), List.of(tensor(a, "t", env)), col);
      }
      case "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "labels", "logits", "dim", "name");
        Node labels = tensor(a, "labels", env);
        Node logits = tensor(a, "logits", env);
        yield emit(env, fn, "softmax_cross_entropy_with_logits", a, new Op.SoftmaxCrossEntropy(fn.endsWith("_v2")),
            List.of(labels, logits), col);
      }
      case "sparse_softmax_cross_entropy_with_logits" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "labels", "logits", "name");
        Node labels = tensor(a, "labels", env);
        Node logits = tensor(a, "logits", env);
        yield emit(env, fn, "SparseSoftmaxCrossEntropyWithLogits", a, new Op.SparseSoftmaxCrossEntropy(),
            List.of(labels, logits), col);
      }
      case "sigmoid_cross_entropy_with_logits" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "labels", "logits", "name");
        Node labels = tensor(a, "labels", env);
        Node logits = tensor(a, "logits", env);
        yield emit(env, fn, "logistic_loss", a, new Op.SigmoidCrossEntropy(), List.of(labels, logits), col);
      }
      default -> throw new IllegalStateException(fn + " is not a function of " + getClass().getSimpleName());
    };
  }

  private static void nhwc(String fn, Map<String, Expr> args, Env env) {
    if (args.containsKey("data_format") && !"NHWC".equals(Constants.string(fn, "data_format", args.get("data_format"), env))) {
      throw new CompileError(DiagnosticId.InvalidArgument, Messages.dataFormat(fn), env.at(args.get("data_format").column()));
    }
    if (args.containsKey("dilations")) {
      int[] d = Constants.integers(fn, "dilations", args.get("dilations"), env);
      for (int v : d) {
        if (v != 1) {
          throw new CompileError(DiagnosticId.InvalidArgument, Messages.unsupportedArgument(fn, "dilations"),
              env.at(args.get("dilations").column()));
        }
      }
    }
  }

  /** A TensorFlow 4-vector {@code [1, h, w, 1]} of window sizes or strides. */
  private static int[] windowVector(String fn, String parameter, Expr expr, Env env) {
    int[] v = Constants.integers(fn, parameter, expr, env);
    if (v.length != 4 || v[0] != 1 || v[3] != 1 || v[1] < 1 || v[2] < 1) {
      throw new CompileError(DiagnosticId.InvalidArgument, Messages.windowVector(fn, parameter, java.util.Arrays.toString(v)),
          env.at(expr.column()));
    }
    return v;
  }

  /** {@code tf.layers.dense}: variables {@code name/kernel} (glorot_uniform) and {@code name/bias} (zeros). */
}
