package org.staticflow.samples.tutorials;

import java.io.IOException;
import java.nio.file.Path;
import org.staticflow.runtime.data.Mnist;
import picocli.CommandLine.Option;

/**
 * The MNIST samples' {@code --data DIR} option, a picocli mixin ({@code @Mixin MnistDataOption data}): the full
 * data set in {@code DIR}, or without the option the subset embedded in the samples ({@link MnistData}).
 */
public final class MnistDataOption {
  @Option(names = "--data", paramLabel = "DIR", description = "The full MNIST files (default: the embedded subset).")
  private Path directory;

  /** The data set, its batch order seeded by {@code seed}. */
  public Mnist load(long seed) throws IOException {
    return MnistData.load(directory, seed);
  }

  /** Where the data comes from, for a sample's first line of output. */
  public String describe() {
    return MnistData.describe(directory);
  }
}
