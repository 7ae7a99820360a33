package org.staticflow.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.train.ExponentialMovingAverage;

class SaverTest {
  @TempDir Path temp;

  private static FloatTensor floats(float... values) {
    return FloatTensor.of(Shape.of(values.length), values);
  }

  private static Map<String, Tensor> vars(Object... nameTensorPairs) {
    Map<String, Tensor> map = new LinkedHashMap<>();
    for (int i = 0; i < nameTensorPairs.length; i += 2) {
      map.put((String) nameTensorPairs[i], (Tensor) nameTensorPairs[i + 1]);
    }
    return map;
  }

  private List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> checkpointFiles(String... prefixes) {
    return Stream.of(prefixes)
        .flatMap(p -> Stream.of(p + ".data-00000-of-00001", p + ".index"))
        .toList();
  }

  private static List<String> plus(List<String> files, String... more) {
    return Stream.concat(files.stream(), Stream.of(more)).sorted().toList();
  }

  @Test
  void syncedSavesRestoreLikeOthers() throws IOException {
    FloatTensor w = floats(1, 2, 3);
    Saver saver = Saver.builder(vars("w", w)).syncToDisk(true).build();
    Path prefix = saver.save(temp.resolve("model.ckpt"), 1);
    java.util.Arrays.fill(w.data(), 0);
    saver.restore(prefix);
    assertArrayEquals(new float[] {1, 2, 3}, w.data());
    assertEquals(plus(checkpointFiles("model.ckpt-1"), "checkpoint"), filesIn(temp));
  }

  @Test
  void savesAndRestoresIntoTheExistingArrays() throws IOException {
    FloatTensor w = FloatTensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
    LongTensor step = new LongTensor(org.staticflow.runtime.tensor.DataType.INT64, Shape.scalar(), new long[] {42});
    StringTensor words = StringTensor.of(Shape.of(2), "héllo", "");
    BooleanTensor flags = new BooleanTensor(Shape.of(3), new boolean[] {true, false, true});
    DoubleTensor empty = new DoubleTensor(org.staticflow.runtime.tensor.DataType.DOUBLE, Shape.of(0, 4), new double[0]);
    Saver saver =
        Saver.builder(vars("layer1/weights", w, "global_step", step, "words", words, "flags", flags, "empty", empty))
            .build();
    Path prefix = saver.save(temp.resolve("model.ckpt"), 7);
    assertEquals(temp.resolve("model.ckpt-7"), prefix);

    float[] wStorage = w.data();
    java.util.Arrays.fill(wStorage, 0);
    step.data()[0] = 0;
    words.data()[0] = new byte[0];
    flags.data()[0] = false;
    saver.restore(prefix);
    assertSame(wStorage, w.data());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.data());
    assertEquals(42, step.data()[0]);
    assertEquals("héllo", words.getString(0));
    assertTrue(flags.data()[0]);

