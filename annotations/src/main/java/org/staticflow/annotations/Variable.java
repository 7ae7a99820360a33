package org.staticflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A variable of the enclosing model or layer, named {@code scope/name} in the variable registry and in
 * checkpoints. The member returns the variable's buffer.
 *
 * <pre>{@code
 * @Variable(name = "weights", shape = {784, 500}, init = "truncated_normal(stddev=0.1)",
 *           regularizer = "l2(0.0001)")
 * Tensor weights();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Variable {
  /** The name within the scope; the member name when empty. May contain {@code /}. */
  String name() default "";

  /** The static shape; every dimension is a compile-time constant {@code >= 0}. Empty: a scalar. */
  int[] shape() default {};

  /** The element type: {@code float32} (default), {@code int32} or {@code int64}. */
  String dtype() default "float32";

  /**
   * The initializer, with TensorFlow 1.x names and defaults: {@code zeros}, {@code ones},
   * {@code constant(v)}, {@code random_uniform(minval=0, maxval=1)}, {@code random_normal(mean=0,
   * stddev=1)}, {@code truncated_normal(mean=0, stddev=1)} (redraws values beyond two standard
   * deviations), {@code glorot_uniform} (uniform in {@code ±sqrt(6 / (fan_in + fan_out))}).
   */
  String init() default "zeros";

  /** Whether optimizers update this variable (TensorFlow's {@code trainable_variables} collection). */
  boolean trainable() default true;

  /** A regularizer added to the losses: {@code l2(scale)} is {@code scale * sum(w^2) / 2}. Empty: none. */
  String regularizer() default "";
}
