package org.staticflow.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.testing.SharedFiles;

class CheckpointStateFileTest {
  @TempDir Path temp;

  private static Path badHalfPlusTwo() {
    return SharedFiles.servingFixture("servables/tensorflow/testdata/bad_half_plus_two/00000123");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static CheckpointState state(List<Path> all, Path model) {
    return new CheckpointState(model, all, List.of(), 0.0);
  }

  /** {@code temp} expressed relative to the working directory, to exercise TF's relative-dir rules. */
  private Path relativeTemp() {
    Path relative = Path.of("").toAbsolutePath().relativize(temp.toAbsolutePath());
    assertFalse(relative.isAbsolute());
    return relative;
  }

  @Test
  void readsRealTensorFlowStateFileWithAbsolutePaths() throws IOException {
    Path dir = badHalfPlusTwo();
    CheckpointState state = Checkpoints.getCheckpointState(dir).orElseThrow();
    Path expected = Path.of("/tmp/bad_half_plus_two/00000123/export");
    assertEquals(expected, state.modelCheckpointPath());
    assertEquals(List.of(expected), state.allModelCheckpointPaths());
    assertEquals(List.of(), state.allModelCheckpointTimestamps());
    assertEquals(0.0, state.lastPreservedTimestamp());
    // The absolute path recorded on the machine that wrote it does not exist here.
    assertEquals(Optional.empty(), Checkpoints.latestCheckpoint(dir));
    // The V1 file next to it does, and counts as a checkpoint as in TensorFlow.
    assertTrue(Checkpoints.checkpointExists(dir.resolve("export")));
  }

  @Test
  void reprintsRealTensorFlowStateFileByteForByte() throws IOException {
    Path file = badHalfPlusTwo().resolve("checkpoint");
    String original = read(file);
    assertEquals(original, CheckpointStateText.print(CheckpointStateText.parse(original, file)));
  }

  @Test
  void relativeSaveDirRecordsPathsRelativeToIt() throws IOException {
    Path dir = relativeTemp().resolve("train");
    Files.createDirectories(dir);
    Checkpoints.updateCheckpointState(
        dir,
        state(List.of(dir.resolve("model-10"), dir.resolve("model-20")), dir.resolve("model-20")),
        "checkpoint",
        false);
    assertEquals(
        "model_checkpoint_path: \"model-20\"\n"
            + "all_model_checkpoint_paths: \"model-10\"\n"
            + "all_model_checkpoint_paths: \"model-20\"\n",
        read(dir.resolve("checkpoint")));
    // Read back relative to the directory passed in, not the working directory.
    CheckpointState back = Checkpoints.getCheckpointState(dir).orElseThrow();
    assertEquals(dir.resolve("model-20"), back.modelCheckpointPath());
    assertEquals(List.of(dir.resolve("model-10"), dir.resolve("model-20")), back.allModelCheckpointPaths());
    // A checkpoint outside the directory is written with "..".
    Checkpoints.updateCheckpointState(
        dir, state(List.of(), relativeTemp().resolve("elsewhere/m")), "checkpoint", false);
    assertEquals(
        "model_checkpoint_path: \"../elsewhere/m\"\nall_model_checkpoint_paths: \"../elsewhere/m\"\n",
        read(dir.resolve("checkpoint")));
  }

  @Test
  void absoluteSaveDirKeepsAbsolutePathsUnlessSaveRelativePaths() throws IOException {
    Path dir = temp.toAbsolutePath().resolve("train");
    Files.createDirectories(dir);
    Path model = dir.resolve("model.ckpt-5");
    Checkpoints.updateCheckpointState(dir, state(List.of(model), model), "checkpoint", false);
    String quoted = "\"" + model + "\"\n";
    assertEquals(
        "model_checkpoint_path: " + quoted + "all_model_checkpoint_paths: " + quoted,
        read(dir.resolve("checkpoint")));
    assertEquals(model, Checkpoints.getCheckpointState(dir).orElseThrow().modelCheckpointPath());

    Checkpoints.updateCheckpointState(dir, state(List.of(model), model), "checkpoint", true);
    assertEquals(
        "model_checkpoint_path: \"model.ckpt-5\"\nall_model_checkpoint_paths: \"model.ckpt-5\"\n",
        read(dir.resolve("checkpoint")));
    assertEquals(model, Checkpoints.getCheckpointState(dir).orElseThrow().modelCheckpointPath());
  }

  @Test
  void appendsModelPathWhenNotLastAndRoundTripsTimestamps() throws IOException {
    Path dir = temp.toAbsolutePath();
    Path a = dir.resolve("ckpt-3");
    Path b = dir.resolve("ckpt-4");
    CheckpointState written = new CheckpointState(b, List.of(a), List.of(1714000000.123456, 1714000100.5), 1713999990.25);
    Checkpoints.updateCheckpointState(dir, written, "checkpoint", true);
    assertEquals(
        "model_checkpoint_path: \"ckpt-4\"\n"
            + "all_model_checkpoint_paths: \"ckpt-3\"\n"
            + "all_model_checkpoint_paths: \"ckpt-4\"\n"
            + "all_model_checkpoint_timestamps: 1714000000.123456\n"
            + "all_model_checkpoint_timestamps: 1714000100.5\n"
            + "last_preserved_timestamp: 1713999990.25\n",
        read(dir.resolve("checkpoint")));
    CheckpointState back = Checkpoints.getCheckpointState(dir).orElseThrow();
    assertEquals(new CheckpointState(b, List.of(a, b), written.allModelCheckpointTimestamps(), 1713999990.25), back);
  }

  @Test
  void timestampsMustBeParallelToPaths() {
    Path dir = temp.toAbsolutePath();
    CheckpointState bad = new CheckpointState(dir.resolve("b"), List.of(dir.resolve("b")), List.of(1.0, 2.0), 0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Checkpoints.updateCheckpointState(dir, bad, "checkpoint", false));
    assertTrue(e.getMessage().contains("1 checkpoint paths but 2 timestamps"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("checkpoint")));
  }

  @Test
  void refusesModelPathEqualToStateFile() {
    // TensorFlow compares the recorded string with the state file's path, as here.
    Path dir = temp.toAbsolutePath();
    Path clash = dir.resolve("checkpoint");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Checkpoints.updateCheckpointState(
                Path.of(""), state(List.of(), Path.of("checkpoint")), "checkpoint", false));
    assertTrue(e.getMessage().contains("conflicts with path used for checkpoint state"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Checkpoints.updateCheckpointState(dir, state(List.of(), clash), "checkpoint", false));
  }

  @Test
  void replacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
    Path dir = temp.toAbsolutePath();
    for (int step = 1; step <= 3; step++) {
      Path model = dir.resolve("m-" + step);
      Checkpoints.updateCheckpointState(dir, state(List.of(model), model), "checkpoint", true);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("checkpoint")), files.toList());
    }
    assertEquals(dir.resolve("m-3"), Checkpoints.getCheckpointState(dir).orElseThrow().modelCheckpointPath());
  }

  @Test
  void latestCheckpointRequiresTheIndexFile() throws IOException {
    Path dir = temp.toAbsolutePath();
    assertEquals(Optional.empty(), Checkpoints.latestCheckpoint(dir), "no state file");
    assertEquals(Optional.empty(), Checkpoints.latestCheckpoint(dir.resolve("missing")), "no directory");
    Files.createFile(dir.resolve("plain"));
    assertEquals(Optional.empty(), Checkpoints.latestCheckpoint(dir.resolve("plain")), "not a directory");
    Path model = dir.resolve("model.ckpt-7");
    Checkpoints.updateCheckpointState(dir, state(List.of(model), model), "checkpoint", true);
    Files.createFile(dir.resolve("model.ckpt-7.data-00000-of-00001"));
    assertEquals(Optional.empty(), Checkpoints.latestCheckpoint(dir), "data without index is not a checkpoint");
    Files.createFile(dir.resolve("model.ckpt-7.index"));
    assertEquals(Optional.of(model), Checkpoints.latestCheckpoint(dir));
    assertTrue(Checkpoints.checkpointExists(model));
    assertFalse(Checkpoints.checkpointExists(dir.resolve("model.ckpt")));
  }

  @Test
  void customStateFileName() throws IOException {
    Path dir = temp.toAbsolutePath();
    Path model = dir.resolve("m");
    Files.createFile(dir.resolve("m.index"));
    Checkpoints.updateCheckpointState(dir, state(List.of(), model), "best_checkpoint", true);
    assertFalse(Files.exists(dir.resolve("checkpoint")));
    assertEquals(Optional.empty(), Checkpoints.latestCheckpoint(dir));
    assertEquals(Optional.of(model), Checkpoints.latestCheckpoint(dir, "best_checkpoint"));
    assertThrows(IllegalArgumentException.class, () -> Checkpoints.latestCheckpoint(dir, "sub/checkpoint"));
  }

  @Test
  void damagedStateFileIsATypedErrorNamingTheFile() throws IOException {
    Path dir = temp.toAbsolutePath();
    Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"unterminated\n");
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> Checkpoints.latestCheckpoint(dir));
    assertTrue(e.getMessage().contains(dir.resolve("checkpoint").toString()), e.getMessage());

    Files.writeString(dir.resolve("checkpoint"), "all_model_checkpoint_paths: \"m\"\n");
    e = assertThrows(CorruptCheckpointException.class, () -> Checkpoints.getCheckpointState(dir));
    assertTrue(e.getMessage().startsWith("Invalid checkpoint state loaded from " + dir), e.getMessage());
    assertTrue(e.getMessage().contains("no model_checkpoint_path"), e.getMessage());
  }

  @Test
  void removeCheckpointDeletesOnlyThatCheckpointsFiles() throws IOException {
    Path dir = temp.toAbsolutePath();
    List<String> names =
        List.of(
            "model-1.index", "model-1.data-00000-of-00002", "model-1.data-00001-of-00002", "model-1.meta",
            "model-10.index", "model-10.data-00000-of-00001", "model-10.meta", "model-1.data-extra");
    for (String name : names) {
      Files.createFile(dir.resolve(name));
    }
    Checkpoints.removeCheckpoint(dir.resolve("model-1"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of("model-1.data-extra", "model-10.data-00000-of-00001", "model-10.index", "model-10.meta"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    // Removing what is not there is not an error.
    Checkpoints.removeCheckpoint(dir.resolve("model-1"));
  }

  @Test
  void mtimesSkipMissingCheckpointsAndGlobsMatchV1Shards() throws IOException {
    Path dir = temp.toAbsolutePath();
    Path index = Files.createFile(dir.resolve("a.index"));
    Files.setLastModifiedTime(index, FileTime.fromMillis(1_700_000_000_250L));
    Files.createFile(dir.resolve("v1-00001-of-00002"));
    assertEquals(
        List.of(1_700_000_000.25),
        Checkpoints.checkpointMtimes(List.of(dir.resolve("missing"), dir.resolve("a"))));
    assertTrue(Checkpoints.checkpointExists(dir.resolve("v1-?????-of-00002")));
    assertTrue(Checkpoints.checkpointExists(dir.resolve("v1-0000[0-9]-of-00002")));
    assertFalse(Checkpoints.checkpointExists(dir.resolve("v1-?????-of-00003")));
    assertFalse(Checkpoints.checkpointExists(dir.resolve("v1-0000[!1]-of-00002")));
    // A V2 prefix containing glob characters still finds its own index.
    Files.createFile(dir.resolve("odd[1].index"));
    assertTrue(Checkpoints.checkpointExists(dir.resolve("odd[1]")));
  }
}
