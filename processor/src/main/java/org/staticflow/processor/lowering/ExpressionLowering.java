package org.staticflow.processor.lowering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.discovery.OutputDecl;
import org.staticflow.processor.ir.BinaryKind;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.UnaryKind;
import org.staticflow.processor.parsing.Expr;
import org.staticflow.processor.parsing.ParseException;
import org.staticflow.processor.parsing.Parser;
import org.staticflow.processor.passes.InferenceError;
import org.staticflow.processor.passes.ShapeInference;

/** Lowers expressions: names, operators, layer applications; functions are in {@link Functions}. */
final class ExpressionLowering {
  final GraphBuilder builder;
  private final Functions functions;
  private final Map<OutputDecl, Expr> parsed = new IdentityHashMap<>();

  ExpressionLowering(GraphBuilder builder) {
    this.builder = builder;
    this.functions = new Functions(this);
  }

  /** The node of parameterless output {@code decl} of {@code scope}, lowering it on first use. */
  Node output(ScopeInstance scope, OutputDecl decl) {
    String member = decl.memberName();
    Node done = scope.outputs.get(member);
    if (done != null) {
      return done;
    }
    if (!scope.lowering.add(member)) {
      throw new CompileError(DiagnosticId.OutputCycle, Messages.outputCycle(member), decl.location());
    }
    Env env = new Env(scope, Map.of(), prefixOf(scope), decl.location());
    Node node = lower(parse(decl), env);
    scope.lowering.remove(member);
    scope.outputs.put(member, node);
    return node;
  }

  /** The name scope of a layer's parameterless outputs ({@code ""} for the model), chosen on first use. */
  private String prefixOf(ScopeInstance scope) {
    if (scope.parent == null) {
      return "";
    }
    if (scope.outputPrefix == null) {
      scope.outputPrefix = builder.graph.uniqueName(prefixOf(scope.parent) + scope.scopeName) + "/";
    }
    return scope.outputPrefix;
  }

  Expr parse(OutputDecl decl) {
    return parsed.computeIfAbsent(decl, d -> {
      try {
        return Parser.parse(d.expression());
      } catch (ParseException e) {
        throw new CompileError(DiagnosticId.Syntax, e.getMessage(), d.location().at(e.column()));
      }
    });
  }

  Node lower(Expr expr, Env env) {
    if (expr instanceof Expr.Num num) {
      return builder.constant(env, num.value(), DType.FLOAT32);
    }
    if (expr instanceof Expr.Name name) {
      return resolve(name, env);
    }
    if (expr instanceof Expr.Neg neg) {
      Node operand = lower(neg.operand(), env);
      return emit(env, "negative", "Neg", null, new Op.Unary(UnaryKind.NEG), List.of(operand), neg.column());
    }
    if (expr instanceof Expr.Binary binary) {
      return binary(binary, env);
    }
    if (expr instanceof Expr.Call call) {
      return call(call, env);
    }
    throw new CompileError(DiagnosticId.InvalidArgument, Messages.notATensorLiteral(describe(expr)), env.at(expr.column()));
  }

  /** Lowers a tensor operand; a number literal becomes a constant of {@code like}'s dtype (Python scalars adapt). */
  Node operand(Expr expr, Node like, Env env) {
    if (expr instanceof Expr.Num num && like != null) {
      return builder.constant(env, num.value(), like.type().dtype());
    }
    return lower(expr, env);
  }

  private Node binary(Expr.Binary binary, Env env) {
    Node left = binary.left() instanceof Expr.Num ? null : lower(binary.left(), env);
    Node right = operand(binary.right(), left, env);
    if (left == null) {
      left = operand(binary.left(), right, env);
    }
    return switch (binary.op()) {
      case '+' -> emit(env, "+", "add", null, new Op.Binary(BinaryKind.ADD), List.of(left, right), binary.column());
      case '-' -> emit(env, "-", "sub", null, new Op.Binary(BinaryKind.SUB), List.of(left, right), binary.column());
      case '*' -> emit(env, "*", "mul", null, new Op.Binary(BinaryKind.MUL), List.of(left, right), binary.column());
      case '/' -> emit(env, "/", "truediv", null, new Op.Binary(BinaryKind.DIV), List.of(left, right), binary.column());
      case '@' -> emit(env, "matmul", "MatMul", null, new Op.MatMul(false, false), List.of(left, right), binary.column());
      default -> throw new IllegalStateException("operator " + binary.op());
    };
  }

