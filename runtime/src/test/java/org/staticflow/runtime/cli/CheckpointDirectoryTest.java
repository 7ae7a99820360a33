package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;

/** A directory argument means the latest checkpoint its {@code checkpoint} state file records. */
class CheckpointDirectoryTest {
  @TempDir Path dir;

  private void stateFile(String latest, String... all) throws Exception {
    StringBuilder text = new StringBuilder("model_checkpoint_path: \"" + latest + "\"\n");
    for (String path : all) {
      text.append("all_model_checkpoint_paths: \"").append(path).append("\"\n");
    }
    Files.writeString(dir.resolve("checkpoint"), text, StandardCharsets.UTF_8);
  }

  @Test
  void directoryMeansTheLatestCheckpoint() throws Exception {
    Cli.write(dir.resolve("model.ckpt-1"), Map.of("step", IntTensor.scalar(1)));
    Path latest = Cli.write(dir.resolve("model.ckpt-2"), Map.of("step", IntTensor.scalar(2)));
    stateFile("model.ckpt-2", "model.ckpt-1", "model.ckpt-2");
    Cli.Result show = Cli.run("ckpt", "show", dir, "step");
    assertEquals(0, show.status(), show::toString);
    assertEquals("name:  step\ndtype: int32\nshape: []\n2\n", show.out());
    Cli.Result diff = Cli.run("ckpt", "diff", dir, dir.resolve("model.ckpt-1"));
    assertEquals(1, diff.status(), diff::toString);
    assertEquals("values differ: step (1 of 1 elements, max abs diff 1.0: 2 vs 1)", diff.lines()[0]);
    Cli.Result convert = Cli.run("ckpt", "convert", dir, dir.resolve("copy"));
    assertEquals(0, convert.status(), convert::toString);
    assertEquals("wrote 1 tensors from " + latest + " to " + dir.resolve("copy") + "\n", convert.out());
  }

  @Test
  void stateFileNamingAMissingCheckpointIsOneLine() throws Exception {
    Cli.write(dir.resolve("model.ckpt-1"), Map.of("w", FloatTensor.scalar(1)));
    stateFile("model.ckpt-9", "model.ckpt-9");
    Cli.Result result = Cli.run("ckpt", "list", dir);
    assertEquals(2, result.status());
    assertEquals("", result.out());
    assertEquals(
        "staticflow: no checkpoint in directory " + dir
            + ": its 'checkpoint' state file names no existing checkpoint\n",
        result.err());
  }
}
