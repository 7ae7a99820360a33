package org.staticflow.processor.lowering;

import java.util.Map;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.ir.Node;

/**
 * Where an expression is lowered: the scope whose members its names refer to, the bound parameters of a
 * layer function, the name scope for new op names ({@code ""} or {@code "layer1/"}), and the source
 * location of the expression text.
 */
record Env(ScopeInstance scope, Map<String, Node> parameters, String namePrefix, Location location) {

  /** The location of the token at {@code column}. */
  Location at(int column) {
    return location.at(column);
  }
}
