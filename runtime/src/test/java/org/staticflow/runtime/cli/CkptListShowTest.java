package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/** {@code ckpt list} and {@code ckpt show} on bundles written by BundleWriter. */
class CkptListShowTest {
  @TempDir Path dir;

  private Path sample() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", FloatTensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6));
    tensors.put("step", LongTensor.scalar(1000));
    tensors.put("Z", new DoubleTensor(DataType.DOUBLE, Shape.of(0, 4), new double[0]));
    tensors.put("layer/bias", IntTensor.of(Shape.of(2), -1, 7));
    tensors.put("names", StringTensor.of(Shape.of(2), "x", "it's"));
    tensors.put("mask", BooleanTensor.of(Shape.of(1, 1, 1, 2), true, false));
    float[] big = new float[50 * 40];
    for (int i = 0; i < big.length; i++) {
      big[i] = i;
    }
    tensors.put("big", FloatTensor.of(Shape.of(50, 40), big));
    return Cli.write(dir.resolve("model.ckpt-7"), tensors);
  }

  @Test
  void listsNameDtypeShapeSortedAndAligned() throws Exception {
    Path prefix = sample();
    Cli.Result result = Cli.run("ckpt", "list", prefix);
    assertEquals(0, result.status(), result::toString);
    assertEquals(
        String.join(
            "\n",
            "Z           float64  [0,4]",
            "big         float32  [50,40]",
            "layer/bias  int32    [2]",
            "mask        bool     [1,1,1,2]",
            "names       string   [2]",
            "step        int64    []",
            "w           float32  [2,3]",
            ""),
        result.out());
    assertEquals("", result.err());
  }

  @Test
  void acceptsTheIndexOrDataFileForThePrefix() throws Exception {
    Path prefix = sample();
    String expected = Cli.run("ckpt", "list", prefix).out();
    assertEquals(expected, Cli.run("ckpt", "list", dir.resolve("model.ckpt-7.index")).out());
    assertEquals(expected, Cli.run("ckpt", "list", dir.resolve("model.ckpt-7.data-00000-of-00001")).out());
  }

  @Test
  void savedModelDirectoryMeansItsVariablesBundle() throws Exception {
    Path savedModel = dir.resolve("export/1");
    Cli.write(savedModel.resolve("variables/variables"), Map.of("v", FloatTensor.scalar(2.5f)));
    Cli.Result result = Cli.run("ckpt", "list", savedModel);
    assertEquals(0, result.status(), result::toString);
    assertEquals("v  float32  []\n", result.out());
  }

  @Test
  void missingCheckpointIsOneLineNamingIt() {
    Path missing = dir.resolve("nothing/model.ckpt");
    Cli.Result result = Cli.run("ckpt", "list", missing);
    assertEquals(2, result.status());
    assertEquals("", result.out());
    assertEquals(
        "staticflow: no checkpoint at " + missing + ": " + missing + ".index does not exist\n", result.err());
  }

  @Test
  void directoryWithoutCheckpointIsOneLine() {
    Cli.Result result = Cli.run("ckpt", "list", dir);
    assertEquals(2, result.status());
    assertEquals(
        "staticflow: no checkpoint in directory " + dir
            + " (no 'checkpoint' state file and no SavedModel variables/variables.index)\n",
        result.err());
  }

  @Test
  void showsSmallTensorsWhole() throws Exception {
    Path prefix = sample();
    Cli.Result result = Cli.run("ckpt", "show", prefix, "w");
    assertEquals(0, result.status(), result::toString);
    assertEquals("name:  w\ndtype: float32\nshape: [2,3]\n[[1.0, 2.0, 3.0],\n [4.0, 5.0, 6.0]]\n", result.out());
    assertEquals("name:  step\ndtype: int64\nshape: []\n1000\n", Cli.run("ckpt", "show", prefix, "step").out());
    assertEquals(
        "name:  names\ndtype: string\nshape: [2]\n[b'x', b'it\\'s']\n",
        Cli.run("ckpt", "show", prefix, "names").out());
    assertEquals("name:  Z\ndtype: float64\nshape: [0,4]\n[]\n", Cli.run("ckpt", "show", prefix, "Z").out());
  }

  @Test
  void summarisesBigTensorsUnlessAll() throws Exception {
    Path prefix = sample();
    String[] lines = Cli.run("ckpt", "show", prefix, "big").lines();
    assertEquals("[[0.0, 1.0, 2.0, ..., 37.0, 38.0, 39.0],", lines[3]);
    assertEquals(" [40.0, 41.0, 42.0, ..., 77.0, 78.0, 79.0],", lines[4]);
    assertEquals(" ...,", lines[6]);
    assertEquals(" [1960.0, 1961.0, 1962.0, ..., 1997.0, 1998.0, 1999.0]]", lines[9]);
    String[] two = Cli.run("ckpt", "show", "--edge-items", "1", prefix, "big").lines();
    assertEquals("[[0.0, ..., 39.0],", two[3]);
    String all = Cli.run("ckpt", "show", "--all", prefix, "big").out();
    assertFalse(all.contains("..."));
    assertTrue(all.contains(" [1000.0, 1001.0, 1002.0, 1003.0,"), all);
  }

  @Test
  void streamsTensorsAboveTheLimitAndShowsTheirEnds() throws Exception {
    Path prefix = sample();
    Cli.Result result = Cli.run("ckpt", "show", "--stream-above", "100", prefix, "big");
    assertEquals(0, result.status(), result::toString);
    assertEquals(
        "name:  big\ndtype: float32\nshape: [50,40]\n[0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0]\n"
            + "(2000 elements; first and last 3 in row-major order)\n",
        result.out());
    Cli.Result small = Cli.run("ckpt", "show", "--stream-above", "0", prefix, "layer/bias");
    assertEquals("name:  layer/bias\ndtype: int32\nshape: [2]\n[-1, 7]\n(2 elements; first and last 3 in row-major order)\n",
        small.out());
    Cli.Result all = Cli.run("ckpt", "show", "--stream-above", "100", "--all", prefix, "big");
    assertEquals(2, all.status());
    assertTrue(all.err().startsWith("staticflow: --all: big has 2000 elements, too many to print whole\n"), all.err());
  }

  @Test
  void missingKeyIsNamedLikeTensorFlow() throws Exception {
    Path prefix = sample();
    Cli.Result result = Cli.run("ckpt", "show", prefix, "d");
    assertEquals(2, result.status());
    assertEquals("", result.out());
    assertEquals("staticflow: Key d not found in checkpoint " + prefix + "\n", result.err());
  }

  @Test
  void verboseAddsTheStackTrace() throws Exception {
    Path prefix = sample();
    Cli.Result result = Cli.run("ckpt", "show", "--verbose", prefix, "d");
    assertEquals(2, result.status());
    String[] lines = result.err().split("\n");
    assertEquals("staticflow: Key d not found in checkpoint " + prefix, lines[0]);
    assertTrue(lines.length > 3, result::toString);
    assertTrue(result.err().contains("CheckpointKeyNotFoundException"), result::toString);
    assertTrue(result.err().contains("\tat org.staticflow."), result::toString);
  }

  @Test
  void listOutputDoesNotDependOnWriteOrder() throws Exception {
    Map<String, Tensor> forward = new LinkedHashMap<>();
    Map<String, Tensor> backward = new LinkedHashMap<>();
    String[] keys = {"a", "a/b", "a.b", "a0", "\u00e9", "B"};
    for (String key : keys) {
      forward.put(key, FloatTensor.scalar(1));
    }
    for (int i = keys.length - 1; i >= 0; i--) {
      backward.put(keys[i], FloatTensor.scalar(1));
    }
    String one = Cli.run("ckpt", "list", Cli.write(dir.resolve("f"), forward)).out();
    String two = Cli.run("ckpt", "list", Cli.write(dir.resolve("b"), backward)).out();
    assertEquals(one, two);
    assertArrayEquals(
        new String[] {"B", "a", "a.b", "a/b", "a0", "\u00e9"},
        one.lines().map(line -> line.split(" ")[0]).toArray(String[]::new));
    assertTrue(Files.exists(dir.resolve("f.index")));
  }
}
