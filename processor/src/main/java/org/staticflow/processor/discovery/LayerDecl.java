package org.staticflow.processor.discovery;

import javax.lang.model.element.ExecutableElement;
import org.staticflow.processor.diagnostics.Location;

/**
 * A {@code @Layer} member: an instance of a layer type in a variable scope.
 *
 * @param member the accessor
 * @param scopeName the variable scope name
 * @param layer the layer type's declarations
 * @param location the annotation
 */
public record LayerDecl(ExecutableElement member, String scopeName, ScopeDecl layer, Location location) {}
