package org.staticflow.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Staticflow's checkpoint path as an application uses it: {@link BundleWriter} for a save, and
 * {@link BundleReader#readInto} into the existing variable array for a restore (no allocation of the
 * destination), {@link BundleReader#read} for a restore into a new tensor.
 */
final class StaticflowEngine implements CheckpointEngine {
  private final FloatTensor saved;
  private final FloatTensor restored;
  /** The result of the last {@link #restoreToNewTensor}, kept so the read cannot be optimised away. */
  private Tensor fresh;

  StaticflowEngine(float[] values, Shape shape) {
    this.saved = FloatTensor.of(shape, values);
    this.restored = FloatTensor.zeros(shape);
  }

  @Override
  public void save(Path prefix) throws IOException {
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      writer.add(KEY, saved);
      writer.finish();
    }
  }

  @Override
  public void restore(Path prefix) throws IOException {
    try (BundleReader reader = BundleReader.open(prefix)) {
      reader.readInto(KEY, restored);
    }
  }

  @Override
  public void restoreToNewTensor(Path prefix) throws IOException {
    try (BundleReader reader = BundleReader.open(prefix)) {
      fresh = reader.read(KEY);
    }
  }

  @Override
  public boolean holds(float[] expected) {
    return Arrays.equals(expected, restored.data());
  }

  @Override
  public void close() {}
}
