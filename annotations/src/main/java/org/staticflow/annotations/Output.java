package org.staticflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A computed tensor. On a parameterless member, a node of the graph that {@code forward()} computes and
 * the member returns (the buffer itself, no copy). On a member of a {@link Layer} type with
 * {@code Tensor} parameters, a layer function: its expression may name the parameters and is inlined
 * wherever the layer is applied.
 *
 * <p>Expressions name inputs, variables, other outputs and layers by member name, for example
 * {@code "relu(input @ weights + biases)"}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Output {
  /** The expression. */
  String value();
}
