package org.staticflow.processor.ir;

import java.util.List;

/**
 * A model variable.
 *
 * @param name the scoped TensorFlow name, e.g. {@code layer1/weights}
 * @param type its static type (no batch dimension)
 * @param initializer how it is initialised
 * @param trainable whether optimizers update it
 * @param l2Scale the scale of an {@code l2} regularizer, or 0 for none
 * @param accessorPath the member names leading to the variable's accessor from the model type
 *     ({@code [layer1, weights]}), or empty for variables created by functions such as {@code dense}
 */
public record VariableDef(
    String name, TensorType type, Initializer initializer, boolean trainable, double l2Scale,
    List<String> accessorPath) {}
