package org.staticflow.runtime.cli;

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

/** {@code staticflow ckpt rename PREFIX OUT_PREFIX old=new...}: a copy of a checkpoint with keys renamed. */
@Command(
    name = "rename",
    header = "Write a copy of a checkpoint with some tensors renamed.",
    description = {
      "Values, dtypes and shapes are unchanged. Each rename is OLD=NEW (split at the first '='). Every OLD must be a tensor of"
          + " the checkpoint, and no two tensors may end up with the same name; renames apply together, so"
          + " a=b b=a swaps two tensors. An OLD ending with '/' is a scope: model/=net/ renames every"
          + " tensor under model/ (an exact name wins over a scope, a longer scope over a shorter one);"
          + " model/= drops the scope.",
      "Only the bundle (OUT_PREFIX.index, OUT_PREFIX.data-00000-of-00001) is written; no 'checkpoint' state"
          + " file."
    })
final class RenameCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PREFIX", description = "Checkpoint to read (prefix, file or directory).")
  Path source;

  @Parameters(index = "1", paramLabel = "OUT_PREFIX", description = "Prefix of the checkpoint to write.")
  Path destination;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "OLD=NEW", description = "Tensor (or scope/) to rename, and its new name.")
  List<String> renames;

  @Option(names = "--overwrite", description = "Replace OUT_PREFIX if a checkpoint is already there.")
  boolean overwrite;

  @Option(
      names = "--stream-above",
      hidden = true,
      paramLabel = "BYTES",
      description = "Stream fixed-size tensors larger than this instead of reading them whole (tuning, tests).")
  long streamThreshold = BundleCopier.DEFAULT_STREAM_THRESHOLD;

  @Override
  public Integer call() throws Exception {
    RenameMapping mapping;
    try {
      mapping = RenameMapping.parse(renames);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Path prefix = CheckpointLocation.resolve(source);
    OutputPrefix.check(prefix, destination, overwrite);
    BundleCopier.Copied copied;
    try (BundleReader reader = BundleReader.open(prefix)) {
      copied = new BundleCopier(streamThreshold).copy(reader, destination, mapping);
    }
    spec.commandLine()
        .getOut()
        .println("renamed " + copied.renamed() + " of " + copied.tensors() + " tensors, wrote " + destination);
    return ExitCodes.OK;
  }
}
