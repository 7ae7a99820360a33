package org.staticflow.processor.lowering;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Initializer;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.UnaryKind;
import org.staticflow.processor.ir.VariableDef;
import org.staticflow.processor.parsing.Expr;

/**
 * {@code tf.layers.dense}: creates (or, applied again at the same call site, reuses) {@code name/kernel}
 * and {@code name/bias}.
 */
final class DenseFunction extends FunctionSupport {
  static final Set<String> NAMES = Set.of("dense");

  DenseFunction(ExpressionLowering lowering) {
    super(lowering);
  }

  @Override
  Node lower(String fn, Expr.Call call, Env env) {
    int col = call.column();
    return switch (fn) {
      case "dense" -> dense(call, env);
      default -> throw new IllegalStateException(fn + " is not a function of " + getClass().getSimpleName());
    };
  }

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
    String act = activation instanceof Expr.Name n ? Functions.plainName(n.name())
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
