package org.staticflow.runtime.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Reads any TensorFlow V2 checkpoint by prefix or directory, like {@code tf.train.load_checkpoint} /
 * {@code NewCheckpointReader}: list the variables with their types and shapes, get one tensor.
 */
public final class CheckpointReader implements Closeable {

  private CheckpointReader() {}

  /**
   * Opens a checkpoint. {@code prefixOrDirectory} is a checkpoint prefix ({@code model.ckpt-1000}) or a
   * directory, which means its latest checkpoint as recorded in its {@code checkpoint} state file.
   *
   * @throws CheckpointException if there is no checkpoint there, naming the path
   */
  public static CheckpointReader open(Path prefixOrDirectory) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** The checkpoint prefix being read. */
  public Path prefix() {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** Name, type and shape of every tensor, sorted by name as TensorFlow sorts them. */
  public List<VariableInfo> listVariables() {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** Whether the checkpoint holds a tensor named {@code name}. */
  public boolean hasTensor(String name) {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /**
   * The tensor named {@code name}.
   *
   * @throws CheckpointKeyNotFoundException if there is none
   */
  public Tensor getTensor(String name) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /**
   * Reads the tensor named {@code name} into {@code target} without allocating.
   *
   * @throws CheckpointKeyNotFoundException if there is none
   * @throws CheckpointMismatchException if type or shape differ from {@code target}'s
   */
  public void readInto(String name, Tensor target) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  @Override
  public void close() throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }
}
