package org.staticflow.processor.discovery;

import javax.lang.model.element.ExecutableElement;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.ir.TensorType;

/**
 * A {@code @Variable} member, its initializer and regularizer still as text.
 *
 * @param member the accessor
 * @param name the name within the scope
 * @param type dtype and static shape
 * @param init the initializer expression
 * @param initLocation where the initializer is written
 * @param trainable whether optimizers update it
 * @param regularizer the regularizer expression, empty for none
 * @param regularizerLocation where the regularizer is written
 * @param location the annotation
 */
public record VariableDecl(
    ExecutableElement member, String name, TensorType type, String init, Location initLocation,
    boolean trainable, String regularizer, Location regularizerLocation, Location location) {}
