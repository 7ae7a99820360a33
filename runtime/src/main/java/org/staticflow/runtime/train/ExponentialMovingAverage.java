package org.staticflow.runtime.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.kernels.ParallelRanges;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * {@code tf.train.ExponentialMovingAverage} for variables. Each averaged variable {@code V} gets a shadow
 * {@code V/ExponentialMovingAverage}, initialised to the variable's value when {@link #apply} is called. Each
 * {@link #update} moves every shadow towards its variable:
 *
 * <pre>
 * d = decay                                      (without num_updates)
 * d = min(decay, (1 + n) / (10 + n))             (with num_updates n, usually global_step; float32)
 * shadow -= (shadow - variable) * (1 - d)
 * </pre>
 *
 * For evaluation, {@link #variablesToRestore} maps checkpoint keys to variables so that restoring loads the
 * shadow values into the plain variables, as TensorFlow's {@code variables_to_restore()} does.
 */
public final class ExponentialMovingAverage {
  /** TensorFlow's default name, the suffix of shadow variable names. */
  public static final String NAME = "ExponentialMovingAverage";

  private final float decay;
  private final Map<String, FloatTensor> variables = new LinkedHashMap<>();
  private final Map<String, FloatTensor> shadows = new LinkedHashMap<>();
  private FloatTensor[] variableArray = new FloatTensor[0];
  private FloatTensor[] shadowArray = new FloatTensor[0];
  private final ShadowUpdate step = new ShadowUpdate();

  public ExponentialMovingAverage(float decay) {
    if (!(decay >= 0 && decay <= 1)) {
      throw new IllegalArgumentException("ExponentialMovingAverage: decay must be in [0, 1], got " + decay);
    }
    this.decay = decay;
  }

  /** The shadow name of variable {@code name}: {@code name/ExponentialMovingAverage}. */
  public static String averageName(String name) {
    return name + "/" + NAME;
  }

  /**
   * Starts averaging {@code variables} (parallel to {@code names}): creates their shadows with the variables'
   * current values.
   *
   * @throws IllegalArgumentException if a variable is already averaged
   */
  public void apply(List<String> names, List<FloatTensor> tensors) {
    if (names.size() != tensors.size()) {
      throw new IllegalArgumentException("ExponentialMovingAverage: " + names.size() + " names for "
          + tensors.size() + " variables");
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (variables.containsKey(name)) {
        throw new IllegalArgumentException("ExponentialMovingAverage: " + name + " is already averaged");
      }
      FloatTensor variable = tensors.get(i);
      variables.put(name, variable);
      shadows.put(averageName(name), FloatTensor.of(variable.shape(), variable.data().clone()));
    }
    variableArray = variables.values().toArray(new FloatTensor[0]);
    shadowArray = shadows.values().toArray(new FloatTensor[0]);
  }

  /** One update with the fixed decay. Allocates nothing. */
  public void update() {
    updateWithDecay(decay);
  }

  /** One update with {@code d = min(decay, (1 + n) / (10 + n))}, n = {@code numUpdates}. Allocates nothing. */
  public void update(long numUpdates) {
    float n = numUpdates;
    updateWithDecay(Math.min(decay, (1f + n) / (10f + n)));
  }

  private void updateWithDecay(float d) {
    step.oneMinusDecay = 1f - d;
    for (int i = 0; i < variableArray.length; i++) {
      step.value = variableArray[i].data();
      step.shadow = shadowArray[i].data();
      ParallelRanges.run(step.value.length, step); // large variables on all kernel threads
    }
    step.value = null; // never keep the variables reachable from here between steps
    step.shadow = null;
  }

  /** One variable's update, {@code shadow -= (shadow - value) * (1 - d)}, as a reusable range body. */
  private static final class ShadowUpdate implements ParallelRanges.Body {
    float[] value;
    float[] shadow;
    float oneMinusDecay;

    @Override
    public void run(int from, int to) {
      float[] value = this.value;
      float[] shadow = this.shadow;
      for (int j = from; j < to; j++) {
        shadow[j] -= (shadow[j] - value[j]) * oneMinusDecay;
      }
    }
  }

  /** The shadow variables by checkpoint name ({@code V/ExponentialMovingAverage}), to save with the model. */
  public Map<String, Tensor> shadowVariables() {
    return Collections.unmodifiableMap(shadows);
  }

  /** The shadow of variable {@code name}, if it is averaged. */
  public FloatTensor shadow(String name) {
    FloatTensor shadow = shadows.get(averageName(name));
    if (shadow == null) {
      throw new IllegalArgumentException("ExponentialMovingAverage: " + name + " is not averaged");
    }
    return shadow;
  }

  /**
   * TensorFlow's {@code variables_to_restore(moving_avg_variables)}: for each of {@code modelVariables}, the
   * checkpoint key to restore it from, as a map from checkpoint key to variable name. Variables averaged by
   * this object (by name) restore from their shadow; the others from themselves. Keyed by checkpoint key, in
   * the order of {@code modelVariables}.
   */
  public Map<String, String> variablesToRestore(List<String> modelVariables) {
    Map<String, String> mapping = new LinkedHashMap<>();
    for (String name : modelVariables) {
      mapping.put(variables.containsKey(name) ? averageName(name) : name, name);
    }
    return mapping;
  }

  /**
   * TensorFlow's {@code variables_to_restore()} without arguments, for evaluating a model whose training
   * averaged its trainable variables: each trainable variable of {@code model} (or one averaged by this object)
   * restores from its shadow {@code V/ExponentialMovingAverage}, every other variable from itself. As a map
   * from checkpoint key to variable name, in the model's order, for {@code Saver.Builder.variablesByCheckpointKey}.
   */
  public Map<String, String> variablesToRestore(CompiledModel model) {
    Map<String, String> mapping = new LinkedHashMap<>();
    for (VariableEntry entry : model.variables()) {
      String name = entry.name();
      mapping.put(entry.trainable() || variables.containsKey(name) ? averageName(name) : name, name);
    }
    return mapping;
  }
}
