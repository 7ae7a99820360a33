package org.staticflow.samples.tutorials.mlp;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.cli.SampleProgram;
import org.staticflow.runtime.data.DataSet;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.report.TrainingCurves;
import org.staticflow.runtime.train.ExponentialMovingAverage;
import org.staticflow.runtime.train.GradientDescentOptimizer;
import org.staticflow.runtime.train.LearningRates;
import org.staticflow.runtime.train.Trainer;
import org.staticflow.samples.tutorials.MnistDataOption;
import org.staticflow.samples.tutorials.PythonFormat;
import org.staticflow.samples.tutorials.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code staticflow sample mlp}: TensorFlow 1.x's "best practice" training program ({@code mnist_train.py}
 * with {@code mnist_inference.py}), training {@link MnistMlp} and writing the checkpoints that
 * {@code staticflow sample evaluate} watches.
 *
 * <pre>
 * learning rate   0.8 * 0.99 ^ floor(global_step / (train examples / 100))   (exponential_decay, staircase)
 * optimizer       GradientDescent, batch 100, loss = cross-entropy + 1e-4 * (l2(layer1/weights) + l2(layer2/weights))
 * moving average  decay min(0.99, (1 + global_step) / (10 + global_step)) of every trainable variable
 * </pre>
 *
 * Every {@code --save-every} steps (and after the last) it prints the tutorial's
 * {@code After N training step(s), loss on training batch is L.} and saves everything
 * ({@code model.ckpt-N}: the variables, {@code global_step} and the {@code .../ExponentialMovingAverage}
 * shadows), keeping the newest {@code --max-to-keep}. (The tutorial saves at steps 1, 1001, 2001, ...; this
 * program at 1000, 2000, ... and at the end, so that the last checkpoint is the trained model.) It also
 * evaluates each saved checkpoint's moving averages on the validation set, as the evaluate program would,
 * and draws the loss and that accuracy as {@code training-curves.png} in the model directory.
 */
public final class TrainSample implements SampleProgram {
  /** The tutorial's {@code BATCH_SIZE}. */
  public static final int BATCH_SIZE = 100;
  /** The tutorial's {@code LEARNING_RATE_BASE}. */
  public static final float LEARNING_RATE_BASE = 0.8f;
  /** The tutorial's {@code LEARNING_RATE_DECAY}, applied once per epoch. */
  public static final float LEARNING_RATE_DECAY = 0.99f;
  /** The checkpoint prefix in the model directory, the tutorial's {@code MODEL_NAME}. */
  public static final String MODEL_NAME = "model.ckpt";
  /** The training curves' file in the model directory. */
  public static final String CURVES_FILE = "training-curves.png";
  /** The loss curve plots the mean loss of this many steps per point. */
  static final int LOSS_WINDOW = 100;

  @Override
  public Object command() {
    return new Train();
  }

  @Command(
      name = "mlp",
      header = "Train the MNIST MLP the \"best practice\" way (mnist_train.py), saving checkpoints.",
      description = {
        "Trains the 784-500-10 MLP with a decaying learning rate, L2 regularization and moving averages of the"
            + " variables; every --save-every steps prints the loss and saves a checkpoint in --model-dir, which"
            + " 'staticflow sample evaluate' restores. Writes the training curves there as " + CURVES_FILE + "."
      })
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--steps", defaultValue = "30000", paramLabel = "N",
        description = "Training steps, the tutorial's TRAINING_STEPS (default: ${DEFAULT-VALUE}).")
    long steps;

    @Mixin MnistDataOption data;

    @Option(names = "--model-dir", defaultValue = "model", paramLabel = "DIR",
        description = "Where to write the checkpoints (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Option(names = "--save-every", defaultValue = "1000", paramLabel = "N",
        description = "Print the loss and save a checkpoint every N steps (default: ${DEFAULT-VALUE}).")
    long saveEvery;

    @Option(names = "--max-to-keep", defaultValue = "5", paramLabel = "N",
        description = "Keep the newest N checkpoints, 0 for all (default: ${DEFAULT-VALUE}).")
    int maxToKeep;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
        description = "Seeds the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
      if (steps <= 0) {
        throw new IllegalArgumentException("--steps must be positive, got " + steps);
      }
      if (saveEvery <= 0) {
        throw new IllegalArgumentException("--save-every must be positive, got " + saveEvery);
      }
      if (maxToKeep < 0) {
        throw new IllegalArgumentException("--max-to-keep must be 0 (keep all) or more, got " + maxToKeep);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Training the MNIST MLP on " + data.describe());
      Mnist mnist = data.load(seed);
      DataSet train = mnist.train();

      Staticflow_MnistMlp model = new Staticflow_MnistMlp();
      model.initializeVariables(seed);
      model.batchSize(BATCH_SIZE);
      // decay_steps = mnist.train.num_examples / BATCH_SIZE: the rate decays once per epoch.
      long decaySteps = Math.max(1, train.size() / BATCH_SIZE);
      Trainer trainer = Trainer.builder(model, new GradientDescentOptimizer(
              LearningRates.exponentialDecay(LEARNING_RATE_BASE, decaySteps, LEARNING_RATE_DECAY, true)))
          .movingAverage(new ExponentialMovingAverage(MlpEvaluator.MOVING_AVERAGE_DECAY))
          .build();
      Saver saver = Saver.builder(trainer.variables()).maxToKeep(maxToKeep).build();
      Path savePath = modelDir.resolve(MODEL_NAME);
      MlpEvaluator evaluator = new MlpEvaluator();
      TrainingCurves curves = new TrainingCurves();

      TerminalProgress progress = TerminalProgress.start(out, steps);
      double windowLoss = 0;
      int windowSteps = 0;
      long trainingNanos = 0;
      long started = System.nanoTime();
      for (long i = 1; i <= steps; i++) {
        train.nextBatch(model.x(), model.labels());
        float loss = trainer.step();
        long step = trainer.globalStep().get();
        windowLoss += loss;
        windowSteps++;
        if (windowSteps == LOSS_WINDOW || i == steps) {
          curves.record("loss on training batches (mean of " + LOSS_WINDOW + " steps)", step, windowLoss / windowSteps);
          windowLoss = 0;
          windowSteps = 0;
        }
        if (step % saveEvery == 0 || i == steps) {
          trainingNanos += System.nanoTime() - started;
          progress.println(String.format("After %d training step(s), loss on training batch is %s.", step,
              PythonFormat.g(loss)));
          Path saved = saver.save(savePath, step);
          // What the evaluate program will print for this checkpoint: the moving averages it holds.
          evaluator.restore(saved);
          curves.record("validation accuracy (moving averages)", step, evaluator.accuracy(mnist.validation()));
          started = System.nanoTime();
        }
        progress.update(i, loss);
      }
      progress.finish();
      Path curvesFile = modelDir.resolve(CURVES_FILE);
      curves.writePng(curvesFile);
      var accuracies = curves.points("validation accuracy (moving averages)");
      double[] last = accuracies.get(accuracies.size() - 1);
      out.printf(Locale.ROOT, "Trained %d steps in %.1f s (%.2f ms/step); validation accuracy of the moving"
              + " averages at step %d: %s%n", steps, trainingNanos / 1e9, trainingNanos / 1e6 / steps,
          (long) last[0], PythonFormat.g(last[1]));
      out.println("Checkpoints: " + String.join(", ", saver.lastCheckpoints().stream().map(Path::toString).toList()));
      out.println("Training curves: " + curvesFile);
      out.flush();
      return 0;
    }
  }
}
