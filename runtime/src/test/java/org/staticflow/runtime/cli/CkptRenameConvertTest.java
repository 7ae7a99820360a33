package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/** {@code ckpt rename} and {@code ckpt convert} on bundles written by BundleWriter. */
class CkptRenameConvertTest {
  @TempDir Path dir;

  private static void assertSameFiles(Path expectedPrefix, Path actualPrefix) throws IOException {
    for (String suffix : List.of(".index", ".data-00000-of-00001")) {
      assertArrayEquals(
          Files.readAllBytes(Path.of(expectedPrefix + suffix)),
          Files.readAllBytes(Path.of(actualPrefix + suffix)),
          suffix);
    }
  }

  private List<String> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void flipLastByteOfData(Path prefix) throws IOException {
    try (FileChannel data = FileChannel.open(Path.of(prefix + ".data-00000-of-00001"), StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      data.read(one, data.size() - 1);
      one.put(0, (byte) (one.get(0) ^ 0x40));
      data.write(one.rewind(), data.size() - 1);
    }
  }

  @Test
  void convertRewritesEveryTypeByteForByte() throws Exception {
    Path source = Cli.write(dir.resolve("src/model.ckpt"), Samples.everyType());
    Cli.Result result = Cli.run("ckpt", "convert", source, dir.resolve("out/model.ckpt"));
    assertEquals(0, result.status(), result::toString);
    assertEquals("wrote 19 tensors from " + source + " to " + dir.resolve("out/model.ckpt") + "\n", result.out());
    assertSameFiles(source, dir.resolve("out/model.ckpt"));
    try (BundleReader reader = BundleReader.open(dir.resolve("out/model.ckpt"))) {
      for (Map.Entry<String, Tensor> entry : Samples.everyType().entrySet()) {
        assertEquals(entry.getValue(), reader.read(entry.getKey()), entry.getKey());
      }
    }
  }

  @Test
  void convertStreamingEveryTensorGivesTheSameFiles() throws Exception {
    Path source = Cli.write(dir.resolve("model.ckpt"), Samples.everyType());
    Cli.Result result = Cli.run("ckpt", "convert", "--stream-above", "0", source, dir.resolve("streamed"));
    assertEquals(0, result.status(), result::toString);
    assertSameFiles(source, dir.resolve("streamed"));
  }

  @Test
  void convertRefusesCorruptInputAndLeavesNothingBehind() throws Exception {
    Path source = Cli.write(dir.resolve("in/model.ckpt"), Map.of("a", FloatTensor.of(Shape.of(4), 1, 2, 3, 4)));
    flipLastByteOfData(source);
    for (String threshold : List.of("1000", "0")) {
      Cli.Result result = Cli.run("ckpt", "convert", "--stream-above", threshold, source, dir.resolve("out/model.ckpt"));
      assertEquals(2, result.status(), result::toString);
      assertTrue(result.err().startsWith("staticflow: ") && result.err().contains("checksum mismatch for tensor a"),
          result::toString);
      assertEquals(1, result.err().lines().count(), result::toString);
      assertEquals(List.of(), filesIn(dir.resolve("out")), threshold);
    }
  }

  @Test
  void convertWillNotOverwriteUnlessAsked() throws Exception {
    Path a = Cli.write(dir.resolve("a"), Map.of("x", FloatTensor.scalar(1)));
    Path b = Cli.write(dir.resolve("b"), Map.of("y", FloatTensor.scalar(2)));
    Cli.Result refused = Cli.run("ckpt", "convert", a, b);
    assertEquals(2, refused.status());
    assertEquals(
        "staticflow: checkpoint " + b + " already exists (" + b + ".index); pass --overwrite to replace it\n",
        refused.err());
    assertEquals(0, Cli.run("ckpt", "convert", "--overwrite", a, b).status());
    assertSameFiles(a, b);
    Cli.Result self = Cli.run("ckpt", "convert", "--overwrite", a, dir.resolve("./a"));
    assertEquals(2, self.status());
    assertEquals("staticflow: output " + dir.resolve("./a") + " is the input checkpoint; write to another prefix\n",
        self.err());
    Cli.Result intoDirectory = Cli.run("ckpt", "convert", a, dir);
    assertEquals(2, intoDirectory.status());
    assertTrue(intoDirectory.err().contains("is a directory; give a checkpoint prefix such as"), intoDirectory::toString);
  }

  @Test
  void renameRenamesAndKeepsValues() throws Exception {
    Path source = Cli.write(dir.resolve("model.ckpt"), Samples.everyType());
    Path out = dir.resolve("renamed/model.ckpt");
    Cli.Result result = Cli.run("ckpt", "rename", source, out, "w/kernel=dense/kernel", "i8=a=b");
    assertEquals(0, result.status(), result::toString);
    assertEquals("renamed 2 of 19 tensors, wrote " + out + "\n", result.out());
    try (BundleReader reader = BundleReader.open(out)) {
      assertEquals(19, reader.entries().size());
      assertFalse(reader.entry("w/kernel").isPresent());
      assertEquals(Samples.everyType().get("w/kernel"), reader.read("dense/kernel"));
      assertEquals(Samples.everyType().get("i8"), reader.read("a=b"));
      assertEquals(Samples.everyType().get("text"), reader.read("text"));
    }
  }

  @Test
  void renameSwapsAndStreamsToTheSameBytes() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("v", FloatTensor.of(Shape.of(2), 1, 2));
    tensors.put("v/ExponentialMovingAverage", FloatTensor.of(Shape.of(2), 3, 4));
    Path source = Cli.write(dir.resolve("ema"), tensors);
    String[] swap = {"v=v/ExponentialMovingAverage", "v/ExponentialMovingAverage=v"};
    assertEquals(0, Cli.run("ckpt", "rename", source, dir.resolve("whole"), swap[0], swap[1]).status());
    assertEquals(0, Cli.run("ckpt", "rename", "--stream-above", "0", source, dir.resolve("streamed"), swap[0], swap[1])
        .status());
    assertSameFiles(dir.resolve("whole"), dir.resolve("streamed"));
    try (BundleReader reader = BundleReader.open(dir.resolve("whole"))) {
      assertEquals(tensors.get("v/ExponentialMovingAverage"), reader.read("v"));
      assertEquals(tensors.get("v"), reader.read("v/ExponentialMovingAverage"));
    }
  }

