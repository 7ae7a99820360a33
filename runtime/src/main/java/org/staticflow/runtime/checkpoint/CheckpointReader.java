package org.staticflow.runtime.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Reads any TensorFlow V2 checkpoint by prefix or directory, like {@code tf.train.load_checkpoint} /
 * {@code NewCheckpointReader}: list the variables with their types and shapes, get one tensor.
 */
public final class CheckpointReader implements Closeable {
  private final BundleReader bundle;
  private final List<VariableInfo> variables;

  private CheckpointReader(BundleReader bundle) {
    this.bundle = bundle;
    List<VariableInfo> list = new ArrayList<>();
    for (BundleEntry entry : bundle.entries()) {
      list.add(new VariableInfo(entry.key(), entry.dataType(), entry.shape()));
    }
    this.variables = Collections.unmodifiableList(list);
  }

  /**
   * Opens a checkpoint. {@code prefixOrDirectory} is a checkpoint prefix ({@code model.ckpt-1000}) or a
   * directory, which means its latest checkpoint as recorded in its {@code checkpoint} state file. A path
   * to the {@code .index} file itself is accepted as its prefix.
   *
   * @throws CheckpointException if there is no checkpoint there, naming the path
   */
  public static CheckpointReader open(Path prefixOrDirectory) throws IOException {
    return new CheckpointReader(BundleReader.open(resolvePrefix(prefixOrDirectory)));
  }

  /**
   * The checkpoint prefix {@code path} stands for: a directory's latest checkpoint, the prefix of an
   * {@code .index} file, or {@code path} itself.
   *
   * @throws CheckpointException for a directory without a (valid) latest checkpoint
   */
  public static Path resolvePrefix(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      Optional<Path> latest = Checkpoints.latestCheckpoint(path);
      if (latest.isEmpty()) {
        throw new CheckpointException("no checkpoint found in directory " + path
            + " (its 'checkpoint' state file is missing or names no existing checkpoint)");
      }
      return latest.get();
    }
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (name.endsWith(".index") && Files.isRegularFile(path)) {
      return path.resolveSibling(name.substring(0, name.length() - ".index".length()));
    }
    return path;
  }

  /** The checkpoint prefix being read. */
  public Path prefix() {
    return bundle.prefix();
  }

  /** Name, type and shape of every tensor, sorted by name as TensorFlow sorts them. */
  public List<VariableInfo> listVariables() {
    return variables;
  }

  /** Whether the checkpoint holds a tensor named {@code name}. */
  public boolean hasTensor(String name) {
    return bundle.entry(name).isPresent();
  }

  /**
   * The tensor named {@code name}.
   *
   * @throws CheckpointKeyNotFoundException if there is none
   */
  public Tensor getTensor(String name) throws IOException {
    return bundle.read(name);
  }

  /**
   * Reads the tensor named {@code name} into {@code target} without allocating.
   *
   * @throws CheckpointKeyNotFoundException if there is none
   * @throws CheckpointMismatchException if type or shape differ from {@code target}'s
   */
  public void readInto(String name, Tensor target) throws IOException {
    bundle.readInto(name, target);
  }

  /** The underlying bundle, for streaming access to tensors larger than a Java array. */
  public BundleReader bundle() {
    return bundle;
  }

  @Override
  public void close() throws IOException {
    bundle.close();
  }
}
