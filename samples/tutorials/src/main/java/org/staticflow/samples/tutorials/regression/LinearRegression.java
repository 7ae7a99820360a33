package org.staticflow.samples.tutorials.regression;

import org.staticflow.annotations.Input;
import org.staticflow.annotations.Loss;
import org.staticflow.annotations.Model;
import org.staticflow.annotations.Output;
import org.staticflow.annotations.Variable;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * TensorFlow's first tutorial, linear regression: fit {@code y_hat = beta * x + alpha} to points by least
 * squares, {@code loss = reduce_mean(square(y_hat - y))}. {@code beta} is the slope (TensorFlow's
 * getting-started {@code W}, drawn from {@code random_uniform([1], -1, 1)}), {@code alpha} the intercept
 * ({@code b}, {@code zeros([1])}); both are saved under those names.
 */
@Model
public interface LinearRegression {
  /** The points' x values, one per example. */
  @Input(name = "x", shape = {-1}) FloatTensor x();

  /** The points' y values. */
  @Input(name = "y", shape = {-1}) FloatTensor y();

  /** The intercept. */
  @Variable(name = "alpha", shape = {1}, init = "zeros") FloatTensor alpha();

  /** The slope. */
  @Variable(name = "beta", shape = {1}, init = "random_uniform(minval=-1.0, maxval=1.0)") FloatTensor beta();

  /** The fitted line at every x. */
  @Output("beta * x + alpha") FloatTensor yHat();

  /** The mean squared error. */
  @Loss("reduce_mean(square(yHat - y))") FloatTensor loss();
}
