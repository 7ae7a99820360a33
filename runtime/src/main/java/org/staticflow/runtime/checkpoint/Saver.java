package org.staticflow.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Saves and restores a fixed list of variables as TensorFlow 1.x's {@code tf.compat.v1.train.Saver}
 * does, writing V2 checkpoints and the {@code checkpoint} state file that TensorFlow reads.
 *
 * <pre>{@code
 * Saver saver = Saver.builder(variables).maxToKeep(3).build();
 * for (long step = 1; step <= steps; step++) {
 *   train();
 *   if (step % 1000 == 0) saver.save(Path.of("train/model.ckpt"), step);  // train/model.ckpt-1000
 * }
 * Saver.builder(variables).build().restore(Checkpoints.latestCheckpoint(Path.of("train")).orElseThrow());
 * }</pre>
 *
 * <p><b>Variable list.</b> Each variable is saved under a checkpoint key, by default its name. A subset
 * ({@link Builder#only}) and a renaming ({@link Builder#checkpointKey}, {@link Builder#checkpointKeys}) play
 * the role of TF1's {@code var_list} dict {@code {key: variable}}: {@code checkpointKey("d", "a")} restores
 * checkpoint key {@code a} into variable {@code d} (and saves {@code d} as {@code a});
 * {@code checkpointKeys(n -> n + "/ExponentialMovingAverage")} restores the moving averages into the
 * plain variables; {@link Builder#variablesByCheckpointKey} takes a whole {@code {key: variable}} map such as
 * the one {@code ExponentialMovingAverage.variablesToRestore} returns. Tensors are written in
 * the order of their keys' UTF-8 bytes, as TensorFlow's Saver sorts them, so the data file matches
 * TensorFlow's byte for byte.
 *
 * <p><b>Saving.</b> {@link #save(Path, long)} writes {@code savePath-step} (zero-padded to 8 digits with
 * {@link Builder#padStepNumber}); {@link #save(Path)} writes {@code savePath} itself. The data file and
 * then the index are written under temporary names and renamed into place ({@link BundleWriter}); only then
 * is the state file replaced, atomically; only then are old checkpoints deleted. A process killed at any
 * moment therefore leaves the state file naming complete checkpoints only. (Overwriting an existing prefix
 * is the exception: between the two renames the old index would describe the new data file, which the
 * reader's checksums then reject. Numbered saves never do this.)
 *
 * <p><b>Retention</b> (TF1 semantics, tf-formats §2.5): the saver remembers the checkpoints it wrote,
 * oldest first. After each save, if more than {@code maxToKeep} are remembered, the oldest is forgotten and
 * its files ({@code .index}, {@code .data-*}, {@code .meta}) are deleted, unless it was saved after the
 * keep threshold, in which case it stays on disk but leaves the state file and the threshold advances by
 * {@code keepCheckpointEveryNHours}. The threshold starts {@code keepCheckpointEveryNHours} after the saver
 * was built. The state file lists the remembered checkpoints,
 * newest last. {@code maxToKeep(0)} remembers and deletes nothing; the state file then names only the
 * newest. A new saver does not know the checkpoints of an earlier run; {@link #recoverLastCheckpoints}
 * tells it.
 *
 * <p>Not thread-safe: one saver should be used by one thread at a time.
 */
public final class Saver {
  private final List<SaverBinding> bindings;
  private final String latestFilename;
  private final boolean saveRelativePaths;
  private final boolean syncToDisk;
  private final boolean padStepNumber;
  private final Clock clock;
  private final CheckpointRetention retention;
  private final MetaGraphDef metaGraph;
  private final boolean writeMetaGraph;

  private Saver(Builder builder, List<SaverBinding> bindings) {
    this.bindings = bindings;
    this.latestFilename = builder.latestFilename;
    this.saveRelativePaths = builder.saveRelativePaths;
    this.syncToDisk = builder.syncToDisk;
    this.padStepNumber = builder.padStepNumber;
    this.clock = builder.clock;
    this.metaGraph = builder.metaGraph;
    this.writeMetaGraph = builder.writeMetaGraph;
    this.retention =
        new CheckpointRetention(builder.maxToKeep, builder.keepCheckpointEveryNHours, seconds(clock.instant()));
  }

  /** A builder for a saver of every variable of {@code variables}, each under its own name. */
  public static Builder builder(VariableSet variables) {
    return new Builder(variables);
  }

  /** A builder for a saver of the tensors of {@code variables}, keyed by variable name. */
  public static Builder builder(Map<String, ? extends Tensor> variables) {
    return new Builder(VariableSet.of(variables));
  }

  /**
   * Saves a checkpoint at {@code savePath-globalStep} ({@code savePath-%08d} with
   * {@link Builder#padStepNumber}), records it in the state file of {@code savePath}'s directory and
   * applies the retention policy.
   *
   * @return the prefix written
   */
  public Path save(Path savePath, long globalStep) throws IOException {
    String step = padStepNumber ? String.format("%08d", globalStep) : Long.toString(globalStep);
    return saveAt(savePath, Path.of(savePath + "-" + step));
  }

  /**
   * Saves a checkpoint at {@code savePath} itself, records it in the state file and applies the retention
   * policy.
   *
   * @return the prefix written, {@code savePath}
   * @throws IllegalArgumentException if the file name of {@code savePath} is the state file's name
   */
  public Path save(Path savePath) throws IOException {
    Path name = savePath.getFileName();
    if (name != null && name.toString().equals(latestFilename)) {
      throw new IllegalArgumentException(
          "'latest_filename' collides with 'save_path': '" + latestFilename + "' and '" + savePath + "'");
    }
    return saveAt(savePath, savePath);
  }

  private Path saveAt(Path savePath, Path prefix) throws IOException {
    try (BundleWriter writer = BundleWriter.create(prefix, syncToDisk)) {
      for (SaverBinding binding : bindings) {
        writer.add(binding.checkpointKey(), binding.tensor());
      }
      writer.finish();
    }
    if (metaGraph != null && writeMetaGraph) {
      // Before the state file names the checkpoint, so a listed checkpoint always has its graph beside it.
      AtomicFiles.write(Path.of(prefix + ".meta"), metaGraph.toByteArray());
    }
    retention.record(prefix.toString(), seconds(clock.instant()));
    Path saveDir = savePath.getParent() != null ? savePath.getParent() : Path.of("");
    List<Path> tracked = retention.prefixes().stream().map(Path::of).toList();
    CheckpointStateFile.write(
        saveDir, latestFilename, new CheckpointState(prefix, tracked, List.of(), 0.0), saveRelativePaths);
    Optional<String> evicted = retention.nextToDelete();
    if (evicted.isPresent()) {
      CheckpointFiles.remove(evicted.get(), "meta");
    }
    return prefix;
  }

  /**
   * Restores every variable of this saver from the checkpoint at {@code prefix}, writing into the
   * variables' existing arrays. All keys, types and shapes are checked before any variable is written.
   *
   * @throws CheckpointException if there is no checkpoint at {@code prefix}
   * @throws CheckpointKeyNotFoundException if a variable's key is missing ("Key d not found in checkpoint
   *     PREFIX")
   * @throws CheckpointMismatchException if a tensor's type or shape differs from the variable's, naming the
   *     variable, its key, the checkpoint and both types and shapes
   */
  public void restore(Path prefix) throws IOException {
    CheckpointRestorer.restore(prefix, bindings);
  }

  /**
   * Restores from the newest checkpoint recorded in {@code directory}'s state file (named by
   * {@link Builder#latestFilename}), if there is one.
   *
   * @return the prefix restored from, empty if the directory has no (existing) latest checkpoint
   */
  public Optional<Path> restoreLatest(Path directory) throws IOException {
    Optional<Path> latest = Checkpoints.latestCheckpoint(directory, latestFilename);
    if (latest.isPresent()) {
      restore(latest.get());
    }
    return latest;
  }

  /** The checkpoints this saver remembers, oldest first (TensorFlow's {@code last_checkpoints}). */
  public List<Path> lastCheckpoints() {
    return retention.prefixes().stream().map(Path::of).toList();
  }

  /** The remembered checkpoints with the times they were saved, oldest first. */
  public List<SavedCheckpoint> lastCheckpointsWithTime() {
    return retention.tracked().stream()
        .map(t -> new SavedCheckpoint(Path.of(t.prefix()), instant(t.time())))
        .toList();
  }

  /**
   * Replaces the remembered checkpoints, as {@code set_last_checkpoints_with_time} does. The list is taken
   * as given (not trimmed to {@code maxToKeep}).
   */
  public void setLastCheckpointsWithTime(List<SavedCheckpoint> checkpoints) {
    List<CheckpointRetention.Tracked> tracked = new ArrayList<>();
    for (SavedCheckpoint checkpoint : checkpoints) {
      tracked.add(new CheckpointRetention.Tracked(checkpoint.prefix().toString(), seconds(checkpoint.savedAt())));
    }
    retention.setTracked(tracked);
  }

  /**
   * Remembers the given checkpoints (e.g. {@code CheckpointState.allModelCheckpointPaths()} of an earlier
   * run) with the modification times of their index files as save times, so that this saver rotates them
   * out, as {@code recover_last_checkpoints} does. Prefixes whose checkpoint no longer exists are skipped.
   */
  public void recoverLastCheckpoints(List<Path> prefixes) throws IOException {
    List<SavedCheckpoint> found = new ArrayList<>();
    for (Path prefix : prefixes) {
      double time = CheckpointFiles.mtimeSeconds(prefix.toString());
      if (!Double.isNaN(time)) {
        found.add(new SavedCheckpoint(prefix, instant(time)));
      }
    }
    setLastCheckpointsWithTime(found);
  }

  /** The checkpoint keys this saver writes, in the order it writes them. */
  public List<String> checkpointKeys() {
    return bindings.stream().map(SaverBinding::checkpointKey).toList();
  }

  /** A checkpoint a saver remembers: its prefix and when it was saved. */
  public record SavedCheckpoint(Path prefix, Instant savedAt) {
    public SavedCheckpoint {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(savedAt, "savedAt");
    }
  }

  private static double seconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  private static Instant instant(double seconds) {
    long whole = (long) Math.floor(seconds);
    return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
  }

  /** Options of a {@link Saver}; defaults are TensorFlow's. */
  public static final class Builder {
    private final VariableSet variables;
    private Set<String> only;
    private UnaryOperator<String> keyFunction = UnaryOperator.identity();
    private final Map<String, String> explicitKeys = new HashMap<>();
    private int maxToKeep = 5;
    private double keepCheckpointEveryNHours = 10000.0;
    private String latestFilename = CheckpointStateFile.DEFAULT_NAME;
    private boolean saveRelativePaths;
    private boolean syncToDisk;
    private boolean padStepNumber;
    private Clock clock = Clock.systemUTC();
    private MetaGraphDef metaGraph;
    private boolean writeMetaGraph = true;

    private Builder(VariableSet variables) {
      this.variables = Objects.requireNonNull(variables, "variables");
    }

    /** Restricts the saver to the named variables (all of them by default). */
    public Builder only(Collection<String> variableNames) {
      this.only = new LinkedHashSet<>(variableNames);
      return this;
    }

    /** Restricts the saver to the named variables (all of them by default). */
    public Builder only(String... variableNames) {
      return only(Arrays.asList(variableNames));
    }

    /**
     * Saves variable {@code variableName} under, and restores it from, {@code checkpointKey}. Takes
     * precedence over {@link #checkpointKeys}.
     */
    public Builder checkpointKey(String variableName, String checkpointKey) {
      explicitKeys.put(Objects.requireNonNull(variableName), Objects.requireNonNull(checkpointKey));
      return this;
    }

    /**
     * Maps every variable name to its checkpoint key with {@code nameToKey}, e.g.
     * {@code n -> n + "/ExponentialMovingAverage"} to restore moving averages into the variables.
     */
    public Builder checkpointKeys(UnaryOperator<String> nameToKey) {
      this.keyFunction = Objects.requireNonNull(nameToKey);
      return this;
    }

    /**
     * TF1's {@code var_list} as a dict: the saver holds exactly the variables named by the values of
     * {@code checkpointKeyToVariable}, each under its key; e.g. the map returned by
     * {@code ExponentialMovingAverage.variablesToRestore}. Replaces earlier {@link #only} and
     * {@link #checkpointKey} settings.
     *
     * @throws IllegalArgumentException if two keys name the same variable
     */
    public Builder variablesByCheckpointKey(Map<String, String> checkpointKeyToVariable) {
      Map<String, String> keys = new HashMap<>();
      checkpointKeyToVariable.forEach(
          (key, variable) -> {
            String previous = keys.put(variable, key);
            if (previous != null) {
              throw new IllegalArgumentException(
                  "variable " + variable + " is mapped from two checkpoint keys, " + previous + " and " + key);
            }
          });
      explicitKeys.clear();
      explicitKeys.putAll(keys);
      this.only = new LinkedHashSet<>(checkpointKeyToVariable.values());
      return this;
    }

    /** How many recent checkpoints to keep (default 5); 0 keeps every checkpoint and tracks none. */
    public Builder maxToKeep(int maxToKeep) {
      if (maxToKeep < 0) {
        throw new IllegalArgumentException("maxToKeep must be >= 0, got " + maxToKeep);
      }
      this.maxToKeep = maxToKeep;
      return this;
    }

    /**
     * Additionally keep on disk one checkpoint per this many hours of the saver's life (default 10000,
     * i.e. never); such checkpoints leave the state file but are not deleted.
     */
    public Builder keepCheckpointEveryNHours(double hours) {
      if (!(hours > 0)) {
        throw new IllegalArgumentException("keepCheckpointEveryNHours must be > 0, got " + hours);
      }
      this.keepCheckpointEveryNHours = hours;
      return this;
    }

    /** The state file's name in the save directory (default {@code checkpoint}; TF1's latest_filename). */
    public Builder latestFilename(String latestFilename) {
      CheckpointStateFile.checkFilename(latestFilename);
      this.latestFilename = latestFilename;
      return this;
    }

    /**
     * Record absolute checkpoint paths relative to the save directory, so the directory can be moved
     * (default false, as in TF1; relative save paths are always recorded relative to their directory).
     */
    public Builder saveRelativePaths(boolean saveRelativePaths) {
      this.saveRelativePaths = saveRelativePaths;
      return this;
    }

    /**
     * Force each checkpoint's data and index files to the storage device before they are renamed into
     * place, so that a checkpoint named by the state file survives power loss, not only a killed process
     * (default false, as TensorFlow; it costs a device flush per save).
     */
    public Builder syncToDisk(boolean syncToDisk) {
      this.syncToDisk = syncToDisk;
      return this;
    }

    /** Zero-pad the global step to 8 digits ({@code model-00001000}) so names sort (default false). */
    public Builder padStepNumber(boolean padStepNumber) {
      this.padStepNumber = padStepNumber;
      return this;
    }

    /**
     * The model's graph, written beside each checkpoint as {@code PREFIX.meta} (binary MetaGraphDef), as
     * TF1's Saver does (see {@code org.staticflow.runtime.graph.export.MetaGraphExport}). Without one, no
     * {@code .meta} is written.
     */
    public Builder metaGraph(MetaGraphDef metaGraph) {
      this.metaGraph = Objects.requireNonNull(metaGraph, "metaGraph");
      return this;
    }

    /** Whether to write {@code PREFIX.meta} when a meta graph is set (default true; TF1's {@code write_meta_graph}). */
    public Builder writeMetaGraph(boolean writeMetaGraph) {
      this.writeMetaGraph = writeMetaGraph;
      return this;
    }

    /** The clock that dates saves and the saver's construction (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the saver; its construction time starts the {@code keepCheckpointEveryNHours} period.
     *
     * @throws IllegalArgumentException if there are no variables, a named variable does not exist, or two
     *     variables would share a checkpoint key
     */
    public Saver build() {
      return new Saver(this, SaverBinding.resolve(variables, only, explicitKeys, keyFunction));
    }
  }
}
