package org.staticflow.runtime.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TString;

/**
 * Real TensorFlow (its C++ {@code SaveV2} / {@code RestoreV2} kernels, through TensorFlow Java 1.0.0) as
 * the judge of checkpoint compatibility. Each call builds a fresh graph and session, so calls are
 * independent; the first call in a JVM pays the native library's start-up (a few seconds).
 *
 * <p>Reusable from other modules' tests through the runtime's test-jar. Tensors of every dtype Staticflow
 * holds cross into TensorFlow bit-exactly (see {@link TensorFlowValues}).
 */
public final class TensorFlowOracle {
  private TensorFlowOracle() {}

  /** A tensor and the checkpoint key it is saved under. */
  public record NamedTensor(String name, Tensor tensor) {}

  /** The checkpoint key and dtype of a tensor to restore. */
  public record Key(String name, DataType dataType) {}

  /**
   * Writes {@code tensors} to the bundle at {@code prefix} with one {@code SaveV2} op, passing them in the
   * given order (SaveV2 appends them to the data file in that order).
   */
  public static void saveV2(Path prefix, List<NamedTensor> tensors) {
    saveV2Slices(prefix, tensors.stream().map(t -> new SlicedTensor(t.name(), "", t.tensor())).toList());
  }

  /**
   * One part of a partitioned variable as SaveV2 takes it: {@code shapeAndSlice} is TensorFlow's
   * {@code "<full dims> <slice>"} spec, e.g. {@code "4 6 0,2:-"} for rows 0-1 of a [4,6] variable (or
   * {@code ""} for an ordinary, whole tensor), and {@code slice} holds just that part's values.
   */
  public record SlicedTensor(String name, String shapeAndSlice, Tensor slice) {}

  /**
   * Writes partitioned variables (and whole tensors, with an empty spec) with one {@code SaveV2} op, as
   * TensorFlow 1.x's Saver does for {@code tf.compat.v1} partitioned variables.
   */
  public static void saveV2Slices(Path prefix, List<SlicedTensor> parts) {
    // SaveV2 creates only the last directory level of the prefix; create the rest as a caller expects.
    try {
      Files.createDirectories(prefix.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      List<TensorFlowValues.Fed> fed = new ArrayList<>();
      try {
        Output<?>[] values = new Output<?>[parts.size()];
        String[] names = new String[parts.size()];
        String[] slices = new String[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
          TensorFlowValues.Fed value = TensorFlowValues.feed(graph, "value_" + i, parts.get(i).slice());
          fed.add(value);
          values[i] = value.value();
          names[i] = parts.get(i).name();
          slices[i] = parts.get(i).shapeAndSlice();
        }
        GraphOperation save =
            graph
                .opBuilder("SaveV2", "save", graph.baseScope())
                .addInput(tf.constant(prefix.toString()).asOutput())
                .addInput(tf.constant(NdArrays.vectorOfObjects(names)).asOutput())
                .addInput(tf.constant(NdArrays.vectorOfObjects(slices)).asOutput())
                .addInputList(values)
                .build();
        try (Session session = new Session(graph)) {
          Session.Runner runner = session.runner();
          for (TensorFlowValues.Fed value : fed) {
            runner.feed(value.placeholder(), value.feed());
          }
          runner.addTarget(save).run().close();
        }
      } finally {
        fed.forEach(value -> value.feed().close());
      }
    }
  }

  /**
   * Merges the bundles at {@code sources} into one multi-shard bundle at {@code destination} with
   * {@code MergeV2Checkpoints}, as sharded TF1 Savers and every TF2 {@code tf.train.Checkpoint} save do:
   * source i's data file becomes {@code destination.data-0000i-of-N}, and the source bundles and their
   * directory are deleted.
   */
  public static void mergeV2Checkpoints(List<Path> sources, Path destination) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      String[] prefixes = sources.stream().map(Path::toString).toArray(String[]::new);
      GraphOperation merge =
          graph
              .opBuilder("MergeV2Checkpoints", "merge", graph.baseScope())
              .addInput(tf.constant(NdArrays.vectorOfObjects(prefixes)).asOutput())
              .addInput(tf.constant(destination.toString()).asOutput())
              .build();
      try (Session session = new Session(graph)) {
        session.runner().addTarget(merge).run().close();
      }
    }
  }

  /** Convenience for {@link #saveV2(Path, List)} with one tensor. */
  public static void saveV2(Path prefix, String name, Tensor tensor) {
    saveV2(prefix, List.of(new NamedTensor(name, tensor)));
  }

  /**
   * Restores {@code keys} from the bundle at {@code prefix} with one {@code RestoreV2} op and returns the
   * values in the same order, bit for bit as TensorFlow holds them.
   *
   * @throws org.tensorflow.exceptions.TensorFlowException (a subclass) if TensorFlow refuses the bundle,
   *     e.g. a missing key, a wrong dtype or a checksum mismatch
   */
  public static List<Tensor> restoreV2(Path prefix, List<Key> keys) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      String[] names = keys.stream().map(Key::name).toArray(String[]::new);
      org.tensorflow.proto.DataType[] types =
          keys.stream().map(key -> TensorFlowValues.tfType(key.dataType())).toArray(org.tensorflow.proto.DataType[]::new);
      GraphOperation restore =
          graph
              .opBuilder("RestoreV2", "restore", graph.baseScope())
              .addInput(tf.constant(prefix.toString()).asOutput())
              .addInput(tf.constant(NdArrays.vectorOfObjects(names)).asOutput())
              .addInput(fullSlices(tf, keys.size()))
              .setAttr("dtypes", types)
              .build();
      try (Session session = new Session(graph)) {
        Session.Runner runner = session.runner();
        for (int i = 0; i < keys.size(); i++) {
          runner.fetch(TensorFlowValues.fetchable(graph, "restored_" + i, restore.output(i), keys.get(i).dataType()));
        }
        try (Result result = runner.run()) {
          List<Tensor> restored = new ArrayList<>(keys.size());
          for (int i = 0; i < keys.size(); i++) {
            restored.add(TensorFlowValues.toStaticflow(result.get(i), keys.get(i).dataType()));
          }
          return restored;
        }
      }
    }
  }

  /** Convenience for {@link #restoreV2(Path, List)} with one key. */
  public static Tensor restoreV2(Path prefix, String name, DataType dataType) {
    return restoreV2(prefix, List.of(new Key(name, dataType))).get(0);
  }

  /** {@code shape_and_slices}: empty strings, meaning "the whole tensor" for every entry. */
  private static Output<TString> fullSlices(Ops tf, int count) {
    String[] empty = new String[count];
    Arrays.fill(empty, "");
    return tf.constant(NdArrays.vectorOfObjects(empty)).asOutput();
  }
}
