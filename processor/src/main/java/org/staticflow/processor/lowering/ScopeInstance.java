package org.staticflow.processor.lowering;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.discovery.ScopeDecl;
import org.staticflow.processor.ir.Node;

/**
 * One instance of a model or layer type in the scope tree: the model itself, or a {@code @Layer} member
 * with its own variables.
 */
final class ScopeInstance {
  final ScopeDecl decl;
  /** Prefix of variable names: {@code ""} for the model, {@code "layer1/"} for a layer member. */
  final String variablePrefix;
  /** The scope name as written ({@code layer1}); empty for the model. */
  final String scopeName;
  /** The enclosing scope, or null for the model. */
  final ScopeInstance parent;
  /** Member names from the model type to this scope. */
  final List<String> path;
  final Map<String, Node> inputs = new LinkedHashMap<>();
  final Map<String, Node> variables = new LinkedHashMap<>();
  final Map<String, ScopeInstance> layers = new LinkedHashMap<>();
  /** Parameterless outputs already lowered. */
  final Map<String, Node> outputs = new LinkedHashMap<>();
  /** Outputs being lowered, in order, to report cycles. */
  final Set<String> lowering = new HashSet<>();
  /** Name prefix for this layer's parameterless outputs, chosen on first use. */
  String outputPrefix;

  ScopeInstance(ScopeDecl decl, String variablePrefix, String scopeName, ScopeInstance parent, List<String> path) {
    this.decl = decl;
    this.variablePrefix = variablePrefix;
    this.scopeName = scopeName;
    this.parent = parent;
    this.path = path;
  }
}
