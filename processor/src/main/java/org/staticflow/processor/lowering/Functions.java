package org.staticflow.processor.lowering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Initializer;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.ReduceKind;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.UnaryKind;
import org.staticflow.processor.ir.VariableDef;
import org.staticflow.processor.parsing.Expr;

/**
 * The functions of the language with TensorFlow 1.x's names, parameters (in TensorFlow's order, so
 * positional and keyword calls both work) and default node names. Module prefixes ({@code tf.},
 * {@code tf.nn.}, {@code tf.math.}, {@code tf.layers.}) are accepted so TF1 code can be pasted.
 */
final class Functions {
  private static final Set<String> PREFIXES = Set.of("tf", "nn", "math", "layers", "linalg");
  private static final Set<String> NAMES = Set.of(
      "matmul", "add", "subtract", "multiply", "divide", "maximum", "minimum", "bias_add", "negative",
      "square", "sqrt", "exp", "log", "abs", "relu", "relu6", "sigmoid", "tanh", "softmax", "log_softmax",
      "reshape", "transpose", "concat", "reduce_sum", "reduce_mean", "reduce_max", "argmax", "equal", "cast",
      "one_hot", "conv2d", "max_pool", "avg_pool", "dropout", "stop_gradient", "l2_loss",
      "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2",
      "sparse_softmax_cross_entropy_with_logits", "sigmoid_cross_entropy_with_logits", "dense", "identity");

  private final ExpressionLowering lowering;

  Functions(ExpressionLowering lowering) {
    this.lowering = lowering;
  }

  /** The function name without module prefixes: {@code tf.nn.relu} is {@code relu}. */
  static String plainName(String dotted) {
    String[] parts = dotted.split("\\.");
    int i = 0;
    while (i < parts.length - 1 && PREFIXES.contains(parts[i])) {
      i++;
    }
    return i == parts.length - 1 ? parts[i] : dotted;
  }

  boolean has(String dotted) {
    return NAMES.contains(plainName(dotted));
  }

