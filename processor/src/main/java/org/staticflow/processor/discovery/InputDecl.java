package org.staticflow.processor.discovery;

import javax.lang.model.element.ExecutableElement;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.ir.TensorType;

/**
 * An {@code @Input} member.
 *
 * @param member the accessor
 * @param name the node name
 * @param type dtype and shape, {@code -1} as {@link TensorType#BATCH}
 * @param location the annotation
 */
public record InputDecl(ExecutableElement member, String name, TensorType type, Location location) {}
