package org.staticflow.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;

/**
 * Restores a list of bindings from one checkpoint into their tensors' existing arrays.
 *
 * <p>Every binding is checked (key present, same type, same shape) before any tensor is written, so a
 * restore that fails on a missing key or a mismatch leaves every variable unchanged. A checkpoint whose
 * data turn out damaged while being read (checksum mismatch) fails with the tensors read so far already
 * overwritten.
 */
final class CheckpointRestorer {
  private CheckpointRestorer() {}

  static void restore(Path prefix, List<SaverBinding> bindings) throws IOException {
    if (!Checkpoints.checkpointExists(prefix)) {
      throw new CheckpointException(
          "The passed save_path is not a valid checkpoint: " + prefix + " (no " + prefix + ".index)");
    }
    try (BundleReader reader = BundleReader.open(prefix)) {
      for (SaverBinding binding : bindings) {
        check(reader, prefix, binding);
      }
      for (SaverBinding binding : bindings) {
        reader.readInto(binding.checkpointKey(), binding.tensor());
      }
    }
  }

  private static void check(BundleReader reader, Path prefix, SaverBinding binding)
      throws CheckpointException {
    Optional<BundleEntry> found = reader.entry(binding.checkpointKey());
    if (found.isEmpty()) {
      throw new CheckpointKeyNotFoundException(binding.checkpointKey(), prefix.toString());
    }
    BundleEntry entry = found.get();
    var tensor = binding.tensor();
    if (entry.dataType() != tensor.dataType() || !entry.shape().equals(tensor.shape())) {
      String what = entry.dataType() != tensor.dataType() ? "data type" : "shape";
      throw new CheckpointMismatchException(
          "Cannot restore " + binding.describe() + " from checkpoint " + prefix + ": " + what
              + " differs: the checkpoint has " + entry.dataType().protoName() + entry.shape()
              + ", the variable is " + tensor.dataType().protoName() + tensor.shape());
    }
  }
}
