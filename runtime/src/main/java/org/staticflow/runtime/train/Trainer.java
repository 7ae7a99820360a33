package org.staticflow.runtime.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.staticflow.runtime.checkpoint.VariableSet;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Trains a compiled model as TensorFlow 1.x's {@code optimizer.minimize(loss, global_step)} does, optionally
 * followed by {@code ExponentialMovingAverage.apply(tf.trainable_variables())} with
 * {@code num_updates = global_step}, as in the TensorFlow 1.x tutorials.
 *
 * <p>One {@link #step()}:
 *
 * <pre>
 * L, dL/dv   = model.computeGradients()            (forward, total loss, backward; all trainable v)
 * v         <- optimizer update of v with dL/dv, learning rate at global_step    (trained v only)
 * global_step <- global_step + 1
 * shadow(w) <- moving-average update towards w, num_updates = the new global_step (every trainable w)
 * return L                                          (the loss before the update)
 * </pre>
 *
 * After the first step (warm-up: class loading, JIT) a step allocates nothing.
 *
 * <p>Everything a checkpoint must hold to resume training is in {@link #variables()}, under TensorFlow's
 * names: the model's variables ({@code layer1/weights}), {@code global_step}, the moving averages
 * ({@code layer1/weights/ExponentialMovingAverage}) and the optimizer's slots and non-slot variables
 * ({@code layer1/weights/Adam}, {@code layer1/weights/Adam_1}, {@code beta1_power}, {@code beta2_power}).
 * The tensors are the live state, so restoring a checkpoint into them resumes training exactly.
 *
 * <pre>{@code
 * Staticflow_MnistMlp model = new Staticflow_MnistMlp();          // generated; a TrainableModel
 * ExponentialMovingAverage averages = new ExponentialMovingAverage(0.99f);
 * Trainer trainer = Trainer.builder(model,
 *         new AdamOptimizer(LearningRates.exponentialDecay(0.001f, 600, 0.99f, true)))
 *     .movingAverage(averages)
 *     .build();
 * Saver saver = Saver.builder(trainer.variables()).maxToKeep(3).build();
 *
 * TrainableModel m = trainer.model();
 * m.batchSize(100);
 * FloatTensor x = (FloatTensor) m.input("x");                     // live input buffers
 * FloatTensor y = (FloatTensor) m.input("labels");
 * for (int i = 0; i < 3000; i++) {
 *   train.nextBatch(100, x.data(), y.data());                      // fill the inputs in place
 *   float loss = trainer.step();
 *   if (trainer.globalStep().get() % 1000 == 0) {
 *     System.out.printf("step %d, loss %.4f%n", trainer.globalStep().get(), loss);
 *     saver.save(Path.of("train/model.ckpt"), trainer.globalStep().get());
 *   }
 * }
 * }</pre>
 *
 * Fine-tuning trains a subset: {@code Trainer.builder(model, optimizer).trainOnly(List.of("layer2/weights",
 * "layer2/biases"))} creates optimizer state for those variables only and leaves the others unchanged (their
 * gradients are still computed, as TensorFlow computes them only when asked, here they are simply unused).
 *
 * <p>Not thread-safe: one trainer, and its model, per thread.
 */
public final class Trainer {
  private final TrainableModel model;
  private final BoundOptimizer optimizer;
  private final List<FloatTensor> trainedGradients;
  private final GlobalStep globalStep = new GlobalStep();
  private final ExponentialMovingAverage movingAverage;
  private final VariableSet variables;

  private Trainer(Builder builder) {
    this.model = builder.model;
    List<VariableEntry> trainable = model.trainableVariables();
    List<FloatTensor> gradients = model.gradients();
    if (gradients.size() != trainable.size()) {
      throw new IllegalStateException(
          "model has " + trainable.size() + " trainable variables but " + gradients.size() + " gradients");
    }
    Set<String> subset = builder.trainOnly == null ? null : new LinkedHashSet<>(builder.trainOnly);
    if (subset != null) {
      Set<String> trainableNames = new LinkedHashSet<>();
      trainable.forEach(entry -> trainableNames.add(entry.name()));
      for (String name : subset) {
        if (!trainableNames.contains(name)) {
          throw new IllegalArgumentException(
              "trainOnly: " + name + " is not a trainable variable of the model; trainable: " + trainableNames);
        }
      }
    }
    List<String> names = new ArrayList<>();
    List<FloatTensor> tensors = new ArrayList<>();
    List<FloatTensor> trainedGradients = new ArrayList<>();
    List<String> allNames = new ArrayList<>();
    List<FloatTensor> allTensors = new ArrayList<>();
    for (int i = 0; i < trainable.size(); i++) {
      VariableEntry entry = trainable.get(i);
      FloatTensor value = (FloatTensor) entry.value();
      allNames.add(entry.name());
      allTensors.add(value);
      // The model's declaration order, whatever the order of the subset: TensorFlow's var_list order. A
      // variable without a gradient is left out, as minimize leaves out a None gradient.
      if ((subset == null || subset.contains(entry.name())) && model.hasGradient(entry.name())) {
        names.add(entry.name());
        tensors.add(value);
        trainedGradients.add(gradients.get(i));
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("No gradients provided for any variable: none of "
          + (subset == null ? allNames : subset) + " has a gradient path to the loss");
    }
    this.trainedGradients = List.copyOf(trainedGradients);
    this.movingAverage = builder.movingAverage;
    if (movingAverage != null) {
      movingAverage.apply(allNames, allTensors);
    }
    this.optimizer = builder.optimizer.bind(names, tensors);

    // tf.global_variables() order of the tutorials: the model, global_step, the averages, then the
    // optimizer's state (created by minimize, which the tutorials call last).
    Map<String, Tensor> all = new LinkedHashMap<>(model.variableTensors());
    putNew(all, GlobalStep.NAME, globalStep.tensor());
    if (movingAverage != null) {
      movingAverage.shadowVariables().forEach((name, tensor) -> putNew(all, name, tensor));
    }
    optimizer.stateVariables().forEach((name, tensor) -> putNew(all, name, tensor));
    this.variables = VariableSet.of(all);
  }

  private static void putNew(Map<String, Tensor> all, String name, Tensor tensor) {
    if (all.putIfAbsent(name, tensor) != null) {
      throw new IllegalArgumentException("two variables would be saved as " + name);
    }
  }

  /** A builder that trains every trainable variable of {@code model} with {@code optimizer}. */
  public static Builder builder(TrainableModel model, Optimizer optimizer) {
    return new Builder(model, optimizer);
  }

  /** A trainer of every trainable variable of {@code model}, without moving averages. */
  public static Trainer of(TrainableModel model, Optimizer optimizer) {
    return builder(model, optimizer).build();
  }

  /**
   * One training step on the model's current inputs: gradients, optimizer update, {@code global_step + 1},
   * moving averages. Returns the total loss computed by the forward pass (before the update). Allocates
   * nothing after warm-up.
   */
  public float step() {
    model.computeGradients();
    float loss = model.totalLoss();
    optimizer.apply(trainedGradients, globalStep.get());
    long step = globalStep.increment();
    if (movingAverage != null) {
      movingAverage.update(step);
    }
    return loss;
  }

  /** The model being trained. */
  public TrainableModel model() {
    return model;
  }

  /** {@code global_step}: the number of steps taken (restored with the checkpoint). */
  public GlobalStep globalStep() {
    return globalStep;
  }

  /** The optimizer bound to the trained variables, with its slots. */
  public BoundOptimizer optimizer() {
    return optimizer;
  }

  /** The names of the variables this trainer updates, in the model's declaration order. */
  public List<String> trainedVariables() {
    return optimizer.variableNames();
  }

  /** The moving averages of the trainable variables, if the trainer keeps them. */
  public Optional<ExponentialMovingAverage> movingAverage() {
    return Optional.ofNullable(movingAverage);
  }

  /**
   * Everything a checkpoint holds, by TensorFlow name, in the order of TensorFlow's
   * {@code tf.global_variables()} in the tutorials (a Saver sorts the keys anyway): the model's variables in
   * declaration order, {@code global_step}, the shadow variables {@code V/ExponentialMovingAverage}, then
   * the optimizer's state ({@code beta1_power}, {@code beta2_power}, {@code V/Adam}, {@code V/Adam_1}, ...).
   * The tensors are live: saving reads the current state, restoring resumes training from it.
   */
  public VariableSet variables() {
    return variables;
  }

  /** Options of a {@link Trainer}. */
  public static final class Builder {
    private final TrainableModel model;
    private final Optimizer optimizer;
    private List<String> trainOnly;
    private ExponentialMovingAverage movingAverage;

    private Builder(TrainableModel model, Optimizer optimizer) {
      this.model = Objects.requireNonNull(model, "model");
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * Trains only the named variables (fine-tuning; TensorFlow's {@code minimize(var_list=...)}); the
     * optimizer creates slots for these only. Each must be a trainable variable of the model. (Variables
     * without a gradient are left out in any case, see {@link TrainableModel#hasGradient}.)
     */
    public Builder trainOnly(Collection<String> variableNames) {
      this.trainOnly = Collections.unmodifiableList(new ArrayList<>(variableNames));
      return this;
    }

    /**
     * Keeps moving averages of every trainable variable of the model (the tutorials'
     * {@code apply(tf.trainable_variables())}), updated after each step with {@code num_updates =
     * global_step}. The averages must not be applied to any variable yet; their shadows start at the
     * variables' values when {@link #build()} runs.
     */
    public Builder movingAverage(ExponentialMovingAverage averages) {
      this.movingAverage = Objects.requireNonNull(averages, "averages");
      return this;
    }

    /**
     * The trainer.
     *
     * @throws IllegalArgumentException if a variable named in {@link #trainOnly} is not a trainable variable
     *     of the model, or no variable to train has a gradient (TensorFlow's "No gradients provided")
     */
    public Trainer build() {
      return new Trainer(this);
    }
  }
}
