package org.staticflow.processor.lowering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.discovery.InputDecl;
import org.staticflow.processor.discovery.LayerDecl;
import org.staticflow.processor.discovery.OutputDecl;
import org.staticflow.processor.discovery.ScopeDecl;
import org.staticflow.processor.discovery.VariableDecl;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Initializer;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.ir.VariableDef;

/**
 * Builds the IR of one model: placeholders for the inputs, variables in declaration order (the model's
 * own, then each layer member's, depth first), then every output and loss in declaration order.
 */
public final class GraphBuilder {
  final Graph graph = new Graph();
  private final Map<String, VariableDef> variablesByName = new HashMap<>();
  private final ExpressionLowering expressions = new ExpressionLowering(this);

  private GraphBuilder() {}

  /**
   * Lowers a model.
   *
   * @throws CompileError at the first user error
   */
  public static Graph build(ScopeDecl model) {
    GraphBuilder builder = new GraphBuilder();
    ScopeInstance root = new ScopeInstance(model, "", "", null, List.of());
    for (InputDecl input : model.inputs()) {
      if (!builder.graph.reserve(input.name())) {
        throw new CompileError(DiagnosticId.DuplicateName, Messages.duplicateNode(input.name()), input.location());
      }
      checkReturnType(input.member(), input.type(), input.location());
      Node node = builder.graph.add(input.name(), new Op.Placeholder(), List.of(), input.type());
      root.inputs.put(input.member().getSimpleName().toString(), node);
      builder.graph.addInput(input.member().getSimpleName().toString(), node);
    }
    builder.declareVariables(root);
    for (OutputDecl output : model.outputs()) {
      Node node = builder.expressions.output(root, output);
      checkReturnType(output.member(), node.type(), output.location());
      if (output.loss() && (node.type().rank() != 0 || node.type().dtype() != DType.FLOAT32)) {
        throw new CompileError(DiagnosticId.LossNotScalar,
            Messages.lossNotScalar(output.memberName(), node.type().toString()), output.location());
      }
      builder.graph.addOutput(output.memberName(), node, output.loss());
    }
    builder.layerOutputs(root, "");
    return builder.graph;
  }

  /**
   * Lowers the parameterless outputs of every layer member (after the model's own, so they do not change
   * the model's node names), exposed as {@code layer1.member}.
   */
  private void layerOutputs(ScopeInstance scope, String path) {
    for (Map.Entry<String, ScopeInstance> entry : scope.layers.entrySet()) {
      ScopeInstance layer = entry.getValue();
      String prefix = path + entry.getKey() + ".";
      for (OutputDecl output : layer.decl.outputs()) {
        if (!output.isFunction()) {
          Node node = expressions.output(layer, output);
          checkReturnType(output.member(), node.type(), output.location());
          graph.addOutput(prefix + output.memberName(), node, false);
        }
      }
      layerOutputs(layer, prefix);
    }
  }

  /** Declares the variables of {@code scope} and its layers, depth first, in source order of the members. */
  private void declareVariables(ScopeInstance scope) {
    for (javax.lang.model.element.Element member : scope.decl.type().getEnclosedElements()) {
      String name = member.getSimpleName().toString();
      VariableDecl decl = scope.decl.variable(name).orElse(null);
      if (decl != null) {
        Initializer init = InitializerParser.initializer(decl.init(), decl.type(), decl.initLocation());
        double l2 = InitializerParser.l2Scale(decl.regularizer(), decl.regularizerLocation());
        List<String> path = new ArrayList<>(scope.path);
        path.add(name);
        VariableDef variable = new VariableDef(
            scope.variablePrefix + decl.name(), decl.type(), init, decl.trainable(), l2, List.copyOf(path));
        checkReturnType(decl.member(), decl.type(), decl.location());
        scope.variables.put(name, addVariable(variable, decl.location()));
      }
      LayerDecl layer = scope.decl.layer(name).orElse(null);
      if (layer != null) {
        List<String> path = new ArrayList<>(scope.path);
        path.add(name);
        ScopeInstance child = new ScopeInstance(
            layer.layer(), scope.variablePrefix + layer.scopeName() + "/", layer.scopeName(), scope, List.copyOf(path));
        scope.layers.put(name, child);
        declareVariables(child);
      }
    }
  }

  /** A member returning a tensor class (not {@code Tensor}) must name the class that holds its dtype. */
  private static void checkReturnType(javax.lang.model.element.ExecutableElement member, TensorType type, Location location) {
    javax.lang.model.type.TypeMirror returned = member.getReturnType();
    if (returned.getKind() != javax.lang.model.type.TypeKind.DECLARED) {
      return;
    }
    String simple = ((javax.lang.model.type.DeclaredType) returned).asElement().getSimpleName().toString();
    if (!simple.equals("Tensor") && !simple.equals(type.dtype().tensorClass())) {
      throw new CompileError(DiagnosticId.DTypeMismatch,
          Messages.returnTypeDtype(member.getSimpleName().toString(), simple, type.toString(), type.dtype().tensorClass()),
          location);
    }
  }

  /** Registers a variable and creates its node; the name must be new. */
  Node addVariable(VariableDef variable, Location location) {
    if (variablesByName.containsKey(variable.name()) || !graph.reserve(variable.name())) {
      throw new CompileError(DiagnosticId.DuplicateVariable, Messages.duplicateVariable(variable.name()), location);
    }
    variablesByName.put(variable.name(), variable);
    graph.addVariable(variable);
    return graph.add(variable.name(), new Op.Variable(variable), List.of(), variable.type());
  }

  /** The node of an existing variable, or null. */
  Node existingVariable(String name) {
    if (!variablesByName.containsKey(name)) {
      return null;
    }
    return graph.nodes().stream()
        .filter(n -> n.op() instanceof Op.Variable v && v.variable().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** A scalar constant node. */
  Node constant(Env env, double value, DType dtype) {
    return graph.add(graph.uniqueName(env.namePrefix() + "Const"), new Op.Const(value), List.of(), new TensorType(dtype));
  }
}
