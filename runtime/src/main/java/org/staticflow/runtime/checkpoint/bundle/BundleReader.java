package org.staticflow.runtime.checkpoint.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Reads a TensorFlow V2 tensor bundle: the {@code PREFIX.index} table (uncompressed or Snappy blocks, every
 * block checksum verified) and the {@code PREFIX.data-*} shards, with positional long-offset reads so files
 * and tensors beyond 2 GiB work. Every tensor's bytes are checked against the entry's masked CRC32C.
 *
 * <p>Errors are typed: {@code CorruptCheckpointException} for damaged or inconsistent files (naming the file
 * and the problem), {@code UnsupportedCheckpointException} for the legacy V1 format, partitioned variables
 * and variant tensors, {@code CheckpointKeyNotFoundException} for a missing key,
 * {@code CheckpointMismatchException} when {@link #readInto} targets a tensor of another type or shape.
 */
public final class BundleReader implements Closeable {

  private BundleReader() {}

  /** Opens the bundle at {@code prefix} and reads its index. */
  public static BundleReader open(Path prefix) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** The prefix this bundle was opened from. */
  public Path prefix() {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** Number of data shards the header declares. */
  public int numShards() {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** All tensor entries sorted by key as unsigned bytes (as TensorFlow lists them); no slice entries. */
  public List<BundleEntry> entries() {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** The entry for {@code key}, if present. */
  public Optional<BundleEntry> entry(String key) {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /** Reads the tensor stored under {@code key} into a new tensor. */
  public Tensor read(String key) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /**
   * Reads the tensor stored under {@code key} into {@code target}'s existing array (no allocation of the
   * destination), after checking that type and shape match.
   */
  public void readInto(String key, Tensor target) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  /**
   * Streams the stored bytes of a fixed-size tensor to {@code sink} in chunks and verifies the checksum at
   * the end (throwing if it does not match).
   */
  public void readPayload(String key, PayloadSink sink) throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }

  @Override
  public void close() throws IOException {
    throw new UnsupportedOperationException("implementation lands on main shortly");
  }
}
