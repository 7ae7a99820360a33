package org.staticflow.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.testing.SharedFiles;

/** The full MNIST files of shared/data/mnist, split and served like TensorFlow's read_data_sets. */
class MnistTest {
  private static Path dir;
  private static Mnist mnist;

  @BeforeAll
  static void read() throws IOException {
    dir = SharedFiles.root().resolve("data/mnist");
    mnist = Mnist.read(dir, 7);
  }

  @Test
  void theFilesAreTheOriginalsListedInTheirChecksums() throws Exception {
    String checksums = Files.readString(dir.resolve("CHECKSUMS.txt"));
    for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(name + ".gz")))) {
        md5.update(in.readAllBytes());
      }
      assertTrue(checksums.contains(HexFormat.of().formatHex(md5.digest()) + "  " + name), name);
    }
  }

  @Test
  void splitsLikeReadDataSets() {
    assertEquals(55_000, mnist.train().size());
    assertEquals(5_000, mnist.validation().size());
    assertEquals(10_000, mnist.test().size());
    assertEquals(Shape.of(55_000, 784), mnist.train().features().shape());
    // The first training image of MNIST is a 5, the first test image a 7; validation holds the first 5,000.
    assertEquals(5, mnist.validation().labels().data()[0]);
    assertEquals(7, mnist.test().labels().data()[0]);
    float max = 0;
    for (float value : mnist.test().features().data()) {
      max = Math.max(max, value);
    }
    assertEquals(1.0f, max);
  }

  @Test
  void pixelsAreScaledAsNumpyScalesThem() throws Exception {
    byte[] raw = IdxFiles.read(dir.resolve("t10k-images-idx3-ubyte.gz")).data();
    float[] scaled = mnist.test().features().data();
    float scale = 0.003921569f; // float32(1.0 / 255.0), as numpy multiplies a float32 array by it
    for (int i = 0; i < raw.length; i++) {
      if ((raw[i] & 0xff) * scale != scaled[i]) {
        throw new AssertionError("pixel " + i + ": " + (raw[i] & 0xff) + " became " + scaled[i]);
      }
    }
  }

  @Test
  void batchesVisitEveryExampleOncePerEpochAndCrossEpochs() {
    DataSet validation = mnist.validation();
    FloatTensor images = FloatTensor.zeros(Shape.of(100, 784));
    IntTensor labels = IntTensor.of(Shape.of(100), new int[100]);
    int[] counts = new int[10];
    for (int batch = 0; batch < 50; batch++) {
      validation.nextBatch(images, labels);
      for (int label : labels.data()) {
        counts[label]++;
      }
    }
    assertEquals(0, validation.epochsCompleted());
    int[] expected = new int[10];
    for (int label : validation.labels().data()) {
      expected[label]++;
    }
    assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(counts));
    FloatTensor oneHot = FloatTensor.zeros(Shape.of(100, 10));
    validation.nextBatch(images, oneHot);
    assertEquals(1, validation.epochsCompleted());
    float sum = 0;
    for (float value : oneHot.data()) {
      sum += value;
    }
    assertEquals(100f, sum);
  }

  @Test
  void plainAndGzipFilesReadAlike(@TempDir Path temp) throws Exception {
    byte[] idx = {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, (byte) 255};
    Files.write(temp.resolve("plain"), idx);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(idx);
    }
    Files.write(temp.resolve("packed.gz"), gz.toByteArray());
    ByteTensor plain = IdxFiles.read(temp.resolve("plain"));
    assertEquals(Shape.of(2, 3), plain.shape());
    assertEquals(plain, IdxFiles.read(temp.resolve("packed.gz")));
  }

  @Test
  void malformedFilesNameTheFileAndTheProblem(@TempDir Path temp) throws Exception {
    Path badMagic = temp.resolve("bad");
    Files.write(badMagic, new byte[] {1, 2, 3, 4, 0, 0, 0, 1});
    IdxFormatException magic = assertThrows(IdxFormatException.class, () -> IdxFiles.read(badMagic));
    assertTrue(magic.getMessage().contains(badMagic + ": not an unsigned-byte IDX file"), magic.getMessage());
    Path truncated = temp.resolve("truncated");
    Files.write(truncated, new byte[] {0, 0, 8, 1, 0, 0, 0, 10, 1, 2});
    IdxFormatException shortFile = assertThrows(IdxFormatException.class, () -> IdxFiles.read(truncated));
    assertTrue(shortFile.getMessage().contains("ends before the values"), shortFile.getMessage());
    Path huge = temp.resolve("huge");
    Files.write(huge, new byte[] {0, 0, 8, 2, 0x7f, 0, 0, 0, 0x7f, 0, 0, 0});
    IdxFormatException lying = assertThrows(IdxFormatException.class, () -> IdxFiles.read(huge));
    assertTrue(lying.getMessage().contains("claim more than"), lying.getMessage());
    NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> Mnist.read(temp, 1));
    assertTrue(missing.getMessage().contains("train-images-idx3-ubyte(.gz) not found in " + temp), missing.getMessage());
  }
}
