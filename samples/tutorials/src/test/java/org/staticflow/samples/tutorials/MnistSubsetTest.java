package org.staticflow.samples.tutorials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.testing.SharedFiles;

/** The embedded subset is what {@link MnistSubset} makes of the full MNIST files, and its checksums hold. */
class MnistSubsetTest {
  @Test
  void embeddedFilesAreTheSubsetOfTheFullFiles() throws IOException {
    Map<String, byte[]> rebuilt = MnistSubset.build(SharedFiles.root().resolve("data/mnist"));
    for (Map.Entry<String, byte[]> file : rebuilt.entrySet()) {
      assertArrayEquals(file.getValue(), embedded(file.getKey()), file.getKey());
    }
  }

  @Test
  void checksumsMatchTheEmbeddedFiles() throws IOException {
    String sums = new String(embedded("SHA256SUMS"), StandardCharsets.US_ASCII);
    int files = 0;
    for (String line : sums.split("\n")) {
      String[] sumAndName = line.split("  ");
      assertEquals(sumAndName[0], MnistSubset.sha256(embedded(sumAndName[1])), sumAndName[1]);
      files++;
    }
    assertEquals(4, files);
  }

  @Test
  void embeddedSubsetIsSplitLikeReadDataSets() throws IOException {
    Mnist mnist = MnistData.embedded(1);
    assertEquals(5500, mnist.train().size());
    assertEquals(500, mnist.validation().size());
    assertEquals(1000, mnist.test().size());
    // The first validation image is the first training image of the full set, whose label is 5.
    assertEquals(5, mnist.validation().labels().data()[0]);
  }

  private static byte[] embedded(String name) throws IOException {
    try (InputStream in = MnistData.class.getResourceAsStream(MnistData.EMBEDDED + name)) {
      return in.readAllBytes();
    }
  }
}
