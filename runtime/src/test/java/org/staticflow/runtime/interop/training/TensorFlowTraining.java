package org.staticflow.runtime.interop.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * TensorFlow trains a {@link TensorFlowNetwork}: the oracle of training parity. One TF1-style graph with
 * reference variables ({@code VariableV2}) under TensorFlow's names, started from given values:
 *
 * <pre>
 * total_loss = reduce_mean(sparse_softmax_cross_entropy_with_logits(logits, argmax(labels, 1)))
 *            + add_n([scale * l2_loss(v) for each regularized v])      (TF1's collection of losses)
 * gradients  = tf.gradients(total_loss, [v/read for every variable])   (TensorFlow's own gradient ops)
 * </pre>
 *
 * and one {@link #step} is {@code optimizer.minimize(total_loss, global_step)} followed, if configured, by
 * {@code ExponentialMovingAverage(decay, num_updates=global_step).apply(tf.trainable_variables())}.
 *
 * <p>Every phase runs in its own session call, in this order: (1) the loss and all gradients, from one
 * forward pass; (2) every variable's {@code Apply*} kernel, fed those gradients; (3) the optimizer's
 * {@code _finish} ops (Adam's beta powers); (4) {@code global_step += 1}; (5) the moving averages, with
 * {@code num_updates} = the new {@code global_step}. A single TF1 {@code train_op} leaves some of this order
 * to the executor (with reference variables an {@code Apply*} kernel may even overwrite a variable while
 * another gradient still reads it), which would make the oracle nondeterministic; this is the order
 * {@code minimize}'s control dependencies intend, and the order Staticflow's {@code Trainer} documents.
 *
 * <p>{@link #variables()} returns everything by TensorFlow name in TF1 creation order (model variables,
 * {@code global_step}, moving averages, optimizer slots and non-slot variables, as the tutorials create
 * them); {@link #save} writes it with TensorFlow's {@code SaveV2} kernel as {@code tf.train.Saver} does,
 * {@link #restore} reads it back with {@code RestoreV2} and {@code Assign}.
 *
 * <p>Not thread-safe; close it to release the native graph and session.
 */
public final class TensorFlowTraining implements AutoCloseable {
  private final TensorFlowNetwork network;
  private final Graph graph = new Graph();
  private final GraphBuilder g = new GraphBuilder(graph);
  private final Session session;
  private final TensorFlowVariables variables = new TensorFlowVariables(g);
  private final List<String> modelVariables = new ArrayList<>();
  private final Output<?> images;
  private final Output<?> labels;
  private final Output<?> logits;
  private final Output<?> totalLoss;
  private final List<Output<?>> gradients;
  private final List<Output<?>> gradientFeeds = new ArrayList<>();
  private final List<String> trainedVariables;
  private final TensorFlowOptimizer.Update update;
  private final GraphOperation incrementGlobalStep;
  private final List<GraphOperation> movingAverageUpdates = new ArrayList<>();
  private final Output<?> savePrefix;
  private final GraphOperation save;

  private TensorFlowTraining(Builder builder) {
    SparseSoftmaxCrossEntropyGradient.register();
    this.network = builder.network;
    Map<String, Output<?>> reads = new LinkedHashMap<>();
    for (TensorFlowNetwork.Variable variable : network.variables()) {
      float[] initial = builder.initialValues.get(variable.name());
      if (initial == null) {
        throw new IllegalArgumentException("no initial value for " + variable.name());
      }
      Output<?> ref = variables.createFloat(variable.name(), initial, variable.shape());
      reads.put(variable.name(), g.op("Identity", variable.name() + "/read", ref));
      modelVariables.add(variable.name());
    }
    images = g.placeholder("x-input", DataType.DT_FLOAT);
    labels = g.placeholder("y-input", DataType.DT_FLOAT);
    logits = network.logits(g, images, reads);
    totalLoss = TotalLoss.build(g, network, logits, labels, reads);

    // tf.gradients(total_loss, var_list): TensorFlow's registered gradient function of every op.
    Output<?>[] xs = reads.values().toArray(new Output<?>[0]);
    gradients = List.of(graph.addGradients("gradients", new Output<?>[] {totalLoss}, xs, null));

    Output<?> globalStep = variables.createLongScalar("global_step", 0);
    if (builder.movingAverageDecay != null) {
      buildMovingAverages(builder.movingAverageDecay, globalStep, builder.initialValues);
    }
    trainedVariables = builder.trainOnly == null ? List.copyOf(modelVariables) : List.copyOf(builder.trainOnly);
    for (String name : trainedVariables) {
      if (!modelVariables.contains(name)) {
        throw new IllegalArgumentException("trainOnly: " + name + " is not a variable of the network");
      }
      gradientFeeds.add(g.placeholder(builder.optimizer.name() + "/update_" + name + "/gradient", DataType.DT_FLOAT));
    }
    update = builder.optimizer.build(g, variables, trainedVariables, gradientFeeds);
    incrementGlobalStep = g.operation("AssignAdd", "global_step/AssignAdd", globalStep,
        g.longScalar("global_step/one", 1L));

    savePrefix = g.placeholder("save/Const", DataType.DT_STRING);
    save = buildSave();
    session = new Session(graph);
    variables.initialize(session);
  }

  /** A builder that trains {@code network}, starting every variable at {@code initialValues.get(name)}. */
  public static Builder builder(TensorFlowNetwork network, Map<String, float[]> initialValues) {
    return new Builder(network, initialValues);
  }

  private void buildMovingAverages(float decay, Output<?> globalStep, Map<String, float[]> initialValues) {
    // ExponentialMovingAverage(decay, num_updates=global_step): shadows start at the variables' values.
    Output<?> numUpdates = g.builder("Cast", "ExponentialMovingAverage/num_updates", globalStep)
        .setAttr("DstT", DataType.DT_FLOAT).build().output(0);
    Output<?> ratio = g.op("RealDiv", "ExponentialMovingAverage/truediv",
        g.op("Add", "ExponentialMovingAverage/add", g.scalar("ExponentialMovingAverage/add/x", 1f), numUpdates),
        g.op("Add", "ExponentialMovingAverage/add", g.scalar("ExponentialMovingAverage/add/x", 10f), numUpdates));
    Output<?> actualDecay = g.op("Minimum", "ExponentialMovingAverage/Minimum",
        g.scalar("ExponentialMovingAverage/decay", decay), ratio);
    // assign_moving_average(shadow, v, decay): shadow -= (shadow - v) * (1 - decay)
    Output<?> oneMinusDecay = g.op("Sub", "ExponentialMovingAverage/sub",
        g.scalar("ExponentialMovingAverage/sub/x", 1f), actualDecay);
    for (TensorFlowNetwork.Variable variable : network.variables()) {
      Output<?> value = variables.ref(variable.name());
      String shadowName = variable.name() + "/ExponentialMovingAverage";
      float[] start = initialValues.get(variable.name());
      Output<?> shadow = variables.createFloat(shadowName, start, variable.shape());
      String scope = "ExponentialMovingAverage/AssignMovingAvg";
      movingAverageUpdates.add(g.operation("AssignSub", scope, shadow,
          g.op("Mul", scope + "/mul", g.op("Sub", scope + "/sub", shadow, value), oneMinusDecay)));
    }
  }

  private GraphOperation buildSave() {
    // tf.train.Saver passes its tensors sorted by name.
    List<String> names = new ArrayList<>(variables.names());
    names.sort(null);
    Output<?>[] values = names.stream().map(variables::ref).toArray(Output<?>[]::new);
    String[] slices = new String[names.size()];
    java.util.Arrays.fill(slices, "");
    return g.builder("SaveV2", "save/SaveV2", savePrefix,
            g.strings("save/SaveV2/tensor_names", names.toArray(new String[0])),
            g.strings("save/SaveV2/shape_and_slices", slices))
        .addInputList(values)
        .build();
  }

  /**
   * One training step on a batch: {@code images} is {@code [batch, inputSize]} row-major, {@code oneHotLabels}
   * {@code [batch, classes]}. Returns the total loss of the forward pass (before the update).
   */
  public float step(float[] images, float[] oneHotLabels) {
    float loss;
    try (Feeds feeds = feed(images, oneHotLabels)) {
      Session.Runner runner = feeds.runner().fetch(totalLoss);
      int[] indexes = new int[trainedVariables.size()];
      for (int i = 0; i < trainedVariables.size(); i++) {
        indexes[i] = modelVariables.indexOf(trainedVariables.get(i));
        runner.fetch(gradients.get(indexes[i]));
      }
      try (Result computed = runner.run()) {
        loss = ((TFloat32) computed.get(0)).getFloat();
        Session.Runner apply = session.runner();
        for (int i = 0; i < trainedVariables.size(); i++) {
          apply.feed(gradientFeeds.get(i), computed.get(i + 1));
        }
        update.apply().forEach(apply::addTarget);
        apply.run().close();
      }
    }
    if (!update.finish().isEmpty()) {
      Session.Runner finish = session.runner();
      update.finish().forEach(finish::addTarget);
      finish.run().close();
    }
    session.runner().addTarget(incrementGlobalStep).run().close();
    if (!movingAverageUpdates.isEmpty()) {
      Session.Runner average = session.runner();
      movingAverageUpdates.forEach(average::addTarget);
      average.run().close();
    }
    return loss;
  }

  /**
   * TensorFlow's gradients of the total loss on a batch with respect to every model variable, by name in
   * creation order, without applying them.
   */
  public Map<String, FloatTensor> gradients(float[] images, float[] oneHotLabels) {
    try (Feeds feeds = feed(images, oneHotLabels)) {
      Session.Runner runner = feeds.runner();
      gradients.forEach(runner::fetch);
      Map<String, FloatTensor> result = new LinkedHashMap<>();
      try (Result computed = runner.run()) {
        for (int i = 0; i < modelVariables.size(); i++) {
          String name = modelVariables.get(i);
          result.put(name, (FloatTensor) TensorFlowVariables.fromTensorFlow(
              computed.get(i), org.staticflow.runtime.tensor.DataType.FLOAT, variables.dims(name)));
        }
      }
      return result;
    }
  }

  /** The total loss (cross-entropy plus regularization) on a batch, with the current variables. */
  public float loss(float[] images, float[] oneHotLabels) {
    try (Feeds feeds = feed(images, oneHotLabels); Result result = feeds.runner().fetch(totalLoss).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  /** The logits of a batch, {@code [batch, classes]} row-major, with the current variables. */
  public float[] logits(float[] images) {
    try (Feeds feeds = feed(images, null); Result result = feeds.runner().fetch(logits).run()) {
      float[] values = new float[Math.toIntExact(result.get(0).shape().size())];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  /**
   * Every variable by TensorFlow name, in creation order: the network's variables, {@code global_step}
   * (int64), the moving averages {@code V/ExponentialMovingAverage}, then the optimizer's state
   * ({@code V/Momentum}; {@code beta1_power}, {@code beta2_power}, {@code V/Adam}, {@code V/Adam_1}).
   * Copies, read in one session run.
   */
  public Map<String, Tensor> variables() {
    return variables.read(session);
  }

  /** The names of {@link #variables()}. */
  public List<String> variableNames() {
    return variables.names();
  }

  /** The network's (trainable) variables, in creation order. */
  public List<String> modelVariables() {
    return List.copyOf(modelVariables);
  }

  /** The current {@code global_step}. */
  public long globalStep() {
    return ((LongTensor) variables.read(session).get("global_step")).data()[0];
  }

  /** Writes every variable to the V2 bundle at {@code prefix} with TensorFlow's {@code SaveV2}, as tf.train.Saver. */
  public void save(Path prefix) {
    try {
      // SaveV2 creates only the last directory level of the prefix.
      Files.createDirectories(prefix.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (TString path = TString.scalarOf(prefix.toString())) {
      session.runner().feed(savePrefix, path).addTarget(save).run().close();
    }
  }

  /** Restores every variable from the bundle at {@code prefix} (keys = variable names), with RestoreV2. */
  public void restore(Path prefix) {
    Map<String, String> identity = new LinkedHashMap<>();
    variables.names().forEach(name -> identity.put(name, name));
    restore(prefix, identity);
  }

  /**
   * Restores the variables named by the values of {@code checkpointKeyToVariable} from the checkpoint keys
   * that map to them, with one {@code RestoreV2} and an {@code Assign} each, as a {@code tf.train.Saver}
   * built from such a dictionary (e.g. {@code ExponentialMovingAverage.variables_to_restore()}) does.
   *
   * @throws org.tensorflow.exceptions.TensorFlowException if a key is missing or has another dtype or shape
   */
  public void restore(Path prefix, Map<String, String> checkpointKeyToVariable) {
    List<String> keys = new ArrayList<>(checkpointKeyToVariable.keySet());
    String[] slices = new String[keys.size()];
    java.util.Arrays.fill(slices, "");
    org.tensorflow.proto.DataType[] types = keys.stream()
        .map(key -> tfType(checkpointKeyToVariable.get(key))).toArray(org.tensorflow.proto.DataType[]::new);
    GraphOperation restore = g.builder("RestoreV2", "save/RestoreV2", savePrefix,
            g.strings("save/RestoreV2/tensor_names", keys.toArray(new String[0])),
            g.strings("save/RestoreV2/shape_and_slices", slices))
        .setAttr("dtypes", types)
        .build();
    try (TString path = TString.scalarOf(prefix.toString())) {
      Session.Runner runner = session.runner().feed(savePrefix, path);
      for (int i = 0; i < keys.size(); i++) {
        runner.addTarget(g.operation("Assign", "save/Assign",
            variables.ref(checkpointKeyToVariable.get(keys.get(i))), restore.output(i)));
      }
      runner.run().close();
    }
  }

  private org.tensorflow.proto.DataType tfType(String variable) {
    return org.tensorflow.proto.DataType.forNumber(variables.type(variable).number());
  }

  /** Placeholder feeds of one batch; closes the TensorFlow tensors it made. */
  private final class Feeds implements AutoCloseable {
    private final List<org.tensorflow.Tensor> tensors = new ArrayList<>();
    private final Session.Runner runner = session.runner();

    Feeds(float[] imageValues, float[] labelValues) {
      int batch = imageValues.length / network.inputSize();
      if (imageValues.length != batch * network.inputSize()) {
        throw new IllegalArgumentException(imageValues.length + " image values are not rows of " + network.inputSize());
      }
      add(images, imageValues, batch, network.inputSize());
      if (labelValues != null) {
        if (labelValues.length != batch * network.classes()) {
          throw new IllegalArgumentException(labelValues.length + " label values for " + batch + " examples of "
              + network.classes() + " classes");
        }
        add(labels, labelValues, batch, network.classes());
      }
    }

    private void add(Output<?> placeholder, float[] values, long... dims) {
      TFloat32 tensor = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(values, true, false));
      tensors.add(tensor);
      runner.feed(placeholder, tensor);
    }

    Session.Runner runner() {
      return runner;
    }

    @Override
    public void close() {
      tensors.forEach(org.tensorflow.Tensor::close);
    }
  }

  private Feeds feed(float[] imageValues, float[] labelValues) {
    return new Feeds(imageValues, labelValues);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  /** Options of a {@link TensorFlowTraining}. */
  public static final class Builder {
    private final TensorFlowNetwork network;
    private final Map<String, float[]> initialValues;
    private TensorFlowOptimizer optimizer = new TensorFlowOptimizer.GradientDescent(0.1f);
    private Float movingAverageDecay;
    private List<String> trainOnly;

    private Builder(TensorFlowNetwork network, Map<String, float[]> initialValues) {
      this.network = Objects.requireNonNull(network, "network");
      this.initialValues = Map.copyOf(initialValues);
    }

    /** The optimizer (default: gradient descent, learning rate 0.1). */
    public Builder optimizer(TensorFlowOptimizer optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
      return this;
    }

    /** Keeps moving averages of every network variable with {@code decay} and {@code num_updates = global_step}. */
    public Builder movingAverage(float decay) {
      this.movingAverageDecay = decay;
      return this;
    }

    /** Trains only these variables ({@code minimize(var_list=...)}); the optimizer has state for these only. */
    public Builder trainOnly(List<String> variableNames) {
      this.trainOnly = List.copyOf(variableNames);
      return this;
    }

    /** Builds the graph and initialises the variables. */
    public TensorFlowTraining build() {
      return new TensorFlowTraining(this);
    }
  }
}
