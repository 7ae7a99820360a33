package org.staticflow.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.Shape;

/**
 * MNIST as TensorFlow's {@code input_data.read_data_sets} serves it: the original IDX files (gzip or
 * plain) of a directory, images flattened to 784 float32 values scaled to [0, 1] by {@code x * (1/255)},
 * integer labels, and the first {@code validationSize} (5,000) training examples held out as the
 * validation set, leaving 55,000 for training and 10,000 for test.
 *
 * <p>The files are {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each optionally ending in {@code .gz}.
 */
public record Mnist(DataSet train, DataSet validation, DataSet test) {
  /** The validation split of {@code read_data_sets}. */
  public static final int VALIDATION_SIZE = 5000;
  public static final int IMAGE_PIXELS = 28 * 28;
  public static final int NUM_CLASSES = 10;
  /** The base names of the four files (each may end in {@code .gz}). */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte", TRAIN_LABELS = "train-labels-idx1-ubyte",
      TEST_IMAGES = "t10k-images-idx3-ubyte", TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** Reads the four files in {@code directory} with the standard 5,000-example validation split. */
  public static Mnist read(Path directory, long seed) throws IOException {
    return read(directory, VALIDATION_SIZE, seed);
  }

  /**
   * Reads the four files in {@code directory}.
   *
   * @param validationSize leading training examples held out for validation
   * @param seed seeds the batch order of the three sets
   */
  public static Mnist read(Path directory, int validationSize, long seed) throws IOException {
    return read(name -> {
      for (String candidate : new String[] {name + ".gz", name}) {
        Path file = directory.resolve(candidate);
        if (Files.isRegularFile(file)) {
          return Files.newInputStream(file);
        }
      }
      throw new NoSuchFileException(directory.resolve(name + ".gz").toString(), null,
          "MNIST file " + name + "(.gz) not found in " + directory);
    }, directory.toString(), validationSize, seed);
  }

  /**
   * Reads the four files from {@code files}, for data that is not a directory (class-path resources).
   *
   * @param files opens a file by its base name ({@code train-images-idx3-ubyte}), gzip-compressed or plain
   * @param location where the files are, for error messages
   * @param validationSize leading training examples held out for validation
   * @param seed seeds the batch order of the three sets
   */
  public static Mnist read(FileOpener files, String location, int validationSize, long seed) throws IOException {
    FloatTensor trainImages = images(read(files, location, TRAIN_IMAGES), location + "/" + TRAIN_IMAGES);
    IntTensor trainLabels =
        labels(read(files, location, TRAIN_LABELS), trainImages, location + "/" + TRAIN_LABELS);
    FloatTensor testImages = images(read(files, location, TEST_IMAGES), location + "/" + TEST_IMAGES);
    IntTensor testLabels = labels(read(files, location, TEST_LABELS), testImages, location + "/" + TEST_LABELS);
    int n = (int) trainLabels.numElements();
    if (validationSize < 0 || validationSize > n) {
      throw new IllegalArgumentException("validation size should be between 0 and " + n + ", got " + validationSize);
    }
    return new Mnist(
        new DataSet(rows(trainImages, validationSize, n), rows(trainLabels, validationSize, n), NUM_CLASSES, seed),
        new DataSet(rows(trainImages, 0, validationSize), rows(trainLabels, 0, validationSize), NUM_CLASSES, seed + 1),
        new DataSet(testImages, testLabels, NUM_CLASSES, seed + 2));
  }

  /** Opens one of the four MNIST files by its base name. */
  @FunctionalInterface
  public interface FileOpener {
    /**
     * @param name the base name, without {@code .gz}
     * @throws NoSuchFileException if there is no such file
     */
    InputStream open(String name) throws IOException;
  }

  private static ByteTensor read(FileOpener files, String location, String name) throws IOException {
    try (InputStream in = files.open(name)) {
      return IdxFiles.read(in, location + "/" + name);
    }
  }

  private static FloatTensor images(ByteTensor raw, String file) throws IdxFormatException {
    Shape shape = raw.shape();
    if (shape.rank() != 3 || shape.dim(1) * shape.dim(2) != IMAGE_PIXELS) {
      throw new IdxFormatException(file + ": expected images of shape [n, 28, 28], found " + shape);
    }
    byte[] pixels = raw.data();
    float[] scaled = new float[pixels.length];
    float scale = (float) (1.0 / 255.0); // numpy: float32 array times a Python float stays float32
    for (int i = 0; i < pixels.length; i++) {
      scaled[i] = (pixels[i] & 0xff) * scale;
    }
    return FloatTensor.of(Shape.of(shape.dim(0), IMAGE_PIXELS), scaled);
  }

  private static IntTensor labels(ByteTensor raw, FloatTensor images, String file) throws IdxFormatException {
    if (raw.shape().rank() != 1 || raw.shape().dim(0) != images.shape().dim(0)) {
      throw new IdxFormatException(file + ": expected " + images.shape().dim(0) + " labels, found shape " + raw.shape());
    }
    int[] labels = new int[raw.data().length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = raw.data()[i] & 0xff;
      if (labels[i] >= NUM_CLASSES) {
        throw new IdxFormatException(file + ": label " + labels[i] + " of example " + i + " is not a digit");
      }
    }
    return IntTensor.of(Shape.of(labels.length), labels);
  }

  private static FloatTensor rows(FloatTensor tensor, int from, int to) {
    int width = (int) tensor.shape().dim(1);
    float[] data = java.util.Arrays.copyOfRange(tensor.data(), from * width, to * width);
    return FloatTensor.of(Shape.of(to - from, width), data);
  }

  private static IntTensor rows(IntTensor tensor, int from, int to) {
    return IntTensor.of(Shape.of(to - from), java.util.Arrays.copyOfRange(tensor.data(), from, to));
  }
}
