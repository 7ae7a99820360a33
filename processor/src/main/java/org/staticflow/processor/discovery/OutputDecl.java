package org.staticflow.processor.discovery;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import org.staticflow.processor.diagnostics.Location;

/**
 * An {@code @Output} or {@code @Loss} member. With parameters it is a layer function.
 *
 * @param member the accessor or function
 * @param expression the expression text
 * @param loss whether it is a {@code @Loss}
 * @param parameters the function's parameter names (empty for a plain output)
 * @param location the annotation value holding the expression
 */
public record OutputDecl(
    ExecutableElement member, String expression, boolean loss, List<String> parameters, Location location) {

  public String memberName() {
    return member.getSimpleName().toString();
  }

  public boolean isFunction() {
    return !parameters.isEmpty();
  }
}
