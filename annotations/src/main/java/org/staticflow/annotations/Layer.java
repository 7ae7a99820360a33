package org.staticflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an interface: a reusable layer type, a TensorFlow variable scope whose {@link Variable}s,
 * parameterless {@link Output}s, nested {@code @Layer} members and layer functions (an {@link Output}
 * method with {@code Tensor} parameters) are declared like a model's.
 *
 * <p>On a member of a model or layer (a method without parameters returning a {@code @Layer} type): an
 * instance of that layer in the variable scope {@link #value()} (the member name when empty). Two members
 * of one layer type are two sets of variables; applying one member twice ({@code layer1(layer1(x))})
 * reuses its variables, as TensorFlow's {@code reuse=True} does, and opens the name scope
 * {@code layer1_1} for the second application's operations.
 *
 * <p>In an expression, {@code layer1(x)} applies the layer's only layer function; {@code layer1.f(x)}
 * names one; {@code layer1.weights} reads a variable or parameterless output of the layer.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Layer {
  /** The variable scope name for a layer member; ignored on a type. */
  String value() default "";
}
