package org.staticflow.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow ckpt diff A B}: what differs between two checkpoints; exit status as diff(1). */
@Command(
    name = "diff",
    header = "Compare two checkpoints (exit status 0 same, 1 different).",
    description = {
      "Prints one line per differing tensor, by name in TensorFlow's order: 'only in A', 'only in B', 'dtype differs', 'shape differs', 'values"
          + " differ' (how many elements, the largest absolute difference, the first differing element),"
          + " then a summary line.",
      "Values are equal when their bits are, or when both are NaN, or (floating point) when they differ by"
          + " at most --atol, so 0.0 equals -0.0. Large tensors are streamed."
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "First checkpoint (prefix, file or directory).")
  Path first;

  @Parameters(index = "1", paramLabel = "B", description = "Second checkpoint (prefix, file or directory).")
  Path second;

  @Option(
      names = "--atol",
      paramLabel = "TOLERANCE",
      defaultValue = "0",
      description = "Absolute tolerance for values (default: ${DEFAULT-VALUE}, exact).")
  double atol;

  @Option(
      names = "--stream-above",
      hidden = true,
      paramLabel = "BYTES",
      description = "Stream fixed-size tensors larger than this instead of comparing in memory (tuning, tests).")
  long streamThreshold = CheckpointComparison.DEFAULT_IN_MEMORY_LIMIT;

  @Override
  public Integer call() throws Exception {
    if (!(atol >= 0) || Double.isInfinite(atol)) {
      throw new ParameterException(spec.commandLine(), "--atol must be a finite number >= 0, got " + atol);
    }
    Path a = CheckpointLocation.resolve(first);
    Path b = CheckpointLocation.resolve(second);
    CheckpointComparison comparison = new CheckpointComparison(atol, streamThreshold);
    List<CheckpointComparison.Difference> differences;
    try (BundleReader left = BundleReader.open(a);
        BundleReader right = BundleReader.open(b)) {
      differences = comparison.compare(left, right);
    }
    PrintWriter out = spec.commandLine().getOut();
    differences.forEach(out::println);
    String sides = "A=" + a + " B=" + b;
    if (differences.isEmpty()) {
      out.println("identical: " + comparison.keysCompared() + " tensors (" + sides + ")");
      return ExitCodes.OK;
    }
    out.println(
        "different: " + differences.size() + " of " + comparison.keysCompared() + " tensors (" + sides + ")");
    return ExitCodes.DIFFERENT;
  }
}
