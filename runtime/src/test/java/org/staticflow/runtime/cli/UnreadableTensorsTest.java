package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.runtime.checkpoint.bundle.BundleFiles;
import org.staticflow.runtime.checkpoint.table.TableEntry;
import org.staticflow.runtime.checkpoint.table.TableReader;
import org.staticflow.runtime.checkpoint.table.TableWriter;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;

/**
 * A checkpoint with a tensor of a type Staticflow cannot hold (a {@code tf.data} iterator's DT_VARIANT
 * state, as TF2 training checkpoints have): listed, never silently dropped or ignored.
 */
class UnreadableTensorsTest {
  @TempDir Path dir;

  /** A bundle with float {@code w} and a DT_VARIANT {@code iterator/.ATTRIBUTES/ITERATOR_STATE} entry. */
  private Path withVariant() throws Exception {
    Path prefix = Cli.write(dir.resolve("model.ckpt"), Map.of("w", FloatTensor.of(Shape.of(2), 1, 2)));
    TreeMap<byte[], byte[]> index = new TreeMap<>(Arrays::compareUnsigned);
    for (TableEntry entry : TableReader.readAll(BundleFiles.indexFile(prefix))) {
      index.put(entry.key(), entry.value());
    }
    index.put(
        "iterator/.ATTRIBUTES/ITERATOR_STATE".getBytes(StandardCharsets.UTF_8),
        BundleEntryProto.newBuilder()
            .setDtypeValue(21)
            .setShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(1)))
            .build()
            .toByteArray());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TableWriter table = new TableWriter(bytes);
    for (Map.Entry<byte[], byte[]> entry : index.entrySet()) {
      table.add(entry.getKey(), entry.getValue());
    }
    table.finish();
    Files.write(BundleFiles.indexFile(prefix), bytes.toByteArray());
    return prefix;
  }

  @Test
  void listShowsThemWithTheirTensorFlowType() throws Exception {
    Cli.Result list = Cli.run("ckpt", "list", withVariant());
    assertEquals(0, list.status(), list::toString);
    assertEquals("iterator/.ATTRIBUTES/ITERATOR_STATE  variant  [1]\nw                                    float32  [2]\n",
        list.out());
  }

  @Test
  void showNamesTheUnsupportedType() throws Exception {
    Path prefix = withVariant();
    Cli.Result show = Cli.run("ckpt", "show", prefix, "iterator/.ATTRIBUTES/ITERATOR_STATE");
    assertEquals(2, show.status());
    assertEquals(
        "staticflow: tensor iterator/.ATTRIBUTES/ITERATOR_STATE in " + prefix
            + " has unsupported TensorFlow data type 21 (DT_VARIANT)\n",
        show.err());
  }

  @Test
  void convertRenameAndDiffRefuseInsteadOfDroppingThem() throws Exception {
    Path prefix = withVariant();
    String expected =
        "staticflow: tensor iterator/.ATTRIBUTES/ITERATOR_STATE in checkpoint " + prefix
            + " has type variant, which Staticflow cannot hold; ";
    Cli.Result convert = Cli.run("ckpt", "convert", prefix, dir.resolve("out"));
    assertEquals(2, convert.status());
    assertEquals(expected + "a copy would lose it\n", convert.err());
    Cli.Result rename = Cli.run("ckpt", "rename", prefix, dir.resolve("out"), "w=v");
    assertEquals(2, rename.status());
    assertEquals(expected + "a copy would lose it\n", rename.err());
    assertFalse(Files.exists(dir.resolve("out.index")));
    Cli.Result diff = Cli.run("ckpt", "diff", prefix, prefix);
    assertEquals(2, diff.status());
    assertEquals(expected + "its values cannot be compared\n", diff.err());
  }
}
