package org.staticflow.samples.tutorials.finetune;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.Checkpoints;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.cli.SampleProgram;
import org.staticflow.runtime.data.DataSet;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.train.ExponentialMovingAverage;
import org.staticflow.runtime.train.GradientDescentOptimizer;
import org.staticflow.runtime.train.LearningRate;
import org.staticflow.runtime.train.Trainer;
import org.staticflow.samples.tutorials.MnistDataOption;
import org.staticflow.samples.tutorials.PythonFormat;
import org.staticflow.samples.tutorials.TerminalProgress;
import org.staticflow.samples.tutorials.mlp.MlpEvaluator;
import org.staticflow.samples.tutorials.mlp.MnistMlp;
import org.staticflow.samples.tutorials.mlp.Staticflow_MnistMlp;
import org.staticflow.samples.tutorials.mlp.TrainSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code staticflow sample fine-tune}: reuses the trained MNIST MLP's hidden layer for a new task, even or
 * odd digit ({@link MnistParity}), training only the new head.
 *
 * <ol>
 *   <li>Restoring the whole new model from the MLP's checkpoint fails, as in TensorFlow, because the head's
 *       variables are not in it: the program shows the {@link CheckpointKeyNotFoundException} a user would
 *       see.
 *   <li>So it restores a subset with a name mapping ({@code var_list} as a dict): {@code layer1/weights} and
 *       {@code layer1/biases} from the moving averages the MLP's training kept,
 *       {@code layer1/weights/ExponentialMovingAverage} and {@code layer1/biases/ExponentialMovingAverage}
 *       (the weights the evaluate program measured). The head keeps its fresh initial values.
 *   <li>It trains {@code parity/weights} and {@code parity/biases} only (TensorFlow's
 *       {@code minimize(var_list=...)}) with GradientDescent on batches of 100, labels {@code digit % 2},
 *       prints the loss every {@code --save-every} steps, saves {@code model.ckpt-N} in {@code --model-dir},
 *       and prints the even/odd accuracy on the test set.
 * </ol>
 */
public final class FineTuneSample implements SampleProgram {
  /** The variables restored from the trained MLP; the hidden layer keeps its names. */
  public static final List<String> RESTORED = List.of("layer1/weights", "layer1/biases");
  /** The new head, the only variables trained. */
  public static final List<String> TRAINED = List.of("parity/weights", "parity/biases");
  /** A constant rate: the head is a logistic regression on fixed features. */
  public static final float LEARNING_RATE = 0.5f;

  @Override
  public Object command() {
    return new FineTune();
  }

