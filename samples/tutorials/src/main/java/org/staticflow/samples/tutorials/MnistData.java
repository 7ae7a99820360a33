package org.staticflow.samples.tutorials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.staticflow.runtime.data.Mnist;

/**
 * Where the MNIST samples get their data: the full data set in a directory the user names ({@code --data DIR},
 * the four IDX files as Yann LeCun's site distributes them, gzip or plain), or else the subset embedded in this
 * jar, so that every sample runs on a fresh machine with no download.
 *
 * <p>The embedded subset is every 10th image of the original training file (6,000, of which the first
 * {@value #EMBEDDED_VALIDATION_SIZE} are held out for validation as {@code read_data_sets} holds out the first
 * 5,000 of the full set) and every 10th image of the test file (1,000), in the original order. The files'
 * SHA-256 sums are in {@code SHA256SUMS} beside them; {@code MnistSubsetTest} rebuilds them from the full set.
 */
public final class MnistData {
  /** Class-path directory of the embedded subset. */
  static final String EMBEDDED = "/org/staticflow/samples/mnist/";
  /** Every how many images of the original files the subset keeps. */
  static final int EMBEDDED_STRIDE = 10;
  /** Leading examples of the embedded training file held out for validation. */
  static final int EMBEDDED_VALIDATION_SIZE = 500;

  private MnistData() {}

  /**
   * The full data set in {@code directory} ({@code read_data_sets} split: 55,000 / 5,000 / 10,000), or the
   * embedded subset when {@code directory} is null.
   *
   * @param seed seeds the batch order
   */
  public static Mnist load(Path directory, long seed) throws IOException {
    return directory == null ? embedded(seed) : Mnist.read(directory, seed);
  }

  /** The embedded subset (5,500 training, 500 validation and 1,000 test images). */
  public static Mnist embedded(long seed) throws IOException {
    return Mnist.read(MnistData::openEmbedded, "embedded MNIST subset", EMBEDDED_VALIDATION_SIZE, seed);
  }

  /** Describes where {@link #load} reads from, for the samples' first line of output. */
  public static String describe(Path directory) {
    return directory == null ? "the embedded MNIST subset (--data DIR for the full set)" : "MNIST in " + directory;
  }

  private static InputStream openEmbedded(String name) throws IOException {
    InputStream in = MnistData.class.getResourceAsStream(EMBEDDED + name + ".gz");
    if (in == null) {
      throw new NoSuchFileException(EMBEDDED + name + ".gz", null, "not on the class path: the samples jar is incomplete");
    }
    return in;
  }
}
