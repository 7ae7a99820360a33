package org.staticflow.samples.tutorials.regression;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The tutorial's regression program in TensorFlow (TensorFlow Java 1.0.0, the C++ kernels of Python
 * TensorFlow), built op for op as TF1's Python builds it:
 *
 * <pre>
 * alpha = tf.Variable(tf.zeros([1]))                      # VariableV2 + Assign + alpha/read
 * beta = tf.Variable(initial_beta)                        # the same start as Staticflow's run
 * y_hat = beta * x_data + alpha                           # Mul, Add (x_data, y_data: float32 Consts)
 * loss = tf.reduce_mean(tf.square(y_hat - y_data))        # Sub, Square, Mean
 * train = tf.train.GradientDescentOptimizer(rate).minimize(loss)
 *                                                         # tf.gradients + ApplyGradientDescent per variable
 * </pre>
 *
 * One {@link #step()} runs {@code train} (both {@code ApplyGradientDescent} ops in one session run, as
 * {@code sess.run(train)} does; neither gradient reads a variable after the forward pass, so the result does
 * not depend on the order the executor picks).
 */
final class TensorFlowRegression implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Output<?> alpha;
  private final Output<?> beta;
  private final List<GraphOperation> train;

  TensorFlowRegression(RegressionData data, float learningRate, float initialBeta) {
    Output<?> x = constant("Const", data.x(), data.size());
    Output<?> y = constant("Const_1", data.y(), data.size());
    alpha = variable("alpha", 0f);
    beta = variable("beta", initialBeta);
    Output<?> alphaRead = op("Identity", "alpha/read", alpha);
    Output<?> betaRead = op("Identity", "beta/read", beta);
    Output<?> yHat = op("Add", "add", op("Mul", "mul", betaRead, x), alphaRead);
    Output<?> square = op("Square", "Square", op("Sub", "sub", yHat, y));
    Output<?> loss;
    try (TInt32 axes = TInt32.vectorOf(0)) {
      Output<?> reduction = builder("Const", "Const_2").setAttr("dtype", DataType.DT_INT32).setAttr("value", axes)
          .build().output(0);
      loss = op("Mean", "Mean", square, reduction);
    }
    Output<?>[] gradients =
        graph.addGradients("gradients", new Output<?>[] {loss}, new Output<?>[] {alphaRead, betaRead}, null);
    Output<?> rate = scalar("GradientDescent/learning_rate", learningRate);
    train = List.of(
        builder("ApplyGradientDescent", "GradientDescent/update_alpha/ApplyGradientDescent")
            .addInput(alpha).addInput(rate).addInput(gradients[0]).build(),
        builder("ApplyGradientDescent", "GradientDescent/update_beta/ApplyGradientDescent")
            .addInput(beta).addInput(rate).addInput(gradients[1]).build());
    session = new Session(graph);
    session.runner().addTarget("alpha/Assign").addTarget("beta/Assign").run().close();
  }

  /** {@code sess.run(train)}. */
  void step() {
    Session.Runner runner = session.runner();
    train.forEach(runner::addTarget);
    runner.run().close();
  }

  /** {@code sess.run(alpha)[0]}. */
  float alpha() {
    return read(alpha);
  }

  /** {@code sess.run(beta)[0]}. */
  float beta() {
    return read(beta);
  }

  private float read(Output<?> variable) {
    try (Result result = session.runner().fetch(variable).run()) {
      return ((TFloat32) result.get(0)).getFloat(0);
    }
  }

  private Output<?> variable(String name, float initial) {
    Output<?> ref = builder("VariableV2", name).setAttr("shape", Shape.of(1)).setAttr("dtype", DataType.DT_FLOAT)
        .build().output(0);
    Output<?> value = constant(name + "/initial_value", new float[] {initial}, 1);
    builder("Assign", name + "/Assign").addInput(ref).addInput(value).build();
    return ref;
  }

  private Output<?> constant(String name, float[] values, long... dims) {
    try (TFloat32 value = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(values, true, false))) {
      return builder("Const", name).setAttr("dtype", DataType.DT_FLOAT).setAttr("value", value).build().output(0);
    }
  }

  private Output<?> scalar(String name, float value) {
    try (TFloat32 tensor = TFloat32.scalarOf(value)) {
      return builder("Const", name).setAttr("dtype", DataType.DT_FLOAT).setAttr("value", tensor).build().output(0);
    }
  }

  private Output<?> op(String type, String name, Output<?>... inputs) {
    GraphOperationBuilder builder = builder(type, name);
    for (Output<?> input : inputs) {
      builder.addInput(input);
    }
    return builder.build().output(0);
  }

  private GraphOperationBuilder builder(String type, String name) {
    return graph.opBuilder(type, name, graph.baseScope());
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
