package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.testing.SharedFiles;

/** The commands on checkpoints that TensorFlow itself wrote (shared/fixtures/tensorflow-serving). */
class TensorFlowFixturesCliTest {
  private static final Path HALF_PLUS_TWO = SharedFiles.savedModelVariables("saved_model_half_plus_two_cpu");
  private static final Path MKL = SharedFiles.savedModelVariables("saved_model_half_plus_two_mkl");
  private static final Path TF2 = SharedFiles.savedModelVariables("saved_model_half_plus_two_tf2_cpu");

  @TempDir Path dir;

  @Test
  void listsTheSnappyCompressedHalfPlusTwoBundle() {
    Cli.Result result = Cli.run("ckpt", "list", HALF_PLUS_TWO);
    assertEquals(0, result.status(), result::toString);
    assertEquals("a   float32  []\na2  float32  []\nb   float32  []\nc   float32  []\nc2  float32  []\n", result.out());
    Path savedModelDir = HALF_PLUS_TWO.getParent().getParent();
    assertEquals(result, Cli.run("ckpt", "list", savedModelDir));
  }

  @Test
  void showsTheValuesTensorFlowWrote() {
    assertEquals("name:  a\ndtype: float32\nshape: []\n0.5\n", Cli.run("ckpt", "show", HALF_PLUS_TWO, "a").out());
    assertEquals("name:  b\ndtype: float32\nshape: []\n2.0\n", Cli.run("ckpt", "show", HALF_PLUS_TWO, "b").out());
    Cli.Result counter = Cli.run("ckpt", "list", SharedFiles.savedModelVariables("saved_model_counter"));
    assertEquals("counter  float32  []\n", counter.out());
  }

  @Test
  void listsTheObjectBasedTf2Checkpoint() {
    Cli.Result result = Cli.run("ckpt", "list", TF2);
    assertEquals(0, result.status(), result::toString);
    assertEquals(
        "_CHECKPOINTABLE_OBJECT_GRAPH  string   []\n"
            + "a/.ATTRIBUTES/VARIABLE_VALUE  float32  []\n"
            + "b/.ATTRIBUTES/VARIABLE_VALUE  float32  []\n"
            + "c/.ATTRIBUTES/VARIABLE_VALUE  float32  []\n",
        result.out());
    Cli.Result graph = Cli.run("ckpt", "show", TF2, "_CHECKPOINTABLE_OBJECT_GRAPH");
    assertEquals(0, graph.status(), graph::toString);
    assertTrue(graph.lines()[3].startsWith("b'\\n"), graph::toString);
  }

  @Test
  void convertOfTheUncompressedBundleIsByteIdentical() throws Exception {
    Path out = dir.resolve("mkl");
    Cli.Result result = Cli.run("ckpt", "convert", MKL, out);
    assertEquals(0, result.status(), result::toString);
    assertArrayEquals(Files.readAllBytes(Path.of(MKL + ".index")), Files.readAllBytes(Path.of(out + ".index")));
    assertArrayEquals(
        Files.readAllBytes(Path.of(MKL + ".data-00000-of-00001")),
        Files.readAllBytes(Path.of(out + ".data-00000-of-00001")));
  }

  @Test
  void convertOfCompressedAndObjectBasedBundlesKeepsEveryValue() throws Exception {
    for (Path source : new Path[] {HALF_PLUS_TWO, TF2}) {
      Path out = dir.resolve(source.getParent().getParent().getParent().getFileName().toString());
      Cli.Result convert = Cli.run("ckpt", "convert", source, out);
      assertEquals(0, convert.status(), convert::toString);
      Cli.Result diff = Cli.run("ckpt", "diff", source, out);
      assertEquals(0, diff.status(), diff::toString);
      assertTrue(diff.out().startsWith("identical: "), diff::toString);
    }
  }

  @Test
  void diffOfTwoExportsOfOneModel() {
    Cli.Result result = Cli.run("ckpt", "diff", HALF_PLUS_TWO, MKL);
    assertEquals(1, result.status(), result::toString);
    String[] lines = result.lines();
    assertEquals("only in A: a2 (float32 [])", lines[0]);
    assertEquals("only in A: c2 (float32 [])", lines[1]);
    assertEquals("only in B: conv2d/bias (float32 [1])", lines[2]);
    assertTrue(result.out().contains("\ndifferent: 8 of 11 tensors (A="), result::toString);
  }

  @Test
  void legacyV1CheckpointIsRefusedInOneLine() {
    Path v1 = SharedFiles.servingFixture("session_bundle/testdata/half_plus_two/00000123/export");
    for (Path argument : new Path[] {v1, Path.of(v1 + "-00000-of-00001")}) {
      Cli.Result result = Cli.run("ckpt", "list", argument);
      assertEquals(2, result.status(), result::toString);
      assertEquals("", result.out());
      assertEquals(1, result.err().lines().count(), result::toString);
      assertTrue(result.err().startsWith("staticflow: " + argument + " is in the legacy V1 checkpoint format"),
          result::toString);
    }
  }

  @Test
  void brokenExportFailsCleanly() {
    // Its state file names /tmp/bad_half_plus_two/00000123/export, which does not exist here; its
    // "export" file is a legacy V1 table.
    Path bad = SharedFiles.servingFixture("servables/tensorflow/testdata/bad_half_plus_two/00000123");
    Cli.Result directory = Cli.run("ckpt", "list", bad);
    assertEquals(2, directory.status(), directory::toString);
    assertEquals("", directory.out());
    assertEquals(
        "staticflow: no checkpoint in directory " + bad
            + ": its 'checkpoint' state file names no existing checkpoint\n",
        directory.err());
    Cli.Result export = Cli.run("ckpt", "list", bad.resolve("export"));
    assertEquals(2, export.status(), export::toString);
    assertEquals(1, export.err().lines().count(), export::toString);
    assertTrue(export.err().startsWith("staticflow: " + bad.resolve("export") + " is in the legacy V1 checkpoint format"),
        export::toString);
  }
}
