package org.staticflow.processor.discovery;

import java.util.List;
import javax.lang.model.element.TypeElement;
import org.staticflow.processor.diagnostics.Location;

/**
 * A {@code @Model(graph = ...)} type: a frozen TensorFlow graph compiled in place of member expressions.
 *
 * @param type the interface (it declares no members of its own)
 * @param graph the graph's resource path as written, e.g. {@code models/cnn.pb}
 * @param inputs the placeholder node names to feed
 * @param outputs the node names to compute
 * @param graphLocation the {@code graph} value, where errors about the file are reported
 * @param inputsLocation the {@code inputs} value (or the annotation when absent)
 * @param outputsLocation the {@code outputs} value
 */
public record GraphModelDecl(
    TypeElement type, String graph, List<String> inputs, List<String> outputs,
    Location graphLocation, Location inputsLocation, Location outputsLocation) {

  /** The same type as a scope with no members, for the code writer. */
  public ScopeDecl asScope() {
    return new ScopeDecl(type, List.of(), List.of(), List.of(), List.of());
  }
}
