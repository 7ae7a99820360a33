package org.staticflow.runtime.interop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.train.AdamOptimizer;
import org.staticflow.runtime.train.BoundOptimizer;
import org.staticflow.runtime.train.ExponentialMovingAverage;
import org.staticflow.runtime.train.GlobalStep;
import org.staticflow.runtime.train.GradientDescentOptimizer;
import org.staticflow.runtime.train.LearningRate;
import org.staticflow.runtime.train.MomentumOptimizer;
import org.staticflow.runtime.train.Optimizer;

/**
 * Staticflow's optimizers and moving averages, fed TensorFlow's gradients of the MNIST MLP, follow
 * TensorFlow's training of it for 10 steps: after every step each variable, slot, non-slot variable and
 * shadow holds the value TensorFlow holds under the same name. The update kernels do the same float32
 * operations in the same order, so the values are bit-identical, and so are the next step's gradients.
 */
class StaticflowOptimizersTrackTensorFlowTest {
  private static final int STEPS = 10;
  private static final MnistMlpNetwork MLP = new MnistMlpNetwork();

  @Test
  void gradientDescent() {
    track(new TensorFlowOptimizer.GradientDescent(0.1f), new GradientDescentOptimizer(LearningRate.constant(0.1f)));
  }

  @Test
  void momentumAndNesterov() {
    track(new TensorFlowOptimizer.Momentum(0.05f, 0.9f, false), new MomentumOptimizer(LearningRate.constant(0.05f), 0.9f, false));
    track(new TensorFlowOptimizer.Momentum(0.05f, 0.9f, true), new MomentumOptimizer(LearningRate.constant(0.05f), 0.9f, true));
  }

  @Test
  void adam() {
    track(new TensorFlowOptimizer.Adam(0.001f), new AdamOptimizer(LearningRate.constant(0.001f)));
  }

  private static void track(TensorFlowOptimizer theirs, Optimizer ours) {
    Map<String, float[]> start = InitialValues.tutorial(MLP, 0.1f, 3);
    List<MnistBatches.Batch> batches = MnistBatches.first(STEPS, 32);
    List<String> names = new ArrayList<>();
    List<FloatTensor> variables = new ArrayList<>();
    Map<String, FloatTensor> byName = new LinkedHashMap<>();
    for (TensorFlowNetwork.Variable variable : MLP.variables()) {
      FloatTensor tensor = FloatTensor.of(Shape.of(variable.shape()), start.get(variable.name()).clone());
      names.add(variable.name());
      variables.add(tensor);
      byName.put(variable.name(), tensor);
    }
    ExponentialMovingAverage average = new ExponentialMovingAverage(0.99f);
    average.apply(names, variables);
    BoundOptimizer optimizer = ours.bind(names, variables);
    GlobalStep globalStep = new GlobalStep();

    try (TensorFlowTraining tf = TensorFlowTraining.builder(MLP, start).optimizer(theirs).movingAverage(0.99f).build()) {
      for (int step = 0; step < STEPS; step++) {
        MnistBatches.Batch batch = batches.get(step);
        Map<String, FloatTensor> gradients = tf.gradients(batch.images(), batch.oneHotLabels());
        tf.step(batch.images(), batch.oneHotLabels());
        optimizer.apply(names.stream().map(gradients::get).toList(), globalStep.get());
        average.update(globalStep.increment());

        Map<String, Tensor> ourState = new LinkedHashMap<>(byName);
        ourState.put(GlobalStep.NAME, globalStep.tensor());
        ourState.putAll(average.shadowVariables());
        ourState.putAll(optimizer.stateVariables());
        Map<String, Tensor> theirState = tf.variables();
        assertEquals(List.copyOf(theirState.keySet()), List.copyOf(ourState.keySet()),
            theirs + ": the same variables by the same names, in the same order");
        StateComparison.assertClose(theirs + ", step " + (step + 1), theirState, ourState, 0);
      }
    }
  }
}
