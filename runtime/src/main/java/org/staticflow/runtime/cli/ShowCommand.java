package org.staticflow.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.tensor.TensorFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow ckpt show PREFIX NAME}: one tensor's dtype, shape and values. */
@Command(
    name = "show",
    header = "Print one tensor: dtype, shape and values.",
    description = {
      "Values are printed as NumPy prints them. Tensors of more than " + TensorFormat.SUMMARY_THRESHOLD + " elements are summarised to the"
          + " first and last --edge-items entries of each dimension unless --all is given.",
      "Tensors too large to hold in memory (over " + ShowCommand.IN_MEMORY_LIMIT_MIB + " MiB) are streamed and"
          + " summarised flat: their first and last --edge-items elements in row-major order."
    })
final class ShowCommand implements Callable<Integer> {
  static final long IN_MEMORY_LIMIT_MIB = 256;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PREFIX", description = "Checkpoint prefix, file or directory.")
  Path checkpoint;

  @Parameters(index = "1", paramLabel = "NAME", description = "Tensor name, as ckpt list prints it.")
  String name;

  @Option(names = "--all", description = "Print every value, however many.")
  boolean all;

  @Option(
      names = "--edge-items",
      paramLabel = "N",
      defaultValue = "3",
      description = "Entries shown at each end of a summarised dimension (default: ${DEFAULT-VALUE}).")
  int edgeItems;

  @Option(
      names = "--stream-above",
      hidden = true,
      paramLabel = "BYTES",
      description = "Summarise fixed-size tensors larger than this by streaming (tuning, tests).")
  long streamThreshold = IN_MEMORY_LIMIT_MIB << 20;

  @Override
  public Integer call() throws Exception {
    if (edgeItems < 1) {
      throw new ParameterException(
          spec.commandLine(), "--edge-items must be at least 1, got " + edgeItems);
    }
    Path prefix = CheckpointLocation.resolve(checkpoint);
    PrintWriter out = spec.commandLine().getOut();
    try (BundleReader reader = BundleReader.open(prefix)) {
      BundleEntry entry = reader.entry(name).orElse(null);
      if (entry == null) {
        reader.read(name); // throws the reader's error: an unsupported type, or the key is not there
        throw new CheckpointKeyNotFoundException(name, prefix.toString());
      }
      boolean stream =
          Entries.streamable(entry)
              && (Entries.storedBytes(entry) > streamThreshold || !Entries.fitsInArray(entry.shape()));
      if (stream && all) {
        throw new ParameterException(
            spec.commandLine(),
            "--all: " + name + " has " + entry.shape().numElements() + " elements, too many to print whole");
      }
      out.println("name:  " + entry.key());
      out.println("dtype: " + entry.dataType().pythonName());
      out.println("shape: " + entry.shape());
      if (stream) {
        out.println(EdgeElements.read(reader, entry, edgeItems).format());
        out.println(
            "(" + entry.shape().numElements() + " elements; first and last " + edgeItems
                + " in row-major order)");
      } else {
        long threshold = all ? Long.MAX_VALUE : TensorFormat.SUMMARY_THRESHOLD;
        out.println(TensorFormat.format(reader.read(name), edgeItems, threshold));
      }
    }
    return ExitCodes.OK;
  }
}
