package org.staticflow.processor.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;

/**
 * A finite-difference check of a compiled model's gradients. Describe the model (inputs, variables, losses),
 * how to fill it, then {@link #check()}: the generated backward pass's {@code dL/dv} must equal, for every
 * checked element, the central difference {@code (L(v + e) - L(v - e)) / 2e} of the generated forward pass's
 * total loss, within {@code 2e-3 + 2e-2 * |dL/dv|} (float32 forward passes; e = 5e-3 keeps the truncation
 * error near 1e-5 for these smooth-enough functions). Values that sit at kinks (relu at 0, ties of max) are
 * kept away from them by the fillers, at least 0.05 from a kink.
 */
public final class GradientCheck {
  /** Fills a variable or input buffer. */
  interface Fill {
    void fill(float[] data, Random random);
  }

  static final Fill UNIFORM = (data, random) -> {
    for (int i = 0; i < data.length; i++) data[i] = random.nextFloat() * 2 - 1;
  };

  /** Magnitudes in [0.2, 1], random signs: away from the kinks of relu, abs and sign. */
  static final Fill AWAY_FROM_ZERO = (data, random) -> {
    for (int i = 0; i < data.length; i++) data[i] = (0.2f + 0.8f * random.nextFloat()) * (random.nextBoolean() ? 1 : -1);
  };

  /** In [0.5, 2]: inside the domains of sqrt and log, away from a division by zero. */
  static final Fill POSITIVE = (data, random) -> {
    for (int i = 0; i < data.length; i++) data[i] = 0.5f + 1.5f * random.nextFloat();
  };

