package org.staticflow.benchmarks.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.staticflow.runtime.interop.training.MnistMlpNetwork;
import org.staticflow.runtime.interop.training.SeedCnnNetwork;
import org.staticflow.runtime.interop.training.TensorFlowNetwork;
import org.staticflow.runtime.interop.training.TensorFlowOptimizer;
import org.staticflow.runtime.interop.training.TensorFlowTrainStep;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.train.AdamOptimizer;
import org.staticflow.runtime.train.GradientDescentOptimizer;
import org.staticflow.runtime.train.LearningRate;
import org.staticflow.runtime.train.Optimizer;
import org.staticflow.runtime.train.Trainer;

/**
 * The workloads of {@link ModelBenchmark}, by name: {@code mlp-train} (MNIST MLP, gradient descent, batch
 * 100), {@code mlp-infer-1}, {@code mlp-infer-100}, {@code cnn-train} (the seed CNN, Adam 1e-4, dropout 0.5,
 * batch 100), {@code cnn-infer-1}, {@code cnn-infer-100}. Both engines start from the same weights (the
 * Staticflow model's initial values, copied into TensorFlow's variables) and see the same batch; each call
 * copies the batch into the engine's input buffers, as a training loop feeding arrays does.
 */
final class Workloads {
  static final String[] NAMES = {"mlp-train", "mlp-infer-1", "mlp-infer-100", "cnn-train", "cnn-infer-1", "cnn-infer-100"};

  private Workloads() {}

  static Workload create(String name, String engine) {
    boolean cnn = name.startsWith("cnn");
    boolean train = name.endsWith("train");
    int batch = name.endsWith("-1") ? 1 : 100;
    TrainableModel model = cnn ? new Staticflow_BenchCnn() : new Staticflow_BenchMlp();
    model.initializeVariables(1);
    SyntheticBatch data = SyntheticBatch.of(batch, 2);
    switch (engine) {
      case "staticflow":
        return train ? new StaticflowTraining(model, optimizer(cnn), data) : new StaticflowInference(model, data);
      case "tensorflow":
        TensorFlowNetwork network = cnn ? new SeedCnnNetwork() : new MnistMlpNetwork(500, 0f);
        TensorFlowOptimizer tfOptimizer = cnn ? new TensorFlowOptimizer.Adam(1e-4f) : new TensorFlowOptimizer.GradientDescent(0.01f);
        TensorFlowTrainStep step = new TensorFlowTrainStep(network, initialValues(model), tfOptimizer, batch);
        return train ? new TensorFlowTraining(step, data) : new TensorFlowInference(step, data);
      default:
        throw new IllegalArgumentException("unknown engine " + engine + "; expected staticflow or tensorflow");
    }
  }

  private static Optimizer optimizer(boolean cnn) {
    return cnn ? new AdamOptimizer(LearningRate.constant(1e-4f)) : new GradientDescentOptimizer(LearningRate.constant(0.01f));
  }

  private static Map<String, float[]> initialValues(TrainableModel model) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> entry : model.variableTensors().entrySet()) {
      values.put(entry.getKey(), ((FloatTensor) entry.getValue()).data().clone());
    }
    return values;
  }

  /** {@code Trainer.step()} after copying the batch into the model's inputs. */
  private static final class StaticflowTraining implements Workload {
    private final Trainer trainer;
    private final SyntheticBatch data;
    private final float[] x;
    private final float[] y;

    StaticflowTraining(TrainableModel model, Optimizer optimizer, SyntheticBatch data) {
      this.trainer = Trainer.builder(model, optimizer).build();
      this.data = data;
      model.batchSize(data.size());
      this.x = ((FloatTensor) model.input("x-input")).data();
      this.y = ((FloatTensor) model.input("y-input")).data();
      if (model instanceof Staticflow_BenchCnn) {
        ((FloatTensor) model.input("keep_prob")).data()[0] = 0.5f;
      }
    }

    @Override
    public float run() {
      System.arraycopy(data.images(), 0, x, 0, x.length);
      System.arraycopy(data.oneHotLabels(), 0, y, 0, y.length);
      return trainer.step();
    }

    @Override
    public void close() {}
  }

  /** {@code predict()} (the logits, no loss: what TensorFlow's side fetches) after copying the batch into the model's input. */
  private static final class StaticflowInference implements Workload {
    private final TrainableModel model;
    private final SyntheticBatch data;
    private final float[] x;
    private final float[] logits;

    StaticflowInference(TrainableModel model, SyntheticBatch data) {
      this.model = model;
      this.data = data;
      model.batchSize(data.size());
      this.x = ((FloatTensor) model.input("x-input")).data();
      if (model instanceof Staticflow_BenchCnn) {
        ((FloatTensor) model.input("keep_prob")).data()[0] = 1f;
      }
      this.logits = ((FloatTensor) model.output("logits")).data();
    }

    @Override
    public float run() {
      System.arraycopy(data.images(), 0, x, 0, x.length);
      model.predict();
      return logits[0];
    }

    @Override
    public void close() {}
  }

  /** TensorFlow's one-call training step. */
  private static final class TensorFlowTraining implements Workload {
    private final TensorFlowTrainStep step;
    private final SyntheticBatch data;

    TensorFlowTraining(TensorFlowTrainStep step, SyntheticBatch data) {
      this.step = step;
      this.data = data;
    }

    @Override
    public float run() {
      System.arraycopy(data.images(), 0, step.images(), 0, data.images().length);
      System.arraycopy(data.oneHotLabels(), 0, step.labels(), 0, data.oneHotLabels().length);
      return step.step();
    }

    @Override
    public void close() {
      step.close();
    }
  }

  /** TensorFlow's logits of the batch. */
  private static final class TensorFlowInference implements Workload {
    private final TensorFlowTrainStep step;
    private final SyntheticBatch data;
    private final float[] logits;

    TensorFlowInference(TensorFlowTrainStep step, SyntheticBatch data) {
      this.step = step;
      this.data = data;
      this.logits = new float[data.size() * 10];
    }

    @Override
    public float run() {
      System.arraycopy(data.images(), 0, step.images(), 0, data.images().length);
      return step.logits(logits)[0];
    }

    @Override
    public void close() {
      step.close();
    }
  }
}
