package org.staticflow.processor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.checkpoint.VariableSet;
import org.staticflow.runtime.interop.training.MnistBatches;
import org.staticflow.runtime.interop.training.MnistMlpNetwork;
import org.staticflow.runtime.interop.training.SmallCnnNetwork;
import org.staticflow.runtime.interop.training.TensorFlowNetwork;
import org.staticflow.runtime.interop.training.TensorFlowOptimizer;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.train.AdamOptimizer;
import org.staticflow.runtime.train.GradientDescentOptimizer;
import org.staticflow.runtime.train.LearningRate;
import org.staticflow.runtime.train.MomentumOptimizer;
import org.staticflow.runtime.train.Optimizer;

/**
 * The Staticflow side of the training parity tests: the compiled models (each compiled once per JVM, then
 * instantiated fresh), their TensorFlow twins from the runtime test-jar's oracle, the optimizers paired with
 * TensorFlow's, and copies of state for comparison.
 */
final class TrainingParity {
  private TrainingParity() {}

  /** A model source and the TensorFlow network built the same way, with the same variable names. */
  record Model(String name, String[] source, TensorFlowNetwork network, int batchSize) {}

  /** The MNIST MLP of DESIGN §4 (784-500-10, ReLU, L2 1e-4 on layer1/weights), batches of 100. */
  static final Model MLP = new Model("MnistMlp", MnistMlpTest.MLP, new MnistMlpNetwork(), 100);