    try (CheckpointReader reader = CheckpointReader.open(temp)) {
      assertEquals(prefix, reader.prefix());
      assertEquals(
          List.of("empty", "flags", "global_step", "layer1/weights", "words"),
          reader.listVariables().stream().map(VariableInfo::name).toList());
    }
  }

  @Test
  void writesTensorsInKeyOrderAsTensorFlowsSaverDoes() throws IOException {
    Saver saver = Saver.builder(vars("b", floats(1), "a", floats(2, 3), "B", floats(4))).build();
    assertEquals(List.of("B", "a", "b"), saver.checkpointKeys());
    Path prefix = saver.save(temp.resolve("m"));
    try (BundleReader reader = BundleReader.open(prefix)) {
      assertEquals(0, reader.entry("B").orElseThrow().offset());
      assertEquals(4, reader.entry("a").orElseThrow().offset());
      assertEquals(12, reader.entry("b").orElseThrow().offset());
    }
  }

  @Test
  void globalStepNamingAndStateFile() throws IOException {
    Saver saver = Saver.builder(vars("v", floats(1))).build();
    assertEquals(temp.resolve("model.ckpt-1000"), saver.save(temp.resolve("model.ckpt"), 1000));
    assertEquals(
        "model_checkpoint_path: \"" + temp.resolve("model.ckpt-1000") + "\"\n"
            + "all_model_checkpoint_paths: \"" + temp.resolve("model.ckpt-1000") + "\"\n",
        Files.readString(temp.resolve("checkpoint")));
    assertEquals(Optional.of(temp.resolve("model.ckpt-1000")), Checkpoints.latestCheckpoint(temp));

    Saver padded = Saver.builder(vars("v", floats(1))).padStepNumber(true).saveRelativePaths(true).build();
    assertEquals(temp.resolve("model.ckpt-00000042"), padded.save(temp.resolve("model.ckpt"), 42));
    assertEquals(
        "model_checkpoint_path: \"model.ckpt-00000042\"\n"
            + "all_model_checkpoint_paths: \"model.ckpt-00000042\"\n",
        Files.readString(temp.resolve("checkpoint")));
    assertEquals(plus(checkpointFiles("model.ckpt-00000042", "model.ckpt-1000"), "checkpoint"), filesIn(temp));
  }

  @Test
  void maxToKeepDeletesTheOldestAndTheStateFileListsTheRest() throws IOException {
    Files.createFile(temp.resolve("m-1.meta")); // written by some other tool; removed with its checkpoint
    Saver saver = Saver.builder(vars("v", floats(1))).maxToKeep(2).saveRelativePaths(true).build();
    for (int step = 1; step <= 4; step++) {
      saver.save(temp.resolve("m"), step);
    }
    assertEquals(plus(checkpointFiles("m-3", "m-4"), "checkpoint"), filesIn(temp));
    assertEquals(
        "model_checkpoint_path: \"m-4\"\n"
            + "all_model_checkpoint_paths: \"m-3\"\n"
            + "all_model_checkpoint_paths: \"m-4\"\n",
        Files.readString(temp.resolve("checkpoint")));
    assertEquals(List.of(temp.resolve("m-3"), temp.resolve("m-4")), saver.lastCheckpoints());
  }

  @Test
  void defaultMaxToKeepIsFive() throws IOException {
    Saver saver = Saver.builder(vars("v", floats(1))).build();
    for (int step = 1; step <= 7; step++) {
      saver.save(temp.resolve("m"), step);
    }
    assertEquals(plus(checkpointFiles("m-3", "m-4", "m-5", "m-6", "m-7"), "checkpoint"), filesIn(temp));
    assertEquals(5, Checkpoints.getCheckpointState(temp).orElseThrow().allModelCheckpointPaths().size());
  }

  @Test
  void maxToKeepZeroKeepsEverythingAndListsOnlyTheNewest() throws IOException {
    Saver saver = Saver.builder(vars("v", floats(1))).maxToKeep(0).saveRelativePaths(true).build();
    for (int step = 1; step <= 3; step++) {
      saver.save(temp.resolve("m"), step);
    }
    assertEquals(plus(checkpointFiles("m-1", "m-2", "m-3"), "checkpoint"), filesIn(temp));
    assertEquals(
        "model_checkpoint_path: \"m-3\"\nall_model_checkpoint_paths: \"m-3\"\n",
        Files.readString(temp.resolve("checkpoint")));
    assertEquals(List.of(), saver.lastCheckpoints());
  }

  @Test
  void savingTheSamePrefixAgainTracksItOnce() throws IOException {
    FloatTensor v = floats(1);
    Saver saver = Saver.builder(vars("v", v)).maxToKeep(2).saveRelativePaths(true).build();
    saver.save(temp.resolve("a"));
    saver.save(temp.resolve("b"));
    v.data()[0] = 9;
    saver.save(temp.resolve("a"));
    assertEquals(List.of(temp.resolve("b"), temp.resolve("a")), saver.lastCheckpoints());
    assertEquals(plus(checkpointFiles("a", "b"), "checkpoint"), filesIn(temp));
    v.data()[0] = 0;
    saver.restoreLatest(temp);
    assertEquals(9, v.data()[0]);
  }

  /**
   * keep_checkpoint_every_n_hours = 1, max_to_keep = 2, saves every 30 minutes starting 10 minutes after
   * the saver was built. The threshold starts at 60 min: the checkpoint saved at 70 min is the first one
   * evicted after it and is kept (threshold 120 min), then the one at 130 min (threshold 180 min)...
   */
  @Test
  void keepCheckpointEveryNHoursKeepsOnePerPeriodOnDisk() throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2024-04-25T00:00:00Z"));
    Saver saver =
        Saver.builder(vars("v", floats(1)))
            .maxToKeep(2)
            .keepCheckpointEveryNHours(1)
            .saveRelativePaths(true)
            .clock(clock)
            .build();
    clock.advance(Duration.ofMinutes(10));
    for (int step = 1; step <= 8; step++) { // step k saved at 10 + 30 (k - 1) minutes
      saver.save(temp.resolve("m"), step);
      clock.advance(Duration.ofMinutes(30));
    }
    // Evicted in order: 1 (10 min, deleted), 2 (40, deleted), 3 (70 > 60: kept, next 120),
    // 4 (100, deleted), 5 (130 > 120: kept, next 180), 6 (160, deleted). 7 and 8 are the newest two.
    assertEquals(plus(checkpointFiles("m-3", "m-5", "m-7", "m-8"), "checkpoint"), filesIn(temp));
    CheckpointState state = Checkpoints.getCheckpointState(temp).orElseThrow();
    assertEquals(List.of(temp.resolve("m-7"), temp.resolve("m-8")), state.allModelCheckpointPaths());
    assertEquals(
        List.of(
            new Saver.SavedCheckpoint(temp.resolve("m-7"), Instant.parse("2024-04-25T03:10:00Z")),
            new Saver.SavedCheckpoint(temp.resolve("m-8"), Instant.parse("2024-04-25T03:40:00Z"))),
        saver.lastCheckpointsWithTime());
  }

  @Test
  void defaultKeepPeriodNeverKeepsExtraCheckpoints() throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2024-04-25T00:00:00Z"));
    Saver saver = Saver.builder(vars("v", floats(1))).maxToKeep(1).clock(clock).build();
    for (int step = 1; step <= 3; step++) {
      clock.advance(Duration.ofDays(100));
      saver.save(temp.resolve("m"), step);
    }
    assertEquals(plus(checkpointFiles("m-3"), "checkpoint"), filesIn(temp));
  }

  @Test
  void recoverLastCheckpointsLetsANewSaverRotateAnEarlierRunsCheckpoints() throws IOException {
    Saver first = Saver.builder(vars("v", floats(1))).maxToKeep(3).build();
    for (int step = 1; step <= 3; step++) {
      first.save(temp.resolve("m"), step);
    }
    Checkpoints.removeCheckpoint(temp.resolve("m-2")); // gone meanwhile: skipped on recovery
    Saver second = Saver.builder(vars("v", floats(1))).maxToKeep(2).build();
    second.recoverLastCheckpoints(Checkpoints.getCheckpointState(temp).orElseThrow().allModelCheckpointPaths());
    assertEquals(List.of(temp.resolve("m-1"), temp.resolve("m-3")), second.lastCheckpoints());
    second.save(temp.resolve("m"), 4);
    assertEquals(plus(checkpointFiles("m-3", "m-4"), "checkpoint"), filesIn(temp));
    assertEquals(
        List.of(temp.resolve("m-3"), temp.resolve("m-4")),
        Checkpoints.getCheckpointState(temp).orElseThrow().allModelCheckpointPaths());
  }

  @Test
  void relativeSavePathIsRecordedRelativeToItsDirectory() throws IOException {
    Path dir = Path.of("").toAbsolutePath().relativize(temp.toAbsolutePath()).resolve("train");
    FloatTensor v = floats(5);
    Saver saver = Saver.builder(vars("v", v)).build();
    saver.save(dir.resolve("model"), 10);
    saver.save(dir.resolve("model"), 20);
    assertEquals(
        "model_checkpoint_path: \"model-20\"\n"
            + "all_model_checkpoint_paths: \"model-10\"\n"
            + "all_model_checkpoint_paths: \"model-20\"\n",
        Files.readString(dir.resolve("checkpoint")));
    v.data()[0] = 0;
    assertEquals(Optional.of(dir.resolve("model-20")), saver.restoreLatest(dir));
    assertEquals(5, v.data()[0]);
  }

  @Test
  void createsMissingDirectoriesOfTheSavePath() throws IOException {
    Path dir = temp.resolve("runs/1/train");
    Saver saver = Saver.builder(vars("v", floats(1))).saveRelativePaths(true).build();
    saver.save(dir.resolve("model.ckpt"), 3);
    assertEquals(plus(checkpointFiles("model.ckpt-3"), "checkpoint"), filesIn(dir));
    assertEquals(Optional.of(dir.resolve("model.ckpt-3")), Checkpoints.latestCheckpoint(dir));
  }

  @Test
  void latestFilenameOption() throws IOException {
    Saver saver = Saver.builder(vars("v", floats(1))).latestFilename("best").build();
    saver.save(temp.resolve("m"), 1);
    assertEquals(plus(checkpointFiles("m-1"), "best"), filesIn(temp));
    assertEquals(Optional.of(temp.resolve("m-1")), Checkpoints.latestCheckpoint(temp, "best"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> saver.save(temp.resolve("best")));
    assertEquals("'latest_filename' collides with 'save_path': 'best' and '" + temp.resolve("best") + "'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Saver.builder(vars("v", floats(1))).latestFilename("a/b"));
  }

  @Test
  void restoresASubset() throws IOException {
    FloatTensor w = floats(1, 2);
    FloatTensor b = floats(3);
    Path prefix = Saver.builder(vars("w", w, "b", b)).build().save(temp.resolve("m"));
    w.data()[0] = 0;
    b.data()[0] = 0;
    Saver.builder(vars("w", w, "b", b)).only("w").build().restore(prefix);
    assertArrayEquals(new float[] {1, 2}, w.data());
    assertEquals(0, b.data()[0]);
    // A subset saver also saves only its subset.
    Path subset = Saver.builder(vars("w", w, "b", b)).only("b").build().save(temp.resolve("s"));
    try (CheckpointReader reader = CheckpointReader.open(subset)) {
      assertEquals(List.of(new VariableInfo("b", org.staticflow.runtime.tensor.DataType.FLOAT, Shape.of(1))),
          reader.listVariables());
    }
  }

  @Test
  void restoresCheckpointKeyAIntoVariableD() throws IOException {
    Path prefix = Saver.builder(vars("a", floats(7, 8))).build().save(temp.resolve("m"));
    FloatTensor d = floats(0, 0);
    FloatTensor other = floats(1);
    Saver.builder(vars("d", d, "other", other)).only("d").checkpointKey("d", "a").build().restore(prefix);
    assertArrayEquals(new float[] {7, 8}, d.data());
  }

  @Test
  void restoresMovingAveragesIntoThePlainVariables() throws IOException {
    Path prefix =
        Saver.builder(
                vars(
                    "v", floats(1, 1),
                    "v/ExponentialMovingAverage", floats(0.5f, 0.25f),
                    "global_step", floats(3)))
            .build()
            .save(temp.resolve("m"));
    FloatTensor v = floats(0, 0);
    FloatTensor globalStep = floats(0);
    Saver.builder(vars("v", v, "global_step", globalStep))
        .checkpointKeys(name -> name + "/ExponentialMovingAverage")
        .checkpointKey("global_step", "global_step")
        .build()
        .restore(prefix);
    assertArrayEquals(new float[] {0.5f, 0.25f}, v.data());
    assertEquals(3, globalStep.data()[0]);
  }

  /** Train-time averages saved with the model, restored for evaluation as TF's variables_to_restore does. */
  @Test
  void restoresExponentialMovingAveragesViaVariablesToRestore() throws IOException {
    FloatTensor v = floats(1, 2);
    FloatTensor bias = floats(5);
    ExponentialMovingAverage ema = new ExponentialMovingAverage(0.5f);
    ema.apply(List.of("v"), List.of(v));
    v.data()[0] = 3;
    v.data()[1] = 6;
    ema.update(); // shadow = [2, 4]
    Map<String, Tensor> all = vars("v", v, "bias", bias);
    all.putAll(ema.shadowVariables());
    Path prefix = Saver.builder(all).build().save(temp.resolve("train"), 1);
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(
          List.of("bias", "v", "v/ExponentialMovingAverage"),
          reader.listVariables().stream().map(VariableInfo::name).toList());
    }

    FloatTensor evalV = floats(0, 0);
    FloatTensor evalBias = floats(0);
    Saver.builder(vars("v", evalV, "bias", evalBias))
        .variablesByCheckpointKey(ema.variablesToRestore(List.of("v", "bias")))
        .build()
        .restore(prefix);
    assertArrayEquals(new float[] {2, 4}, evalV.data());
    assertArrayEquals(new float[] {5}, evalBias.data());
  }

  @Test
  void missingKeyNamesKeyAndCheckpointAndChangesNothing() throws IOException {
    Path prefix = Saver.builder(vars("a", floats(7))).build().save(temp.resolve("m"));
    FloatTensor a = floats(0);
    FloatTensor d = floats(0);
    // "a" sorts before "d": it would be restored first if checks and reads were interleaved.
    CheckpointKeyNotFoundException e =
        assertThrows(
            CheckpointKeyNotFoundException.class,
            () -> Saver.builder(vars("a", a, "d", d)).build().restore(prefix));
    assertEquals("Key d not found in checkpoint " + prefix, e.getMessage());
    assertEquals("d", e.key());
    assertEquals(0, a.data()[0]);
  }

  @Test
  void typeOrShapeMismatchNamesVariableKeyAndBothSides() throws IOException {
    Path prefix = Saver.builder(vars("a", FloatTensor.of(Shape.of(2, 3), new float[6]))).build().save(temp.resolve("m"));
    CheckpointMismatchException shape =
        assertThrows(
            CheckpointMismatchException.class,
            () -> Saver.builder(vars("d", floats(1, 2, 3))).checkpointKey("d", "a").build().restore(prefix));
    assertEquals(
        "Cannot restore variable d (checkpoint key a) from checkpoint " + prefix
            + ": shape differs: the checkpoint has DT_FLOAT[2,3], the variable is DT_FLOAT[3]",
        shape.getMessage());
    CheckpointMismatchException type =
        assertThrows(
            CheckpointMismatchException.class,
            () -> Saver.builder(vars("a", new DoubleTensor(org.staticflow.runtime.tensor.DataType.DOUBLE,
                Shape.of(2, 3), new double[6]))).build().restore(prefix));
    assertEquals(
        "Cannot restore variable a from checkpoint " + prefix
            + ": data type differs: the checkpoint has DT_FLOAT[2,3], the variable is DT_DOUBLE[2,3]",
        type.getMessage());
  }

  @Test
  void restoringFromNoCheckpointSaysSo() {
    Saver saver = Saver.builder(vars("v", floats(1))).build();
    CheckpointException e = assertThrows(CheckpointException.class, () -> saver.restore(temp.resolve("nope")));
    assertTrue(e.getMessage().startsWith("The passed save_path is not a valid checkpoint: " + temp.resolve("nope")),
        e.getMessage());
    assertFalse(e instanceof CheckpointKeyNotFoundException);
  }

  @Test
  void restoresFromCheckpointsWrittenByOtherWriters() throws IOException {
    Path prefix = temp.resolve("foreign");
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      writer.add("x", floats(4, 5));
      writer.add("unused", floats(6));
      writer.finish();
    }
    FloatTensor x = floats(0, 0);
    Saver.builder(vars("x", x)).build().restore(prefix);
    assertArrayEquals(new float[] {4, 5}, x.data());
  }

  @Test
  void builderRejectsAmbiguousOrEmptyVariableLists() {
    IllegalArgumentException clash =
        assertThrows(
            IllegalArgumentException.class,
            () -> Saver.builder(vars("a", floats(1), "b", floats(2))).checkpointKey("b", "a").build());
    assertEquals("variables a and b would both be saved as checkpoint key a", clash.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Saver.builder(vars("a", floats(1))).only("zz").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> Saver.builder(vars("a", floats(1))).checkpointKey("zz", "a").build());
    assertEquals(
        "No variables to save",
        assertThrows(IllegalArgumentException.class, () -> Saver.builder(Map.<String, Tensor>of()).build())
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Saver.builder(vars("a", floats(1))).maxToKeep(-1));
    assertThrows(
        IllegalArgumentException.class, () -> Saver.builder(vars("a", floats(1))).keepCheckpointEveryNHours(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Saver.builder(vars("a", floats(1))).checkpointKeys(n -> "").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> Saver.builder(vars("a", floats(1))).variablesByCheckpointKey(Map.of("x", "a", "y", "a")));
    assertThrows(
        IllegalArgumentException.class,
        () -> Saver.builder(vars("a", floats(1))).variablesByCheckpointKey(Map.of("x", "nope")).build());
  }
}
