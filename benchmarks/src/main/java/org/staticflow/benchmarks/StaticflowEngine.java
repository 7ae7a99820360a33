package org.staticflow.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Staticflow's checkpoint path as an application uses it, the counterpart of TensorFlow's Saver: a
 * {@link Saver} saves the variable (bundle written under temporary names and renamed into place, then the
 * {@code checkpoint} state file) and restores into the existing variable array; a {@link CheckpointReader}
 * reads into a new tensor for {@link #restoreToNewTensor}.
 */
final class StaticflowEngine implements CheckpointEngine {
  private final Saver saver;
  private final Saver restorer;
  private final FloatTensor restored;
  /** The result of the last {@link #restoreToNewTensor}, kept so the read cannot be optimised away. */
  private Tensor fresh;

  StaticflowEngine(float[] values, Shape shape) {
    this.restored = FloatTensor.zeros(shape);
    // maxToKeep 0: the benchmark saves one prefix over and over; keep no history and delete nothing.
    this.saver = Saver.builder(Map.of(KEY, FloatTensor.of(shape, values))).maxToKeep(0).build();
    this.restorer = Saver.builder(Map.of(KEY, restored)).maxToKeep(0).build();
  }

  @Override
  public void save(Path prefix) throws IOException {
    saver.save(prefix);
  }

  @Override
  public void restore(Path prefix) throws IOException {
    restorer.restore(prefix);
  }

  @Override
  public void restoreToNewTensor(Path prefix) throws IOException {
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      fresh = reader.getTensor(KEY);
    }
  }

  @Override
  public boolean holds(float[] expected) {
    return Arrays.equals(expected, restored.data());
  }

  @Override
  public void close() {}
}