  /**
   * The oracle's {@link SmallCnnNetwork}, written in the model language: two 5x5 SAME convolutions with
   * ReLU and 2x2 max pools, a dense ReLU layer and the logits, L2 5e-4 on the dense weights; batches of 32.
   */
  static final Model CNN = new Model("SmallCnn", new String[] {
    "package test;",
    "import org.staticflow.annotations.*;",
    "import org.staticflow.runtime.tensor.Tensor;",
    "@Model",
    "public interface SmallCnn {",
    "  @Input(name = \"x-input\", shape = {-1, 784}) Tensor x();",
    "  @Input(name = \"y-input\", shape = {-1, 10}) Tensor labels();",
    "  @Layer(\"conv1\") Conv1 conv1();",
    "  @Layer(\"conv2\") Conv2 conv2();",
    "  @Layer(\"fc1\") Dense dense();",
    "  @Layer(\"logits\") Classifier classifier();",
    "  @Output(\"classifier(dense(conv2(conv1(reshape(x, [-1, 28, 28, 1])))))\") Tensor logits();",
    "  @Loss(\"reduce_mean(sparse_softmax_cross_entropy_with_logits(logits=logits, labels=argmax(labels, 1)))\")",
    "  Tensor loss();",
    "  @Layer interface Conv1 {",
    "    @Variable(name = \"weights\", shape = {5, 5, 1, 4}, init = \"truncated_normal(stddev=0.1)\") Tensor w();",
    "    @Variable(name = \"biases\", shape = {4}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"max_pool(relu(conv2d(image, w, strides=[1, 1, 1, 1], padding='SAME') + b),"
        + " ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME')\")",
    "    Tensor apply(Tensor image);",
    "  }",
    "  @Layer interface Conv2 {",
    "    @Variable(name = \"weights\", shape = {5, 5, 4, 8}, init = \"truncated_normal(stddev=0.1)\") Tensor w();",
    "    @Variable(name = \"biases\", shape = {8}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"max_pool(relu(conv2d(image, w, strides=[1, 1, 1, 1], padding='SAME') + b),"
        + " ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME')\")",
    "    Tensor apply(Tensor image);",
    "  }",
    "  @Layer interface Dense {",
    "    @Variable(name = \"weights\", shape = {392, 32}, init = \"truncated_normal(stddev=0.1)\",",
    "              regularizer = \"l2(0.0005)\") Tensor w();",
    "    @Variable(name = \"biases\", shape = {32}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"relu(reshape(h, [-1, 392]) @ w + b)\") Tensor apply(Tensor h);",
    "  }",
    "  @Layer interface Classifier {",
    "    @Variable(name = \"weights\", shape = {32, 10}, init = \"truncated_normal(stddev=0.1)\",",
    "              regularizer = \"l2(0.0005)\") Tensor w();",
    "    @Variable(name = \"biases\", shape = {10}, init = \"constant(0.1)\") Tensor b();",
    "    @Output(\"h @ w + b\") Tensor apply(Tensor h);",
    "  }",
    "}",
  }, new SmallCnnNetwork(), 32);

  /**
   * An optimizer with the same hyperparameters on both sides, and how closely the two trainings agree
   * with it after 10 steps (norm-wise relative, see {@code StateComparison}).
   */
  record Optimizers(String name, TensorFlowOptimizer tensorflow, Supplier<Optimizer> staticflow, double tolerance) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * The bound. Gradient descent and momentum are linear in the gradients, so the float32 rounding
   * differences of the two backward passes (different summation orders; measured at most 3.4e-7 of a
   * gradient tensor's largest element for the MLP, 1.8e-6 for the CNN) pass into the weights at that size: measured after 10 steps, at most
   * 2.5e-7 (GradientDescent) and 1.1e-6 (Momentum) for the MLP and the CNN.
   */
  static final double TOLERANCE = 1e-5;

  /**
   * Adam's tolerance, 1e-4. Adam divides each element's step by that element's own gradient magnitude,
   * {@code lr * m / (sqrt(v) + 1e-8)}, so an element whose gradient is itself at the rounding level of its
   * tensor moves by an amount that depends on those last bits. Measured: {@code layer1/weights[269598]}
   * (pixel 539, hidden unit 98) of the MLP seeded 8 has a first-batch gradient of -4.94e-8 in TensorFlow
   * and -5.10e-8 here: 100 products of magnitude ~1e-3 cancelling, with 1.5e-8 absolute rounding on either
   * side, the largest difference in the whole gradient tensor. The first Adam step there is
   * {@code 1e-3 * g / (|g| + 1e-8)}: 0.832e-3 against 0.836e-3, a 4e-6 difference in a tensor of scale 0.2
   * (2e-5 relative) that no later step removes. The largest differences measured after 10 steps are
   * 7.5e-6 (MLP), 1.9e-6 (CNN) and 1.8e-5 (the checkpoint round trip, this element); all other elements,
   * and both other optimizers, stay below 1e-5.
   */
  static final double ADAM_TOLERANCE = 1e-4;

  static final Optimizers GRADIENT_DESCENT = new Optimizers("GradientDescent(0.1)",
      new TensorFlowOptimizer.GradientDescent(0.1f), () -> new GradientDescentOptimizer(LearningRate.constant(0.1f)),
      TOLERANCE);
  static final Optimizers MOMENTUM = new Optimizers("Momentum(0.05, 0.9)",
      new TensorFlowOptimizer.Momentum(0.05f, 0.9f, false),
      () -> new MomentumOptimizer(LearningRate.constant(0.05f), 0.9f, false), TOLERANCE);
  static final Optimizers NESTEROV = new Optimizers("Momentum(0.05, 0.9, nesterov)",
      new TensorFlowOptimizer.Momentum(0.05f, 0.9f, true),
      () -> new MomentumOptimizer(LearningRate.constant(0.05f), 0.9f, true), TOLERANCE);
  static final Optimizers ADAM = new Optimizers("Adam(0.001)",
      new TensorFlowOptimizer.Adam(0.001f), () -> new AdamOptimizer(LearningRate.constant(0.001f)), ADAM_TOLERANCE);

  private static final Map<String, Class<?>> COMPILED = new ConcurrentHashMap<>();

  /** A fresh trainable instance of {@code model}, its variables initialised from {@code seed}. */
  static TrainableModel newModel(Model model, long seed) {
    return (TrainableModel) newCompiledModel(model, seed);
  }

  /** A fresh instance of {@code model}, its variables initialised from {@code seed}. */
  static CompiledModel newCompiledModel(Model model, long seed) {
    Class<?> type = COMPILED.computeIfAbsent(model.name(),
        name -> ModelCompiler.compileAndLoad(name, ModelCompiler.source(name, model.source())).getClass());
    try {
      CompiledModel instance = (CompiledModel) type.getConstructor().newInstance();
      instance.initializeVariables(seed);
      return instance;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Copies of the values of every variable of {@code model}, by name: the oracle's initial values. */
  static Map<String, float[]> initialValues(CompiledModel model) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (VariableEntry entry : model.variables()) {
      values.put(entry.name(), ((FloatTensor) entry.value()).data().clone());
    }
    return values;
  }

  /** Sets the batch size and copies {@code batch} into the model's input buffers. */
  static void feed(CompiledModel model, MnistBatches.Batch batch) {
    model.batchSize(batch.size());
    float[] x = ((FloatTensor) model.input("x-input")).data();
    float[] y = ((FloatTensor) model.input("y-input")).data();
    System.arraycopy(batch.images(), 0, x, 0, x.length);
    System.arraycopy(batch.oneHotLabels(), 0, y, 0, y.length);
  }

  /** A copy of every tensor of {@code variables}, by name, in its order. */
  static Map<String, Tensor> snapshot(VariableSet variables) {
    Map<String, Tensor> copy = new LinkedHashMap<>();
    for (String name : variables.names()) {
      Tensor tensor = variables.tensor(name);
      copy.put(name, tensor instanceof FloatTensor floats
          ? FloatTensor.of(floats.shape(), floats.data().clone())
          : LongTensor.of(tensor.shape(), ((LongTensor) tensor).data().clone()));
    }
    return copy;
  }
}
