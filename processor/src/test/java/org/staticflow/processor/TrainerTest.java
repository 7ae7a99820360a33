package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.AllocationMeter;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.train.AdamOptimizer;
import org.staticflow.runtime.train.ExponentialMovingAverage;
import org.staticflow.runtime.train.GradientDescentOptimizer;
import org.staticflow.runtime.train.LearningRate;
import org.staticflow.runtime.train.LearningRates;
import org.staticflow.runtime.train.MomentumOptimizer;
import org.staticflow.runtime.train.Optimizer;
import org.staticflow.runtime.train.Trainer;

/**
 * The generated training path driven by {@link Trainer}: the MNIST MLP of DESIGN §4 learns from real MNIST
 * batches, frozen variables stay bit for bit, and a step allocates nothing after warm-up.
 */
class TrainerTest {
  private static Mnist mnist;

  @BeforeAll
  static void readMnist() throws IOException {
    String shared = System.getProperty("staticflow.shared");
    Path root = shared != null ? Path.of(shared) : Path.of("../../shared");
    mnist = Mnist.read(root.resolve("data/mnist"), 1);
  }

  private static TrainableModel mlp() {
    return (TrainableModel) ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MnistMlpTest.MLP));
  }

  private static void nextBatch(TrainableModel model) {
    mnist.train().nextBatch((FloatTensor) model.input("x-input"), (FloatTensor) model.input("y-input"));
  }

  @Test
  void theMlpLearnsMnist() {
    for (Optimizer optimizer : List.of(new GradientDescentOptimizer(LearningRate.constant(0.5f)),
        new AdamOptimizer(LearningRate.constant(0.002f)))) {
      TrainableModel model = mlp();
      Trainer trainer = Trainer.of(model, optimizer);
      model.batchSize(100);
      // A fixed evaluation batch from the validation set.
      mnist.validation().nextBatch((FloatTensor) model.input("x-input"), (FloatTensor) model.input("y-input"));
      float[] evalX = ((FloatTensor) model.input("x-input")).data().clone();
      float[] evalY = ((FloatTensor) model.input("y-input")).data().clone();
      model.forward();
      float before = ((FloatTensor) model.output("loss")).data()[0];
      float accuracyBefore = ((FloatTensor) model.output("accuracy")).data()[0];
      List<Float> losses = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        nextBatch(model);
        losses.add(trainer.step());
      }
      assertEquals(40, trainer.globalStep().get());
      System.arraycopy(evalX, 0, ((FloatTensor) model.input("x-input")).data(), 0, evalX.length);
      System.arraycopy(evalY, 0, ((FloatTensor) model.input("y-input")).data(), 0, evalY.length);
      model.forward();
      float after = ((FloatTensor) model.output("loss")).data()[0];
      float accuracyAfter = ((FloatTensor) model.output("accuracy")).data()[0];
      String what = optimizer.name() + ": training losses " + losses + ", held-out loss " + before + " -> " + after
          + ", accuracy " + accuracyBefore + " -> " + accuracyAfter;
      assertTrue(after < 0.5f * before, what);
      assertTrue(accuracyAfter > 0.8f, what);
      double firstFive = losses.subList(0, 5).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
      double lastFive = losses.subList(35, 40).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
      assertTrue(lastFive < 0.5 * firstFive, what);
    }
  }

  @Test
  void theStepLossIsTheTotalLossWithTheRegularizer() {
    TrainableModel model = mlp();
    Trainer trainer = Trainer.of(model, new GradientDescentOptimizer(LearningRate.constant(0.1f)));
    model.batchSize(10);
    nextBatch(model);
    float[] w = ((FloatTensor) model.variables().get(0).value()).data();
    double l2 = 0;
    for (float v : w) {
      l2 += (double) v * v / 2;
    }
    model.forward();
    float dataLoss = ((FloatTensor) model.output("loss")).data()[0];
    float stepLoss = trainer.step();
    assertEquals(dataLoss + 1e-4 * l2, stepLoss, 1e-5);
  }

  @Test
  void variablesOutsideTheTrainedSubsetAndFrozenVariablesStayUnchanged() {
    TrainableModel model = mlp();
    Trainer trainer = Trainer.builder(model, new MomentumOptimizer(LearningRate.constant(0.1f), 0.9f, true))
        .trainOnly(List.of("layer2/weights", "layer2/biases")).build();
    model.batchSize(20);
    float[][] before = snapshot(model);
    for (int i = 0; i < 5; i++) {
      nextBatch(model);
      trainer.step();
    }
    float[][] after = snapshot(model);
    assertArrayEquals(before[0], after[0], "layer1/weights");
    assertArrayEquals(before[1], after[1], "layer1/biases");
    assertTrue(!java.util.Arrays.equals(before[2], after[2]), "layer2/weights must train");
    assertEquals(List.of("layer2/weights", "layer2/biases"), trainer.trainedVariables());
    assertEquals(List.of("layer1/weights", "layer1/biases", "layer2/weights", "layer2/biases", "global_step",
        "layer2/weights/Momentum", "layer2/biases/Momentum"), trainer.variables().names());

    String[] frozen = MnistMlpTest.MLP.clone();
    for (int i = 0; i < frozen.length; i++) {
      frozen[i] = frozen[i].replace("@Variable(name = \"biases\", shape = {LAYER1_NODE}, init = \"constant(0.1)\")",
          "@Variable(name = \"biases\", shape = {LAYER1_NODE}, init = \"constant(0.1)\", trainable = false)");
    }
    TrainableModel partly = (TrainableModel) ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", frozen));
    assertEquals(List.of("layer1/weights", "layer2/weights", "layer2/biases"),
        partly.trainableVariables().stream().map(VariableEntry::name).toList());
    Trainer all = Trainer.of(partly, new AdamOptimizer(LearningRate.constant(0.01f)));
    partly.batchSize(20);
    float[] biases = ((FloatTensor) partly.variables().get(1).value()).data().clone();
    for (int i = 0; i < 5; i++) {
      nextBatch(partly);
      all.step();
    }
    assertArrayEquals(biases, ((FloatTensor) partly.variables().get(1).value()).data(), "trainable = false");
  }

  @Test
  void aTrainingStepAllocatesNothingAfterWarmUp() {
    for (Optimizer optimizer : List.of(new GradientDescentOptimizer(LearningRate.constant(0.1f)),
        new AdamOptimizer(LearningRates.exponentialDecay(0.001f, 10, 0.9f, true)))) {
      TrainableModel model = mlp();
      Trainer trainer = Trainer.builder(model, optimizer).movingAverage(new ExponentialMovingAverage(0.99f)).build();
      model.batchSize(16);
      nextBatch(model);
      assertEquals(0, allocatedBy(trainer::step), optimizer.name() + ": bytes allocated by 5 steps");
      // computeGradients on its own, too.
      assertEquals(0, allocatedBy(model::computeGradients), optimizer.name() + ": bytes allocated by computeGradients");
    }
  }

  @Test
  void aCnnTrainingStepWithDropoutAllocatesNothingAfterWarmUp() {
    TrainableModel cnn =
        (TrainableModel) ModelCompiler.compileAndLoad("MnistCnn", ModelCompiler.source("MnistCnn", MnistCnnTest.CNN));
    Trainer trainer = Trainer.of(cnn, new AdamOptimizer(LearningRate.constant(1e-4f)));
    cnn.batchSize(1);
    mnist.train().nextBatch((FloatTensor) cnn.input("inputs/x_input"), (FloatTensor) cnn.input("inputs/y_input"));
    ((FloatTensor) cnn.input("keep_prob")).data()[0] = 0.5f;
    assertEquals(0, allocatedBy(trainer::step), "bytes allocated by 5 CNN steps");
  }

  private static long allocatedBy(Runnable action) {
    return AllocationMeter.steadyStateBytes(action);
  }

  private static float[][] snapshot(TrainableModel model) {
    float[][] values = new float[model.variables().size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((FloatTensor) model.variables().get(i).value()).data().clone();
    }
    return values;
  }
}
