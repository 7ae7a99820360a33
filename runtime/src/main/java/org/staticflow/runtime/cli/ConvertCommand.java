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
      "Read every tensor of a checkpoint and write them to a new single-shard checkpoint with Staticflow's"
          + " writer (as TensorFlow writes bundles: uncompressed index, tensors in their original data"
          + " order). Reads any V2 bundle, including multi-shard and Snappy-compressed ones.",
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
    int count;
    try (BundleReader reader = BundleReader.open(prefix)) {
      count = new BundleCopier(streamThreshold).copy(reader, destination, RenameMapping.NONE);
    }
    spec.commandLine().getOut().println("wrote " + count + " tensors from " + prefix + " to " + destination);
    return ExitCodes.OK;
  }
}