  @Test
  void renameMovesAScope() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("model/dense/kernel", FloatTensor.of(Shape.of(2), 1, 2));
    tensors.put("model/dense/bias", FloatTensor.of(Shape.of(1), 3));
    tensors.put("global_step", FloatTensor.scalar(7));
    Path source = Cli.write(dir.resolve("m"), tensors);
    Cli.Result result = Cli.run("ckpt", "rename", source, dir.resolve("out"), "model/=net/");
    assertEquals(0, result.status(), result::toString);
    assertEquals("renamed 2 of 3 tensors, wrote " + dir.resolve("out") + "\n", result.out());
    assertEquals(
        "global_step       float32  []\nnet/dense/bias    float32  [1]\nnet/dense/kernel  float32  [2]\n",
        Cli.run("ckpt", "list", dir.resolve("out")).out());
    Cli.Result none = Cli.run("ckpt", "rename", source, dir.resolve("out2"), "other/=net/");
    assertEquals(2, none.status());
    assertEquals("staticflow: no tensor in scope other/ in checkpoint " + source + "\n", none.err());
  }

  @Test
  void renameOfAnUnknownTensorNamesItAndWritesNothing() throws Exception {
    Path source = Cli.write(dir.resolve("in/model.ckpt"), Map.of("a", FloatTensor.scalar(1)));
    Cli.Result result = Cli.run("ckpt", "rename", source, dir.resolve("out/model.ckpt"), "a=b", "d=e");
    assertEquals(2, result.status());
    assertEquals("staticflow: Key d not found in checkpoint " + source + "\n", result.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void renameOntoAnExistingNameIsRefused() throws Exception {
    Path source = Cli.write(dir.resolve("m"), Map.of("a", FloatTensor.scalar(1), "b", FloatTensor.scalar(2)));
    Cli.Result result = Cli.run("ckpt", "rename", source, dir.resolve("out"), "a=b");
    assertEquals(2, result.status());
    assertEquals(
        "staticflow: cannot rename a to b: tensor b in checkpoint " + source + " would have the same name\n",
        result.err());
    assertFalse(Files.exists(dir.resolve("out.index")));
  }

  @Test
  void renameUsageErrors() throws Exception {
    Path source = Cli.write(dir.resolve("m"), Map.of("a", FloatTensor.scalar(1)));
    Cli.Result noPairs = Cli.run("ckpt", "rename", source, dir.resolve("out"));
    assertEquals(2, noPairs.status());
    assertTrue(noPairs.err().startsWith("staticflow: Missing required parameter: 'OLD=NEW'\nUsage: staticflow ckpt rename"),
        noPairs::toString);
    Cli.Result malformed = Cli.run("ckpt", "rename", source, dir.resolve("out"), "a");
    assertEquals(2, malformed.status());
    assertTrue(malformed.err().startsWith("staticflow: rename 'a' is not of the form OLD=NEW\nUsage: "),
        malformed::toString);
    assertTrue(malformed.err().endsWith("Try 'staticflow ckpt rename --help' for more information.\n"),
        malformed::toString);
  }
}