  /**
   * Creates a node: infers its type (reporting rule violations at {@code column}) and names it
   * {@code prefix + (explicitName or defaultName)}, made unique.
   */
  Node emit(Env env, String fn, String defaultName, String explicitName, Op op, List<Node> inputs, int column) {
    TensorType type;
    try {
      type = ShapeInference.infer(fn, op, inputs.stream().map(Node::type).toList());
    } catch (InferenceError e) {
      throw new CompileError(e.id(), e.getMessage(), env.at(column));
    }
    String name = builder.graph.uniqueName(env.namePrefix() + (explicitName != null ? explicitName : defaultName));
    return builder.graph.add(name, op, inputs, type);
  }

  /** A name in tensor position: parameter, input, variable, output, or a member of a layer. */
  private Node resolve(Expr.Name name, Env env) {
    String[] parts = name.name().split("\\.");
    Node parameter = env.parameters().get(parts[0]);
    if (parameter != null && parts.length == 1) {
      return parameter;
    }
    ScopeInstance scope = env.scope();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      ScopeInstance layer = scope.layers.get(part);
      if (layer != null) {
        if (last) {
          throw new CompileError(DiagnosticId.NotATensor, Messages.layerAsTensor(name.name()), env.at(name.column()));
        }
        scope = layer;
        continue;
      }
      Node member = member(scope, part, name, env);
      if (member == null || !last) {
        throw unknownName(name, env);
      }
      return member;
    }
    throw unknownName(name, env);
  }

  private Node member(ScopeInstance scope, String part, Expr.Name name, Env env) {
    Node node = scope.inputs.get(part);
    if (node == null) {
      node = scope.variables.get(part);
    }
    if (node == null) {
      OutputDecl output = scope.decl.output(part).orElse(null);
      if (output != null && output.isFunction()) {
        throw new CompileError(DiagnosticId.NotATensor, Messages.functionAsTensor(name.name()), env.at(name.column()));
      }
      if (output != null) {
        node = output(scope, output);
      }
    }
    return node;
  }

  private CompileError unknownName(Expr.Name name, Env env) {
    return new CompileError(DiagnosticId.UnknownName, Messages.unknownName(name.name(), known(env)), env.at(name.column()));
  }

  /** The names an expression in {@code env} may use, for the message. */
  private static List<String> known(Env env) {
    List<String> names = new ArrayList<>(env.parameters().keySet());
    names.addAll(env.scope().inputs.keySet());
    names.addAll(env.scope().variables.keySet());
    env.scope().decl.outputs().stream().filter(o -> !o.isFunction()).forEach(o -> names.add(o.memberName()));
    names.addAll(env.scope().layers.keySet());
    return names;
  }

  private Node call(Expr.Call call, Env env) {
    String[] parts = call.callee().name().split("\\.");
    ScopeInstance layer = env.scope() == null ? null : env.scope().layers.get(parts[0]);
    if (layer != null && !env.parameters().containsKey(parts[0])) {
      int i = 1;
      while (i < parts.length && layer.layers.containsKey(parts[i])) {
        layer = layer.layers.get(parts[i]);
        i++;
      }
      if (i < parts.length - 1) {
        throw new CompileError(DiagnosticId.UnknownName, Messages.unknownName(call.callee().name(), List.copyOf(layer.layers.keySet())),
            env.at(call.column()));
      }
      return applyLayer(layer, i < parts.length ? parts[i] : null, call, env);
    }
    if (parts.length == 1 && !env.parameters().containsKey(parts[0])) {
      OutputDecl sibling = env.scope().decl.output(parts[0]).filter(OutputDecl::isFunction).orElse(null);
      if (sibling != null) {
        // Another function of the same layer: inlined in the current name scope, like a Python helper.
        return applyFunction(env.scope(), sibling, call, env, env.namePrefix());
      }
    }
    if (functions.has(call.callee().name())) {
      return functions.lower(call, env);
    }
    if (env.parameters().containsKey(parts[0]) || env.scope().inputs.containsKey(parts[0])
        || env.scope().variables.containsKey(parts[0]) || env.scope().decl.output(parts[0]).isPresent()) {
      throw new CompileError(DiagnosticId.NotATensor, Messages.notCallable(call.callee().name()), env.at(call.column()));
    }
    throw new CompileError(DiagnosticId.UnknownOp,
        Messages.unknownOp(call.callee().name(), Functions.suggestion(call.callee().name())), env.at(call.column()));
  }

  /** Applies a layer function in a fresh name scope of the layer, reusing the layer's variables. */
  private Node applyLayer(ScopeInstance layer, String function, Expr.Call call, Env env) {
    List<OutputDecl> candidates = layer.decl.functions();
    OutputDecl target;
    if (function == null) {
      if (candidates.size() != 1) {
        throw new CompileError(DiagnosticId.InvalidArgument,
            Messages.ambiguousLayerCall(call.callee().name(), layer.decl.type().getSimpleName().toString(),
                candidates.stream().map(OutputDecl::memberName).toList()),
            env.at(call.column()));
      }
      target = candidates.get(0);
    } else {
      target = candidates.stream().filter(c -> c.memberName().equals(function)).findFirst().orElseThrow(
          () -> new CompileError(DiagnosticId.UnknownName,
              Messages.unknownLayerFunction(function, layer.decl.type().getSimpleName().toString(),
                  candidates.stream().map(OutputDecl::memberName).toList()),
              env.at(call.column())));
    }
    return applyFunction(layer, target, call, env, null);
  }

  /**
   * Binds the arguments of {@code call} (lowered in the caller's {@code env}) to the parameters of
   * layer function {@code target} and lowers its expression in {@code layer}'s scope, under
   * {@code prefix}, or a fresh name scope of the layer when {@code prefix} is null.
   */
  private Node applyFunction(ScopeInstance layer, OutputDecl target, Expr.Call call, Env env, String prefix) {
    String[] parameters = target.parameters().toArray(String[]::new);
    Map<String, Expr> bound =
        Signature.of(call.callee().name(), parameters.length, parameters).bind(call, env);
    Map<String, Node> arguments = new LinkedHashMap<>();
    for (String parameter : parameters) {
      arguments.put(parameter, lower(bound.get(parameter), env));
    }
    String scope = prefix != null ? prefix : builder.graph.uniqueName(env.namePrefix() + layer.scopeName) + "/";
    if (!layer.lowering.add("#" + target.memberName())) {
      throw new CompileError(DiagnosticId.OutputCycle, Messages.outputCycle(target.memberName()), target.location());
    }
    Node result;
    try {
      result = lower(parse(target), new Env(layer, arguments, scope, target.location()));
    } catch (CompileError error) {
      // Reported on the layer function; say which application got there.
      throw error.within(Messages.appliedBy(env.location().element().getSimpleName().toString(), call.column(),
          env.location().text()));
    }
    layer.lowering.remove("#" + target.memberName());
    return result;
  }

  /** {@code dense} variables already created, by call site, so that re-applying a layer reuses them. */
  final Map<String, String> denseNames = new HashMap<>();

  /** Whether a call site under {@code variablePrefix} already took dense layer name {@code name}. */
  boolean denseSites(String name, String variablePrefix) {
    return denseNames.entrySet().stream()
        .anyMatch(e -> e.getValue().equals(name) && e.getKey().endsWith(":" + variablePrefix));
  }

  private static String describe(Expr expr) {
    if (expr instanceof Expr.Str) return "a string";
    if (expr instanceof Expr.Bool) return "a boolean";
    if (expr instanceof Expr.None) return "None";
    if (expr instanceof Expr.ListExpr) return "a list";
    return "an expression";
  }
}
