package org.staticflow.samples.tutorials.regression;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.staticflow.runtime.cli.SampleProgram;
import org.staticflow.samples.tutorials.NumpyFormat;
import org.staticflow.samples.tutorials.PythonFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code staticflow sample regression train|resume}: TensorFlow's linear-regression tutorial with save and
 * restore. {@code train} fits {@code y = 0.1 x + 0.3} for 25 steps, printing {@code Step:%d, alpha:%f,
 * beta:%f} after every step (steps counted from 0, as {@code for step in range(25)}; each value is the
 * variable's one element, as {@code "%f" % sess.run(alpha)} prints it), and saves
 * {@code model/regressionModel.ckpt}. {@code resume} restores that checkpoint, prints {@code Restored alpha:
 * [..], beta: [..]} (NumPy's {@code str} of the float32 arrays) and trains 51 more steps, printing every 10th.
 * The points are NumPy's ({@link RegressionData#tutorial()}), so the output matches the TensorFlow program's
 * line for line when both start from the same {@code beta} ({@code --initial-beta}).
 */
public final class RegressionSample implements SampleProgram {
  /** The checkpoint's file name in the model directory. */
  public static final String CHECKPOINT = "regressionModel.ckpt";

  @Override
  public Object command() {
    return new Regression();
  }

  @Command(
      name = "regression",
      header = "Linear regression with save and restore (y = 0.1 x + 0.3, gradient descent).",
      description = {"'train' fits the line and saves a checkpoint; 'resume' restores it and trains on."},
      subcommands = {Train.class, Resume.class})
  static final class Regression implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      throw new ParameterException(spec.commandLine(), "Missing subcommand: train or resume");
    }
  }

  /** The options both subcommands take. */
  static final class Common {
    @Option(names = "--data", paramLabel = "FILE",
        description = "CSV of x,y points (default: the tutorial's 100 points, y = 0.1 x + 0.3).")
    Path data;

    @Option(names = "--lr", defaultValue = "0.5", paramLabel = "R",
        description = "Gradient-descent learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--model-dir", defaultValue = "model", paramLabel = "DIR",
        description = "Directory of the checkpoint " + CHECKPOINT + " (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    RegressionData points() throws IOException {
      return data == null ? RegressionData.tutorial() : RegressionData.readCsv(data);
    }

    void check(CommandSpec spec, int steps) {
      if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
        throw new ParameterException(spec.commandLine(), "--lr must be a positive number, got " + learningRate);
      }
      if (steps < 0) {
        throw new ParameterException(spec.commandLine(), "--steps must be at least 0, got " + steps);
      }
    }
  }

  @Command(name = "train", header = "Fit the line from fresh variables and save the checkpoint.",
      description = {"Trains from alpha = 0 and beta drawn from random_uniform(-1, 1) (or --initial-beta),"
          + " printing 'Step:N, alpha:A, beta:B' after every step, then saves DIR/" + CHECKPOINT + "."})
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--steps", defaultValue = "25", paramLabel = "N",
        description = "Training steps, each printed (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--initial-beta", paramLabel = "B",
        description = "Start beta here instead of at its random_uniform(-1, 1) draw, e.g. where a TensorFlow"
            + " run started, to compare the runs line by line.")
    Float initialBeta;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
        description = "Seed of the variables' initializers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
      common.check(spec, steps);
      PrintWriter out = spec.commandLine().getOut();
      RegressionTraining training = new RegressionTraining(common.points(), common.learningRate, seed);
      if (initialBeta != null) {
        training.setBeta(initialBeta);
      }
      for (int step = 0; step < steps; step++) {
        training.step();
        printStep(out, step, training);
      }
      Path saved = training.save(common.modelDir.resolve(CHECKPOINT));
      out.println("Model saved in file: " + saved);
      return 0;
    }
  }

  @Command(name = "resume", header = "Restore the checkpoint and train on, printing every 10th step.",
      description = {"Restores alpha and beta from DIR/" + CHECKPOINT + " (or --restore), prints them and trains"
          + " on, printing steps 0, 10, 20, ...; the checkpoint is left as it was."})
  static final class Resume implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--steps", defaultValue = "51", paramLabel = "N",
        description = "Training steps after the restore; every 10th is printed (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--restore", paramLabel = "PREFIX",
        description = "Checkpoint to restore (default: DIR/" + CHECKPOINT + " of --model-dir).")
    Path restore;

    @Override
    public Integer call() throws IOException {
      common.check(spec, steps);
      PrintWriter out = spec.commandLine().getOut();
      RegressionTraining training = new RegressionTraining(common.points(), common.learningRate, 0);
      training.restore(restore != null ? restore : common.modelDir.resolve(CHECKPOINT));
      out.println("Restored alpha: " + NumpyFormat.array(training.alpha()) + ", beta: "
          + NumpyFormat.array(training.beta()));
      for (int step = 0; step < steps; step++) {
        training.step();
        if (step % 10 == 0) {
          printStep(out, step, training);
        }
      }
      return 0;
    }
  }

  static void printStep(PrintWriter out, int step, RegressionTraining training) {
    out.println(stepLine(step, training));
  }

  /** {@code "Step:%d, alpha:%f, beta:%f" % (step, sess.run(alpha), sess.run(beta))}. */
  static String stepLine(int step, RegressionTraining training) {
    return "Step:" + step + ", alpha:" + PythonFormat.f(training.alpha()) + ", beta:"
        + PythonFormat.f(training.beta());
  }
}
