package org.staticflow.runtime.checkpoint.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Writes a TensorFlow V2 tensor bundle ({@code PREFIX.index} + {@code PREFIX.data-00000-of-00001}) exactly
 * as TensorFlow's {@code BundleWriter} does: tensors are streamed into the data file in the order they are
 * added (no padding), each with its masked CRC32C; on {@link #finish()} the index table is built with keys
 * sorted as unsigned bytes, uncompressed 256 KiB blocks, restart interval 16. Given the same tensors in the
 * same order, the files are byte-identical to TensorFlow's.
 *
 * <p>Atomicity: both files are written under temporary names ({@code <final>.tempstate<random>}) in the
 * target directory and renamed into place by {@link #finish()}, data first and index last, so a reader that
 * trusts a prefix only once its index exists never sees a partial bundle. {@link #close()} without
 * {@code finish()} deletes the temporary files.
 */
public final class BundleWriter implements Closeable {

  private BundleWriter() {}

  /** Starts a bundle at {@code prefix}; parent directories are created. */
  public static BundleWriter create(Path prefix) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** The prefix this bundle is written to. */
  public Path prefix() {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /**
   * Appends {@code tensor} under {@code key}.
   *
   * @throws IllegalArgumentException if the key is empty, starts with byte 0 (reserved for slice keys) or
   *     was already added
   */
  public void add(String key, Tensor tensor) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /**
   * Appends a fixed-size tensor whose bytes come from {@code source} in chunks, for tensors larger than a
   * Java array can hold.
   */
  public void add(String key, DataType dataType, Shape shape, PayloadSource source) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** Writes the index and moves both files into place. The writer cannot be used afterwards. */
  public void finish() throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** Releases files; if {@link #finish()} was not called, deletes the temporary files. */
  @Override
  public void close() throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }
}