  @Command(
      name = "fine-tune",
      header = "Fine-tune the trained MLP for even/odd digits: restore a subset, train a new head only.",
      description = {
        "Restores the hidden layer of the MLP that 'staticflow sample mlp' trained (from its moving averages)"
            + " into a new model with a 2-class head, trains only the head to tell even from odd digits and"
            + " prints its test accuracy."
      })
  static final class FineTune implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", defaultValue = "model", paramLabel = "DIR-or-PREFIX",
        description = "The trained MLP: a model directory (its latest checkpoint) or a checkpoint prefix"
            + " (default: ${DEFAULT-VALUE}).")
    Path from;

    @Option(names = "--steps", defaultValue = "2000", paramLabel = "N",
        description = "Training steps of the head (default: ${DEFAULT-VALUE}).")
    long steps;

    @Mixin MnistDataOption data;

    @Option(names = "--model-dir", defaultValue = "model-finetuned", paramLabel = "DIR",
        description = "Where to write the fine-tuned model's checkpoints (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Option(names = "--save-every", defaultValue = "1000", paramLabel = "N",
        description = "Print the loss and save a checkpoint every N steps (default: ${DEFAULT-VALUE}).")
    long saveEvery;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
        description = "Seeds the head's initial weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
      if (steps <= 0) {
        throw new IllegalArgumentException("--steps must be positive, got " + steps);
      }
      if (saveEvery <= 0) {
        throw new IllegalArgumentException("--save-every must be positive, got " + saveEvery);
      }
      PrintWriter out = spec.commandLine().getOut();
      // A directory means its latest checkpoint; a missing one is reported naming the directory.
      Path checkpoint = CheckpointReader.resolvePrefix(from);
      if (!Checkpoints.checkpointExists(checkpoint)) {
        throw new IllegalArgumentException("--from: no checkpoint at " + from
            + " (train the MLP first: staticflow sample mlp --model-dir DIR)");
      }
      out.println("Fine-tuning the MLP of " + checkpoint + " to tell even from odd digits, on "
          + data.describe());
      Mnist mnist = data.load(seed);

      Staticflow_MnistParity model = new Staticflow_MnistParity();
      model.initializeVariables(seed);
      restoreNaively(model, checkpoint, out);
      restoreHiddenLayer(model, checkpoint, out);

      Trainer trainer = Trainer.builder(model, new GradientDescentOptimizer(LearningRate.constant(LEARNING_RATE)))
          .trainOnly(TRAINED)
          .build();
      Saver saver = Saver.builder(trainer.variables()).build();
      Path savePath = modelDir.resolve(TrainSample.MODEL_NAME);
      out.println("Training " + String.join(" and ", trainer.trainedVariables()) + " only");
      DataSet train = parity(mnist.train(), seed);
      model.batchSize(TrainSample.BATCH_SIZE);
      TerminalProgress progress = TerminalProgress.start(out, steps);
      Path saved = null;
      for (long i = 1; i <= steps; i++) {
        train.nextBatch(model.x(), model.labels());
        float loss = trainer.step();
        long step = trainer.globalStep().get();
        if (step % saveEvery == 0 || i == steps) {
          progress.println(String.format("After %d training step(s), loss on training batch is %s.", step,
              PythonFormat.g(loss)));
          saved = saver.save(savePath, step);
        }
        progress.update(i, loss);
      }
      progress.finish();
      out.println("Saved " + saved);
      out.printf(Locale.ROOT, "Even/odd accuracy: validation %s, test %s%n",
          PythonFormat.g(accuracy(model, parity(mnist.validation(), seed))),
          PythonFormat.g(accuracy(model, parity(mnist.test(), seed))));
      out.printf(Locale.ROOT, "(For comparison, the parity of the digit the MLP itself predicts: test %s)%n",
          PythonFormat.g(parityOfPredictedDigits(checkpoint, mnist.test())));
      out.flush();
      return 0;
    }

    /**
     * What a user tries first, and what it tells them: a saver of the whole new model looks for every
     * variable under its own name, and the checkpoint has no {@code parity/...}.
     */
    private static void restoreNaively(Staticflow_MnistParity model, Path checkpoint, PrintWriter out)
        throws IOException {
      out.println("Restoring the whole new model from the MLP's checkpoint:");
      try {
        Saver.builder(model.variableTensors()).build().restore(checkpoint);
        throw new IllegalStateException(checkpoint + " unexpectedly holds the new head's variables " + TRAINED);
      } catch (CheckpointKeyNotFoundException e) {
        out.println("  " + e.getMessage());
        out.println("  (the new head " + String.join(", ", TRAINED) + " was never trained, so no checkpoint of the"
            + " MLP has it; nothing was restored)");
      }
    }

    /**
     * Restores the hidden layer only, each variable from its moving average in the checkpoint: a saver over
     * a subset of the model's variables, keyed by checkpoint key (TensorFlow's {@code Saver({key: var})}).
     */
    private static void restoreHiddenLayer(Staticflow_MnistParity model, Path checkpoint, PrintWriter out)
        throws IOException {
      Map<String, String> variableByKey = new LinkedHashMap<>();
      for (String name : RESTORED) {
        variableByKey.put(ExponentialMovingAverage.averageName(name), name);
      }
      out.println("Restoring the hidden layer only, from the moving averages:");
      Saver.builder(model.variableTensors()).variablesByCheckpointKey(variableByKey).build().restore(checkpoint);
      variableByKey.forEach((key, name) -> out.println("  " + name + " <- " + key));
    }
  }

  /**
   * The fraction of {@code data} for which the MLP of {@code checkpoint} (its moving averages, as the evaluate
   * program restores them) predicts a digit of the right parity: the baseline the new head should reach.
   */
  static float parityOfPredictedDigits(Path checkpoint, DataSet data) throws IOException {
    MlpEvaluator evaluator = new MlpEvaluator();
    evaluator.restore(checkpoint);
    Staticflow_MnistMlp mlp = evaluator.model();
    mlp.batchSize(data.size());
    System.arraycopy(data.features().data(), 0, mlp.x().data(), 0, mlp.x().data().length);
    mlp.forward();
    float[] logits = mlp.logits().data();
    int classes = MnistMlp.OUTPUT_NODE;
    int right = 0;
    for (int i = 0; i < data.size(); i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (logits[i * classes + c] > logits[i * classes + best]) {
          best = c;
        }
      }
      right += best % 2 == data.labels().data()[i] % 2 ? 1 : 0;
    }
    return (float) right / data.size();
  }

  /** {@code data} with the labels replaced by the digits' parity: 0 even, 1 odd. */
  public static DataSet parity(DataSet data, long seed) {
    int[] digits = data.labels().data();
    int[] parity = new int[digits.length];
    for (int i = 0; i < digits.length; i++) {
      parity[i] = digits[i] % 2;
    }
    return new DataSet(data.features(), IntTensor.of(data.labels().shape(), parity), MnistParity.CLASSES, seed);
  }

  /** The fraction of {@code data} whose parity {@code model} predicts correctly, in one batch of the whole set. */
  public static float accuracy(Staticflow_MnistParity model, DataSet data) {
    model.batchSize(data.size());
    System.arraycopy(data.features().data(), 0, model.x().data(), 0, model.x().data().length);
    System.arraycopy(data.oneHotLabels().data(), 0, model.labels().data(), 0, model.labels().data().length);
    model.forward();
    return model.accuracy().data()[0];
  }
}