  /** Distinct values 0.05 apart in random order: no ties for max, reduce_max and max_pool. */
  static final Fill DISTINCT = (data, random) -> {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.length; i++) order.add(i);
    java.util.Collections.shuffle(order, random);
    for (int i = 0; i < data.length; i++) data[i] = 0.05f * order.get(i) - 0.025f * data.length;
  };

  /** Multiples of 0.1 plus 0.05: at least 0.05 from every value of {@link #GRID}. */
  static final Fill OFF_GRID = (data, random) -> {
    for (int i = 0; i < data.length; i++) data[i] = 0.1f * (random.nextInt(21) - 10) + 0.05f;
  };

  /** Multiples of 0.1. */
  static final Fill GRID = (data, random) -> {
    for (int i = 0; i < data.length; i++) data[i] = 0.1f * (random.nextInt(21) - 10);
  };

  private double epsilon = 5e-3;

  private final String name;
  private final List<String> members = new ArrayList<>();
  private final List<String> inputs = new ArrayList<>();
  private final Map<String, Fill> fills = new HashMap<>();
  private int losses;
  private int batch = 3;
  private int samples = Integer.MAX_VALUE;

  private GradientCheck(String name) {
    this.name = name;
  }

  /** A model named {@code name} (a Java identifier, unique per test for readable failures). */
  static GradientCheck model(String name) {
    return new GradientCheck(name);
  }

  GradientCheck input(String input, int... dims) {
    members.add("@Input(name = \"" + input + "\", shape = {" + join(dims) + "}) Tensor " + input + "();");
    inputs.add(input);
    return this;
  }

  GradientCheck variable(String variable, int... dims) {
    return variable(variable, "", dims);
  }

  /** A variable with more annotation elements ({@code regularizer = "l2(0.1)"}, {@code trainable = false}). */
  GradientCheck variable(String variable, String elements, int... dims) {
    members.add("@Variable(name = \"" + variable + "\", shape = {" + join(dims) + "}"
        + (elements.isEmpty() ? "" : ", " + elements) + ") Tensor " + variable + "();");
    return this;
  }

  /** Any member line (layers, outputs). */
  GradientCheck member(String line) {
    members.add(line);
    return this;
  }

  /** A {@code @Loss}; several are summed. */
  GradientCheck loss(String expression) {
    losses++;
    members.add("@Loss(\"" + expression.replace("\"", "\\\"") + "\") Tensor loss" + losses + "();");
    return this;
  }

  GradientCheck fill(String member, Fill fill) {
    fills.put(member, fill);
    return this;
  }

  GradientCheck batch(int size) {
    this.batch = size;
    return this;
  }

  /** Checks at most {@code count} random elements of each variable (for large models). */
  GradientCheck sample(int count) {
    this.samples = count;
    return this;
  }

  TrainableModel build() {
    List<String> lines = new ArrayList<>(List.of("package test;", "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;", "@Model", "public interface " + name + " {"));
    members.forEach(line -> lines.add("  " + line));
    lines.add("}");
    return (TrainableModel) ModelCompiler.compileAndLoad(name, ModelCompiler.source(name, lines.toArray(String[]::new)));
  }

  /** Compiles, fills and checks; returns the model for further assertions. */
  TrainableModel check() {
    TrainableModel model = build();
    Random random = new Random(name.hashCode());
    model.batchSize(batch);
    for (VariableEntry entry : model.variables()) {
      fills.getOrDefault(entry.name(), UNIFORM).fill(((FloatTensor) entry.value()).data(), random);
    }
    for (String input : inputs) {
      fills.getOrDefault(input, UNIFORM).fill(((FloatTensor) model.input(input)).data(), random);
    }
    check(model, random);
    return model;
  }

  /**
   * Checks an already compiled and filled model (inputs and variables set): {@code samples} random elements of
   * each trainable variable, with steps of {@code epsilon} (smaller steps cross fewer kinks of relu and
   * max_pool in deep models, at the price of more rounding error).
   */
  public static void checkCompiled(String name, TrainableModel model, int samples, double epsilon) {
    GradientCheck check = new GradientCheck(name).sample(samples);
    check.epsilon = epsilon;
    check.check(model, new Random(name.hashCode()));
  }

  /** Compares every (or {@link #sample}d) element of every gradient with its central difference. */
  void check(TrainableModel model, Random random) {
    model.seed(11);
    model.computeGradients();
    float[][] first = new float[model.gradients().size()][];
    for (int v = 0; v < first.length; v++) {
      first[v] = model.gradients().get(v).data().clone();
    }
    // Again: kernels must overwrite their outputs, never accumulate into what the last pass left.
    model.seed(11);
    model.computeGradients();
    for (int v = 0; v < first.length; v++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(first[v], model.gradients().get(v).data(),
          name + ": a second computeGradients() changed gradient " + v);
    }
    List<VariableEntry> trainable = model.trainableVariables();
    assertTrue(!trainable.isEmpty(), name + ": no trainable variables");
    for (int v = 0; v < trainable.size(); v++) {
      VariableEntry entry = trainable.get(v);
      float[] value = ((FloatTensor) entry.value()).data();
      float[] analytic = model.gradients().get(v).data().clone();
      double largest = 0;
      int count = Math.min(samples, value.length);
      for (int s = 0; s < count; s++) {
        int i = count == value.length ? s : random.nextInt(value.length);
        float original = value[i];
        value[i] = (float) (original + epsilon);
        double plus = loss(model);
        value[i] = (float) (original - epsilon);
        double minus = loss(model);
        value[i] = original;
        double step = (double) (float) (original + epsilon) - (double) (float) (original - epsilon);
        double numeric = (plus - minus) / step;
        double error = Math.abs(numeric - analytic[i]);
        largest = Math.max(largest, Math.abs(analytic[i]));
        if (error > 2e-3 + 2e-2 * Math.abs(analytic[i])) {
          throw new AssertionError(name + ": d loss / d " + entry.name() + "[" + i + "] is " + analytic[i]
              + " but the central difference is " + numeric);
        }
      }
      // A check of zeros against zeros proves nothing: every variable here must get a real gradient.
      assertTrue(largest > 1e-3, name + ": the gradient of " + entry.name() + " is (close to) zero everywhere");
    }
  }

  private static double loss(TrainableModel model) {
    model.seed(11);
    model.forward();
    return model.totalLoss();
  }

  private static String join(int[] dims) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      text.append(i > 0 ? ", " : "").append(dims[i]);
    }
    return text.toString();
  }
}
