package org.staticflow.runtime.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
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
      "One line per tensor, sorted by name as tf.train.list_variables sorts them. Dtypes are NumPy/TensorFlow Python names (float32),"
          + " shapes TensorFlow's notation ([2,3]; [] for a scalar). Tensors of types Staticflow cannot"
          + " read (variant, resource) are listed too."
    })
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PREFIX", description = "Checkpoint prefix, file or directory.")
  Path checkpoint;

  @Override
  public Integer call() throws Exception {
    Path prefix = CheckpointLocation.resolve(checkpoint);
    Map<String, String[]> rows = new TreeMap<>(KeyOrder.TENSORFLOW);
    try (BundleReader reader = BundleReader.open(prefix)) {
      for (BundleEntry entry : reader.entries()) {
        rows.put(entry.key(), new String[] {entry.key(), entry.dataType().pythonName(), entry.shape().toString()});
      }
      for (UnreadableEntries.Unreadable entry : UnreadableEntries.of(reader)) {
        rows.put(entry.key(), new String[] {entry.key(), entry.dtype(), entry.shape()});
      }
    }
    TextTable table = new TextTable(3);
    rows.values().forEach(table::add);
    table.print(spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
