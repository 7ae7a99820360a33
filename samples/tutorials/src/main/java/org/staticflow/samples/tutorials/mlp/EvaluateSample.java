package org.staticflow.samples.tutorials.mlp;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.staticflow.runtime.checkpoint.Checkpoints;
import org.staticflow.runtime.cli.SampleProgram;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.samples.tutorials.MnistDataOption;
import org.staticflow.samples.tutorials.PythonFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code staticflow sample evaluate}: TensorFlow's {@code mnist_eval.py}. Watches the model directory; each
 * time its {@code checkpoint} state file names a new latest checkpoint, restores it with the moving-average
 * mapping and prints {@code After N training step(s), validation accuracy = X}. With no checkpoint it prints
 * {@code No checkpoint file found} and stops, as the tutorial does.
 */
public final class EvaluateSample implements SampleProgram {
  @Override
  public Object command() {
    return new Evaluate();
  }

  @Command(
      name = "evaluate",
      header = "Evaluate the MLP's checkpoints as training writes them (mnist_eval.py).",
      description = {
        "Watches the model directory; restores each new latest checkpoint with the moving-average mapping"
            + " (variables_to_restore) and prints its validation accuracy. Stops when there is no checkpoint,"
            + " after one evaluation with --once, or when no new checkpoint appeared for --idle-timeout seconds."
      })
  static final class Evaluate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model-dir", defaultValue = "model", paramLabel = "DIR",
        description = "Where training writes its checkpoints (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Mixin MnistDataOption data;

    @Option(names = "--interval", defaultValue = "10", paramLabel = "SECONDS",
        description = "How often to look for a new checkpoint (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(names = "--once", description = "Evaluate the latest checkpoint once and stop.")
    boolean once;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
        description = "Stop when no new checkpoint appeared for this long (default: watch until interrupted).")
    Double idleTimeoutSeconds;

    @Option(names = "--test", description = "Also print the accuracy on the test set.")
    boolean test;

    @Override
    public Integer call() throws Exception {
      // Checked before anything runs: Thread.sleep would otherwise fail later with "timeout value is negative".
      if (!(intervalSeconds > 0)) {
        throw new IllegalArgumentException("--interval must be a positive number of seconds, got " + intervalSeconds);
      }
      if (idleTimeoutSeconds != null && !(idleTimeoutSeconds >= 0)) {
        throw new IllegalArgumentException("--idle-timeout must be 0 or more seconds, got " + idleTimeoutSeconds);
      }
      PrintWriter out = spec.commandLine().getOut();
      Mnist mnist = data.load(0);
      MlpEvaluator evaluator = new MlpEvaluator();
      Path evaluated = null;
      long lastNews = System.nanoTime();
      while (true) {
        Optional<Path> latest = Checkpoints.latestCheckpoint(modelDir);
        if (latest.isEmpty()) {
          out.println("No checkpoint file found");
          return 0;
        }
        if (!latest.get().equals(evaluated)) {
          evaluated = latest.get();
          lastNews = System.nanoTime();
          evaluator.restore(evaluated);
          String step = globalStep(evaluated);
          out.printf("After %s training step(s), validation accuracy = %s%n", step,
              PythonFormat.g(evaluator.accuracy(mnist.validation())));
          if (test) {
            out.printf("After %s training step(s), test accuracy = %s%n", step,
                PythonFormat.g(evaluator.accuracy(mnist.test())));
          }
          out.flush();
        }
        if (once || (idleTimeoutSeconds != null && System.nanoTime() - lastNews > idleTimeoutSeconds * 1e9)) {
          return 0;
        }
        Thread.sleep((long) (intervalSeconds * 1000));
      }
    }

    /** The tutorial's {@code ckpt.model_checkpoint_path.split('/')[-1].split('-')[-1]}. */
    private static String globalStep(Path prefix) {
      String name = prefix.getFileName().toString();
      return name.substring(name.lastIndexOf('-') + 1);
    }
  }
}
