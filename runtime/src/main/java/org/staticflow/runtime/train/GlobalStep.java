package org.staticflow.runtime.train;

import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;

/**
 * TensorFlow's {@code global_step}: an int64 scalar variable named {@code global_step}, starting at 0,
 * incremented once per training step after the update (as {@code minimize(loss, global_step)} does), and
 * saved with the model.
 */
public final class GlobalStep {
  /** The checkpoint key TensorFlow uses. */
  public static final String NAME = "global_step";

  private final LongTensor value = LongTensor.of(Shape.scalar(), new long[1]);

  /** The current step. */
  public long get() {
    return value.data()[0];
  }

  /** Sets the step (e.g. after restoring). */
  public void set(long step) {
    value.data()[0] = step;
  }

  /** Adds one and returns the new value. */
  public long increment() {
    return ++value.data()[0];
  }

  /** The live variable, for the Saver: restoring into it resumes the step count. */
  public LongTensor tensor() {
    return value;
  }
}
