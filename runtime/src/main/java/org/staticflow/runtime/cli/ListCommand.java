package org.staticflow.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow ckpt list PREFIX}: one line per tensor, name, dtype and shape, in TensorFlow's order. */
@Command(
    name = "list",
    header = "List the tensors of a checkpoint: name, dtype, shape.",
    description = {
      "List the tensors of a checkpoint: name, dtype and shape, one per line, sorted by name as"
          + " tf.train.list_variables sorts them. Dtypes are NumPy/TensorFlow Python names (float32),"
          + " shapes TensorFlow's notation ([2,3]; [] for a scalar)."
    })
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PREFIX", description = "Checkpoint prefix, file or directory.")
  Path checkpoint;

  @Override
  public Integer call() throws Exception {
    Path prefix = CheckpointLocation.resolve(checkpoint);
    TextTable table = new TextTable(3);
    try (BundleReader reader = BundleReader.open(prefix)) {
      for (BundleEntry entry : reader.entries()) {
        table.add(entry.key(), entry.dataType().pythonName(), entry.shape().toString());
      }
    }
    table.print(spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
