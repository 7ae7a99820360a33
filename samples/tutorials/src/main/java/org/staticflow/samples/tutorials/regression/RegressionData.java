package org.staticflow.samples.tutorials.regression;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.staticflow.runtime.data.NumpyRandom;

/**
 * The points a regression is fitted to, as float32 arrays {@code x} and {@code y} of equal length.
 *
 * @param x the x values
 * @param y the y values
 */
public record RegressionData(float[] x, float[] y) {
  /** The seed and size of the tutorial's points: {@code np.random.seed(1234); np.random.rand(100)}. */
  public static final long TUTORIAL_SEED = 1234;
  public static final int TUTORIAL_POINTS = 100;

  public RegressionData {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("no points");
    }
  }

  /**
   * The tutorial's points, exactly as NumPy and TensorFlow compute them:
   *
   * <pre>
   * np.random.seed(1234)
   * x = np.random.rand(100).astype(np.float32)     # doubles rounded to float32
   * y = x * 0.1 + 0.3                             # float32 arithmetic (NumPy keeps the array's dtype)
   * </pre>
   */
  public static RegressionData tutorial() {
    double[] drawn = new NumpyRandom(TUTORIAL_SEED).rand(TUTORIAL_POINTS);
    float[] x = new float[drawn.length];
    float[] y = new float[drawn.length];
    for (int i = 0; i < drawn.length; i++) {
      x[i] = (float) drawn[i];
      y[i] = x[i] * 0.1f + 0.3f;   // float * float: float32 rounding at each step, as NumPy does
    }
    return new RegressionData(x, y);
  }

  /**
   * Reads points from a CSV file: one {@code x,y} pair of numbers per line, parsed as float32. Blank lines
   * and lines starting with {@code #} are skipped, and so is a first line that reads {@code x,y} (a header).
   *
   * @throws IllegalArgumentException naming the file and line of a row that is not two numbers, or the file
   *     when it holds no points
   * @throws IOException when the file cannot be read
   */
  public static RegressionData readCsv(Path file) throws IOException {
    float[] x = new float[16];
    float[] y = new float[16];
    int count = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      boolean first = true;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        boolean header = first && trimmed.replace(" ", "").equalsIgnoreCase("x,y");
        first = false;
        if (header) {
          continue;
        }
        String[] fields = trimmed.split(",", -1);
        if (fields.length != 2) {
          throw badRow(file, lineNumber, "expected two comma-separated numbers x,y but found "
              + fields.length + " field" + (fields.length == 1 ? "" : "s"), trimmed);
        }
        if (count == x.length) {
          x = Arrays.copyOf(x, count * 2);
          y = Arrays.copyOf(y, count * 2);
        }
        x[count] = number(file, lineNumber, "x", fields[0], trimmed);
        y[count] = number(file, lineNumber, "y", fields[1], trimmed);
        count++;
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such data file");
    }
    if (count == 0) {
      throw new IllegalArgumentException(file + ": no data points (expected lines of x,y)");
    }
    return new RegressionData(Arrays.copyOf(x, count), Arrays.copyOf(y, count));
  }

  private static float number(Path file, int line, String column, String field, String row) {
    String text = field.strip();
    float value;
    try {
      value = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw badRow(file, line, column + " is not a number: '" + text + "'", row);
    }
    if (!Float.isFinite(value)) {
      throw badRow(file, line, column + " is not finite: '" + text + "'", row);
    }
    return value;
  }

  private static IllegalArgumentException badRow(Path file, int line, String problem, String row) {
    return new IllegalArgumentException(file + ":" + line + ": " + problem + " (row: " + row + ")");
  }

  /** The number of points. */
  public int size() {
    return x.length;
  }
}
