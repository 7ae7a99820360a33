package org.staticflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A scalar loss of the model: an {@link Output} that training minimises. {@code forward()} computes it
 * like any output.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Loss {
  /** The expression; it must have a scalar result of type {@code float32}. */
  String value();
}
