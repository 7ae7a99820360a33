package org.staticflow.runtime.train;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.runtime.kernels.ParallelRanges;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * An optimizer attached to the variables it trains, holding their slots. {@link #apply} performs one
 * TensorFlow update step and allocates nothing. Not thread-safe.
 */
public abstract class BoundOptimizer {
  private final Optimizer optimizer;
  private final List<String> names;
  private final List<FloatTensor> variables;
  private final Map<String, Tensor> state = new LinkedHashMap<>();
  private final RangeUpdate rangeUpdate = new RangeUpdate();

  protected BoundOptimizer(Optimizer optimizer, List<String> names, List<FloatTensor> variables) {
    if (names.size() != variables.size()) {
      throw new IllegalArgumentException(optimizer.name() + ": " + names.size() + " names for " + variables.size()
          + " variables");
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException(optimizer.name() + ": variable " + name + " is listed twice");
      }
    }
    this.optimizer = optimizer;
    this.names = List.copyOf(names);
    this.variables = List.copyOf(variables);
  }

  /** The optimizer this was bound from. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** Names of the trained variables, in order. */
  public List<String> variableNames() {
    return names;
  }

  /**
   * The optimizer's own variables by TensorFlow name, in TensorFlow's creation order: slots
   * ({@code layer1/weights/Adam}) and non-slot variables ({@code beta1_power}). The tensors are the live
   * state: save them with the model, restore into them to resume training.
   */
  public Map<String, Tensor> stateVariables() {
    return Collections.unmodifiableMap(state);
  }

  /**
   * One update: for every variable {@code i}, applies {@code gradients.get(i)} with the learning rate of
   * {@code globalStep}. The caller increments {@code global_step} afterwards (as {@code minimize} does).
   *
   * @throws IllegalArgumentException if the gradients do not match the variables in number or shape
   */
  public final void apply(List<FloatTensor> gradients, long globalStep) {
    if (gradients.size() != variables.size()) {
      throw new IllegalArgumentException(optimizer.name() + ": " + gradients.size() + " gradients for "
          + variables.size() + " variables");
    }
    float rate = optimizer.learningRate().at(globalStep);
    for (int i = 0; i < variables.size(); i++) {
      FloatTensor gradient = gradients.get(i);
      FloatTensor variable = variables.get(i);
      if (!gradient.shape().equals(variable.shape())) {
        throw new IllegalArgumentException(optimizer.name() + ": gradient of " + names.get(i) + " has shape "
            + gradient.shape() + ", the variable " + variable.shape());
      }
    }
    beginStep(rate);
    for (int i = 0; i < variables.size(); i++) {
      float[] variable = variables.get(i).data();
      rangeUpdate.set(i, variable, gradients.get(i).data(), rate);
      ParallelRanges.run(variable.length, rangeUpdate);
    }
    rangeUpdate.set(0, null, null, 0f); // never keep the caller's gradients reachable
    finishStep();
  }

  /** One variable's update as a {@link ParallelRanges} body, reused so that a step allocates nothing. */
  private final class RangeUpdate implements ParallelRanges.Body {
    private int index;
    private float[] variable;
    private float[] gradient;
    private float rate;

    void set(int index, float[] variable, float[] gradient, float rate) {
      this.index = index;
      this.variable = variable;
      this.gradient = gradient;
      this.rate = rate;
    }

    @Override
    public void run(int from, int to) {
      update(index, variable, gradient, rate, from, to);
    }
  }

  /**
   * Updates elements {@code [from, to)} of variable {@code index} in place from its gradient (and the slots'
   * same elements). Element-wise: ranges of one variable may run concurrently on several threads
   * ({@link ParallelRanges}), so an implementation writes nothing but those elements.
   */
  protected abstract void update(int index, float[] variable, float[] gradient, float rate, int from, int to);

  /** Runs before the variables are updated, with this step's learning rate (Adam computes its step size here). */
  protected void beginStep(float rate) {}

  /** Runs after all variables are updated (Adam advances its beta powers here). */
  protected void finishStep() {}

  /** Creates a slot of variable {@code index} named {@code <variable>/<slotName>}, filled with {@code init}. */
  protected final float[] slot(int index, String slotName, float init) {
    FloatTensor slot = FloatTensor.zeros(variables.get(index).shape());
    java.util.Arrays.fill(slot.data(), init);
    register(names.get(index) + "/" + slotName, slot);
    return slot.data();
  }

  /** Registers a non-slot state variable such as {@code beta1_power}. */
  protected final void register(String name, Tensor tensor) {
    if (state.putIfAbsent(name, tensor) != null) {
      throw new IllegalStateException("optimizer state " + name + " created twice");
    }
  }

  protected final int size() {
    return variables.size();
  }
}
