package org.staticflow.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow ckpt convert SRC DST}: every tensor of SRC rewritten by Staticflow's bundle writer. */
@Command(
    name = "convert",
    header = "Rewrite a checkpoint with Staticflow's bundle writer.",
    description = {
      "Reads every tensor of any V2 bundle (multi-shard, Snappy-compressed, partitioned variables) and"
          + " writes them to a single-shard bundle as TensorFlow's writer does: uncompressed index, tensors in"
          + " their original data order (so an uncompressed single-shard TensorFlow bundle comes out"
          + " byte-identical). A partitioned variable is written as one whole tensor.",
      "Only the bundle (DST.index, DST.data-00000-of-00001) is written; no 'checkpoint' state file."
    })
final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SRC_PREFIX", description = "Checkpoint to read (prefix, file or directory).")
  Path source;

  @Parameters(index = "1", paramLabel = "DST_PREFIX", description = "Prefix of the checkpoint to write.")
  Path destination;

  @Option(names = "--overwrite", description = "Replace DST_PREFIX if a checkpoint is already there.")
  boolean overwrite;

  @Option(
      names = "--stream-above",
      hidden = true,
      paramLabel = "BYTES",
      description = "Stream fixed-size tensors larger than this instead of reading them whole (tuning, tests).")
  long streamThreshold = BundleCopier.DEFAULT_STREAM_THRESHOLD;

  @Override
  public Integer call() throws Exception {
    Path prefix = CheckpointLocation.resolve(source);
    OutputPrefix.check(prefix, destination, overwrite);
    BundleCopier.Copied copied;
    try (BundleReader reader = BundleReader.open(prefix)) {
      copied = new BundleCopier(streamThreshold).copy(reader, destination, RenameMapping.NONE);
    }
    spec.commandLine().getOut().println("wrote " + copied.tensors() + " tensors from " + prefix + " to " + destination);
    return ExitCodes.OK;
  }
}
