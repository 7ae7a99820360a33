package org.staticflow.runtime.interop.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow training a network the way a TF1 program runs {@code sess.run([train_op, loss], feed_dict)}:
 * one session call computes the loss, TensorFlow's gradients and every variable's {@code Apply*} update and
 * increments {@code global_step}; only an optimizer with a {@code _finish} phase (Adam's beta powers) adds
 * a second, tiny call, since TF1 orders it after the updates with control dependencies. This is the
 * speed baseline of the benchmarks; {@link TensorFlowTraining}, which runs each phase separately to be
 * deterministic, is the numeric oracle.
 *
 * <p>The feeds are TensorFlow tensors allocated once: {@link #images()} and {@link #labels()} are copied
 * into them on each call, as a program feeding arrays would.
 */
public final class TensorFlowTrainStep implements AutoCloseable {
  private final Graph graph = new Graph();
  private final GraphBuilder g = new GraphBuilder(graph);
  private final Session session;
  private final TFloat32 imageFeed;
  private final TFloat32 labelFeed;
  private final TFloat32 trainingKeepProb = TFloat32.scalarOf(0.5f);
  private final float[] images;
  private final float[] labels;
  private final Output<?> imagePlaceholder;
  private final Output<?> labelPlaceholder;
  private final Output<?> logits;
  private final Output<?> totalLoss;
  private final List<GraphOperation> updates = new ArrayList<>();
  private final List<GraphOperation> finish;
  private final boolean hasKeepProb;

  /**
   * @param network the model
   * @param initialValues every variable's starting value by name
   * @param optimizer the update rule
   * @param batch the batch size of every call
   */
  public TensorFlowTrainStep(TensorFlowNetwork network, Map<String, float[]> initialValues,
      TensorFlowOptimizer optimizer, int batch) {
    SparseSoftmaxCrossEntropyGradient.register();
    TensorFlowVariables variables = new TensorFlowVariables(g);
    Map<String, Output<?>> reads = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (TensorFlowNetwork.Variable variable : network.variables()) {
      Output<?> ref = variables.createFloat(variable.name(), initialValues.get(variable.name()), variable.shape());
      reads.put(variable.name(), g.op("Identity", variable.name() + "/read", ref));
      names.add(variable.name());
    }
    imagePlaceholder = g.placeholder("x-input", DataType.DT_FLOAT);
    labelPlaceholder = g.placeholder("y-input", DataType.DT_FLOAT);
    logits = network.logits(g, imagePlaceholder, reads);
    totalLoss = TotalLoss.build(g, network, logits, labelPlaceholder, reads);
    Output<?>[] xs = reads.values().toArray(new Output<?>[0]);
    List<Output<?>> gradients = List.of(graph.addGradients("gradients", new Output<?>[] {totalLoss}, xs, null));
    Output<?> globalStep = variables.createLongScalar("global_step", 0);
    TensorFlowOptimizer.Update update = optimizer.build(g, variables, names, gradients);
    updates.addAll(update.apply());
    updates.add(g.operation("AssignAdd", "global_step/AssignAdd", globalStep, g.longScalar("global_step/one", 1L)));
    finish = update.finish();
    hasKeepProb = graph.operation(SeedCnnNetwork.KEEP_PROB) != null;
    session = new Session(graph);
    variables.initialize(session);
    images = new float[batch * network.inputSize()];
    labels = new float[batch * network.classes()];
    imageFeed = TFloat32.tensorOf(Shape.of(batch, network.inputSize()));
    labelFeed = TFloat32.tensorOf(Shape.of(batch, network.classes()));
  }

  /** The batch's images, {@code [batch, inputSize]}; fill before {@link #step()} or {@link #logits()}. */
  public float[] images() {
    return images;
  }

  /** The batch's one-hot labels, {@code [batch, classes]}. */
  public float[] labels() {
    return labels;
  }

  /** One training step (dropout active where the network has it); returns the loss before the update. */
  public float step() {
    imageFeed.copyFrom(DataBuffers.of(images, true, false));
    labelFeed.copyFrom(DataBuffers.of(labels, true, false));
    Session.Runner runner = session.runner().feed(imagePlaceholder, imageFeed).feed(labelPlaceholder, labelFeed);
    if (hasKeepProb) {
      runner.feed(SeedCnnNetwork.KEEP_PROB, trainingKeepProb);
    }
    updates.forEach(runner::addTarget);
    float loss;
    try (Result result = runner.fetch(totalLoss).run()) {
      loss = ((TFloat32) result.get(0)).getFloat();
    }
    if (!finish.isEmpty()) {
      Session.Runner after = session.runner();
      finish.forEach(after::addTarget);
      after.run().close();
    }
    return loss;
  }

  /** Inference: the logits of {@link #images()} ({@code keep_prob} at its default 1), copied out. */
  public float[] logits(float[] out) {
    imageFeed.copyFrom(DataBuffers.of(images, true, false));
    try (Result result = session.runner().feed(imagePlaceholder, imageFeed).fetch(logits).run()) {
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
    imageFeed.close();
    labelFeed.close();
    trainingKeepProb.close();
  }
}
