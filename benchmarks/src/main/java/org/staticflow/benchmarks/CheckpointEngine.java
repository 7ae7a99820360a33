package org.staticflow.benchmarks;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One side of the checkpoint benchmark: holds one float variable in memory and saves it to, or restores it
 * from, a single-tensor checkpoint.
 */
interface CheckpointEngine extends AutoCloseable {
  /** Name of the checkpoint key every engine uses, so the files of both engines are interchangeable. */
  String KEY = "weights";

  /** Writes the variable to the bundle at {@code prefix} (replacing an earlier one). */
  void save(Path prefix) throws IOException;

  /** Reads the variable back from the bundle at {@code prefix} into the engine's in-memory variable. */
  void restore(Path prefix) throws IOException;

  /**
   * Reads the variable from the bundle at {@code prefix} into newly allocated memory, which the engine
   * keeps until the next call (the cost of a restore that cannot reuse a buffer).
   */
  void restoreToNewTensor(Path prefix) throws IOException;

  /**
   * Whether the in-memory variable holds exactly {@code expected} (after a restore), so a benchmark never
   * measures an engine that does the wrong thing.
   */
  boolean holds(float[] expected);

  @Override
  void close();
}
