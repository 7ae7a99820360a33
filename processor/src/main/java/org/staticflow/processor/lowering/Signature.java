package org.staticflow.processor.lowering;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.parsing.Expr;

/**
 * A function's parameters in TensorFlow's order; the first {@code required} must be given. Binds a
 * call's positional and keyword arguments to parameter names, as Python does.
 */
record Signature(String function, int required, List<String> parameters) {

  static Signature of(String function, int required, String... parameters) {
    return new Signature(function, required, Arrays.asList(parameters));
  }

  /** Parameter name to argument expression, for the given arguments only. */
  Map<String, Expr> bind(Expr.Call call, Env env) {
    Map<String, Expr> bound = new HashMap<>();
    if (call.args().size() > parameters.size()) {
      throw count(call, env);
    }
    for (int i = 0; i < call.args().size(); i++) {
      bound.put(parameters.get(i), call.args().get(i));
    }
    for (Expr.Keyword keyword : call.keywords()) {
      if (!parameters.contains(keyword.name())) {
        throw new CompileError(DiagnosticId.UnknownKeyword,
            Messages.unknownKeyword(function, keyword.name(), parameters), env.at(keyword.column()));
      }
      if (bound.put(keyword.name(), keyword.value()) != null) {
        throw new CompileError(DiagnosticId.UnknownKeyword,
            Messages.repeatedKeyword(function, keyword.name()), env.at(keyword.column()));
      }
    }
    for (int i = 0; i < required; i++) {
      if (!bound.containsKey(parameters.get(i))) {
        throw count(call, env);
      }
    }
    return bound;
  }

  private CompileError count(Expr.Call call, Env env) {
    int given = call.args().size() + call.keywords().size();
    return new CompileError(DiagnosticId.ArgumentCount,
        Messages.argumentCount(function, required, parameters, given), env.at(call.column()));
  }
}