  /** The known function closest to {@code dotted} (at most two edits away), or null. */
  static String suggestion(String dotted) {
    String name = plainName(dotted);
    String best = null;
    int bestDistance = 3;
    for (String candidate : new java.util.TreeSet<>(NAMES)) {
      int distance = editDistance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  Node lower(Expr.Call call, Env env) {
    String fn = plainName(call.callee().name());
    int col = call.column();
    return switch (fn) {
      case "matmul" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "a", "b", "transpose_a", "transpose_b", "name");
        Node x = tensor(a, "a", env);
        Node y = tensor(a, "b", env);
        yield emit(env, fn, "MatMul", a, new Op.MatMul(flag(a, "transpose_a", fn, env), flag(a, "transpose_b", fn, env)),
            List.of(x, y), col);
      }
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
      case "stop_gradient", "identity" -> {
        Map<String, Expr> a = bind(call, env, fn, 1, "input", "name");
        yield emit(env, fn, fn.equals("identity") ? "Identity" : "StopGradient", a,
            fn.equals("identity") ? new Op.Identity() : new Op.StopGradient(), List.of(tensor(a, "input", env)), col);
      }
      case "l2_loss" -> {
        Map<String, Expr> a = bind(call, env, fn, 1, "t", "name");
        yield emit(env, fn, "L2Loss", a, new Op.L2Loss(), List.of(tensor(a, "t", env)), col);
      }
      case "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2" -> {
        Map<String, Expr> a = bind(call, env, fn, 2, "labels", "logits", "dim", "name");
        Node labels = tensor(a, "labels", env);
        Node logits = tensor(a, "logits", env);
        yield emit(env, fn, "softmax_cross_entropy_with_logits", a, new Op.SoftmaxCrossEntropy(), List.of(labels, logits), col);
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
      case "dense" -> dense(call, env);
      default -> throw new IllegalStateException("function table lists " + fn + " without lowering it");
    };
  }

  private Map<String, Expr> bind(Expr.Call call, Env env, String fn, int required, String... parameters) {
    return new java.util.HashMap<>(Signature.of(fn, required, parameters).bind(call, env));
  }

  private Node tensor(Map<String, Expr> args, String parameter, Env env) {
    return lowering.lower(args.get(parameter), env);
  }

  /** Two tensor operands where a number literal adapts to the other's dtype. */
  private Node[] pair(Map<String, Expr> args, String first, String second, Env env) {
    Node x = args.get(first) instanceof Expr.Num ? null : lowering.lower(args.get(first), env);
    Node y = lowering.operand(args.get(second), x, env);
    if (x == null) {
      x = lowering.operand(args.get(first), y, env);
    }
    return new Node[] {x, y};
  }

  private Node emit(Env env, String fn, String defaultName, Map<String, Expr> args, Op op, List<Node> inputs, int col) {
    String name = args.containsKey("name") && !(args.get("name") instanceof Expr.None)
        ? Constants.string(fn, "name", args.get("name"), env) : null;
    return lowering.emit(env, fn, defaultName, name, op, inputs, col);
  }

  private boolean flag(Map<String, Expr> args, String parameter, String fn, Env env) {
    return args.containsKey(parameter) && Constants.bool(fn, parameter, args.get(parameter), env);
  }

  private Node binary(Expr.Call call, Env env, String fn, String defaultName, BinaryKind kind) {
    Map<String, Expr> a = bind(call, env, fn, 2, "x", "y", "name");
    Node[] xy = pair(a, "x", "y", env);
    return emit(env, fn, defaultName, a, new Op.Binary(kind), List.of(xy[0], xy[1]), call.column());
  }

  private Node unary(Expr.Call call, Env env, String fn, UnaryKind kind) {
    Map<String, Expr> a = bind(call, env, fn, 1, "x", "name");
    return emit(env, fn, kind.tfName(), a, new Op.Unary(kind), List.of(tensor(a, "x", env)), call.column());
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

  /** {@code axis} normalised to {@code [0, rank)}. */
  private static int axis(String fn, int axis, TensorType type, Env env, int column) {
    int normal = axis < 0 ? axis + type.rank() : axis;
    if (normal < 0 || normal >= type.rank()) {
      throw new CompileError(DiagnosticId.RankMismatch, Messages.axisOutOfRange(fn, axis, type.shapeString()), env.at(column));
    }
    return normal;
  }

  /** Resolves a reshape target: a {@code -1} becomes the batch dimension, or the one size that fits. */
  private static int[] reshape(String fn, TensorType in, int[] target, Env env, int column) {
    int unknown = -1;
    long product = 1;
    for (int i = 0; i < target.length; i++) {
      if (target[i] == -1) {
        if (unknown >= 0) {
          throw new CompileError(DiagnosticId.InvalidArgument, Messages.severalMinusOne(fn), env.at(column));
        }
        unknown = i;
      } else if (target[i] < 0) {
        throw new CompileError(DiagnosticId.InvalidArgument, Messages.negative(fn, "shape", target[i]), env.at(column));
      } else {
        product *= target[i];
      }
    }
    int[] dims = target.clone();
    long elements = in.staticElements();
    long batchDims = java.util.Arrays.stream(in.dims()).filter(d -> d == TensorType.BATCH).count();
    if (in.hasBatch()) {
      // The batch dimension must survive as one whole dimension: -1 stands for it.
      if (unknown < 0 || elements != product || batchDims > 1) {
        throw new CompileError(DiagnosticId.ShapeMismatch,
            Messages.reshape(fn, in.shapeString(), java.util.Arrays.toString(target).replace(" ", "")), env.at(column));
      }
      dims[unknown] = TensorType.BATCH;
      return dims;
    }
    if (unknown >= 0 && product != 0 && elements % product == 0) {
      dims[unknown] = (int) (elements / product);
      return dims;
    }
    if (unknown < 0 && elements == product) {
      return dims;
    }
    throw new CompileError(DiagnosticId.ShapeMismatch,
        Messages.reshape(fn, in.shapeString(), java.util.Arrays.toString(target).replace(" ", "")), env.at(column));
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
  private Node dense(Expr.Call call, Env env) {
    String fn = "dense";
    Map<String, Expr> a = bind(call, env, fn, 2, "inputs", "units", "activation", "use_bias", "name");
    Node x = tensor(a, "inputs", env);
    int units = Constants.integer(fn, "units", a.get("units"), env);
    if (x.type().rank() != 2) {
      throw new CompileError(DiagnosticId.RankMismatch, Messages.rank(fn, 2, x.type().shapeString()), env.at(call.column()));
    }
    if (x.type().dtype() != DType.FLOAT32) {
      throw new CompileError(DiagnosticId.DTypeMismatch, Messages.expectedFloat(fn, x.type().toString()), env.at(call.column()));
    }
    String variablePrefix = env.scope().variablePrefix;
    String layerName;
    if (a.containsKey("name")) {
      layerName = Constants.string(fn, "name", a.get("name"), env);
    } else {
      // An unnamed dense keeps the name it got the first time this call site was lowered, so applying the
      // enclosing layer again reuses its variables.
      String site = env.location().element().getEnclosingElement() + "#" + env.location().element() + ":"
          + call.column() + ":" + variablePrefix;
      layerName = lowering.denseNames.get(site);
      if (layerName == null) {
        String candidate = "dense";
        for (int i = 1; lowering.denseNames.containsValue(candidate) && lowering.denseSites(candidate, variablePrefix)
            || lowering.builder.existingVariable(variablePrefix + candidate + "/kernel") != null; i++) {
          candidate = "dense_" + i;
        }
        layerName = candidate;
        lowering.denseNames.put(site, layerName);
      }
    }
    int in = x.type().dim(1);
    if (in == TensorType.BATCH) {
      throw new CompileError(DiagnosticId.ShapeMismatch, Messages.dynamicSpatial(fn, x.type().shapeString()), env.at(call.column()));
    }
    Node kernel = variable(variablePrefix + layerName + "/kernel", new TensorType(DType.FLOAT32, in, units),
        new Initializer.GlorotUniform(in, units), env, call.column());
    boolean useBias = !a.containsKey("use_bias") || Constants.bool(fn, "use_bias", a.get("use_bias"), env);
    String scope = lowering.builder.graph.uniqueName(env.namePrefix() + layerName) + "/";
    Env inner = new Env(env.scope(), env.parameters(), scope, env.location());
    Node y = lowering.emit(inner, fn, "MatMul", null, new Op.MatMul(false, false), List.of(x, kernel), call.column());
    if (useBias) {
      Node bias = variable(variablePrefix + layerName + "/bias", new TensorType(DType.FLOAT32, units),
          new Initializer.Constant(0), env, call.column());
      y = lowering.emit(inner, fn, "BiasAdd", null, new Op.BiasAdd(), List.of(y, bias), call.column());
    }
    Expr activation = a.get("activation");
    if (activation == null || activation instanceof Expr.None) {
      return y;
    }
    String act = activation instanceof Expr.Name n ? plainName(n.name())
        : activation instanceof Expr.Str s ? s.value() : null;
    UnaryKind kind = act == null ? null : switch (act) {
      case "relu" -> UnaryKind.RELU;
      case "relu6" -> UnaryKind.RELU6;
      case "sigmoid" -> UnaryKind.SIGMOID;
      case "tanh" -> UnaryKind.TANH;
      default -> null;
    };
    if ("softmax".equals(act)) {
      return lowering.emit(inner, fn, "Softmax", null, new Op.Softmax(false), List.of(y), call.column());
    }
    if (kind == null) {
      throw new CompileError(DiagnosticId.InvalidArgument, Messages.unknownActivation(String.valueOf(act)),
          env.at(activation.column()));
    }
    return lowering.emit(inner, fn, kind.tfName(), null, new Op.Unary(kind), List.of(y), call.column());
  }

  private Node variable(String name, TensorType type, Initializer init, Env env, int column) {
    Node existing = lowering.builder.existingVariable(name);
    if (existing != null) {
      if (!existing.type().equals(type)) {
        throw new CompileError(DiagnosticId.ShapeMismatch,
            Messages.reusedVariableShape(name, existing.type().shapeString(), type.shapeString()), env.at(column));
      }
      return existing;
    }
    return lowering.builder.addVariable(new VariableDef(name, type, init, true, 0, List.of()), env.at(column));
  }
}
