package org.staticflow.samples.tutorials.cnn;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.staticflow.runtime.cli.SampleProgram;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.report.ProgressBar;
import org.staticflow.runtime.report.TrainingCurves;
import org.staticflow.samples.tutorials.MnistDataOption;
import org.staticflow.samples.tutorials.PythonFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code staticflow sample cnn}: the "Deep MNIST" tutorial. Trains {@link MnistCnn} with Adam (1e-4) and
 * dropout (keep 0.5), printing {@code step %d, training accuracy %g} every 100 steps (the accuracy of that
 * step's batch with dropout off, measured before the step, as the tutorial does) under a progress bar, then
 * {@code test accuracy %g} over the whole test set in batches, saves the checkpoint
 * {@code DIR/mnist_cnn.ckpt-STEPS} and draws the loss and training accuracy to {@code DIR/mnist_cnn_curves.png}.
 */
public final class CnnSample implements SampleProgram {
  /** The checkpoint's save path in the model directory (the global step is appended). */
  public static final String CHECKPOINT = "mnist_cnn.ckpt";
  /** The training curves' file in the model directory. */
  public static final String CURVES = "mnist_cnn_curves.png";

  @Override
  public Object command() {
    return new Cnn();
  }

  @Command(
      name = "cnn",
      header = "The MNIST CNN with Adam and dropout (Deep MNIST tutorial).",
      description = {"Trains conv-pool-conv-pool-dense-dropout-dense on MNIST, prints the training accuracy every"
          + " 100 steps and the test accuracy at the end, saves a checkpoint and the training curves (PNG)."})
  static final class Cnn implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--steps", defaultValue = "1000", paramLabel = "N",
        description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin MnistDataOption data;

    @Option(names = "--model-dir", defaultValue = "model", paramLabel = "DIR",
        description = "Where the checkpoint and the curves go (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Option(names = "--batch", defaultValue = "100", paramLabel = "N",
        description = "Examples per training step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
        description = "Seed of the initializers, dropout and the data's shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
      if (steps < 0) {
        throw new ParameterException(spec.commandLine(), "--steps must be at least 0, got " + steps);
      }
      if (batch <= 0) {
        throw new ParameterException(spec.commandLine(), "--batch must be positive, got " + batch);
      }
      PrintWriter out = spec.commandLine().getOut();
      Mnist mnist = data.load(seed);
      out.println("Data: " + data.describe());
      CnnTraining training = new CnnTraining(batch, seed);
      TrainingCurves curves = new TrainingCurves();
      ProgressBar bar = steps == 0 ? null : new ProgressBar(new PrintStream(new WriterStream(out), true), steps,
          "steps", System.console() != null, System::nanoTime, 100_000_000L);
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        training.nextBatch(mnist.train());
        if (i % 100 == 0) {
          float accuracy = training.batchAccuracy();
          curves.record("training accuracy", i, accuracy);
          out.printf("step %d, training accuracy %s%n", i, PythonFormat.g(accuracy));
          out.flush();
        }
        float loss = training.step();
        curves.record("loss", i, loss);
        bar.update(i + 1, loss);
      }
      if (bar != null) {
        bar.finish();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf("test accuracy %s%n", PythonFormat.g(training.accuracy(mnist.test())));
      Path saved = training.save(modelDir.resolve(CHECKPOINT));
      Path png = modelDir.resolve(CURVES);
      curves.writePng(png);
      out.printf("Model saved in file: %s (training curves: %s; %d steps in %.1f s)%n", saved, png, steps, seconds);
      return 0;
    }
  }

  /** The progress bar's ASCII bytes, as characters, onto the command's writer (so that tests capture it). */
  private static final class WriterStream extends OutputStream {
    private final PrintWriter out;

    WriterStream(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      out.write((char) (b & 0xff));
    }

    @Override
    public void flush() {
      out.flush();
    }
  }
}
