package org.staticflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An input (TensorFlow placeholder) of a model. The member returns the buffer to fill before
 * {@code forward()}; it is replaced only when the batch size changes.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Input {
  /** The node name, e.g. {@code x-input} or {@code inputs/x_input}; the member name when empty. */
  String name() default "";

  /** The static shape; {@code -1} (at most once) marks the batch dimension. Empty: a scalar. */
  int[] shape() default {};

  /** The element type: {@code float32} (default), {@code int32}, {@code int64} or {@code bool}. */
  String dtype() default "float32";
}
