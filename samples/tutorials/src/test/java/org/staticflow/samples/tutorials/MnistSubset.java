package org.staticflow.samples.tutorials;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.staticflow.runtime.data.IdxFiles;
import org.staticflow.runtime.data.Mnist;
import org.staticflow.runtime.tensor.ByteTensor;

/**
 * Builds the embedded MNIST subset of {@link MnistData} from the full IDX files: every
 * {@value MnistData#EMBEDDED_STRIDE}th example of each file, in order, as gzip-compressed IDX files (no file
 * name or time in the gzip header, so the bytes depend only on the data), plus {@code SHA256SUMS}.
 *
 * <pre>
 * java -cp ... org.staticflow.samples.tutorials.MnistSubset FULL_MNIST_DIR samples/tutorials/src/main/resources/org/staticflow/samples/mnist
 * </pre>
 */
public final class MnistSubset {
  private MnistSubset() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: MnistSubset FULL_MNIST_DIR OUT_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    StringBuilder sums = new StringBuilder();
    for (Map.Entry<String, byte[]> file : build(Path.of(args[0])).entrySet()) {
      Files.write(out.resolve(file.getKey()), file.getValue());
      sums.append(sha256(file.getValue())).append("  ").append(file.getKey()).append('\n');
    }
    Files.writeString(out.resolve("SHA256SUMS"), sums);
  }

  /** The four gzip-compressed subset files by file name, from the full files in {@code fullDirectory}. */
  static Map<String, byte[]> build(Path fullDirectory) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : new String[] {Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES, Mnist.TEST_LABELS}) {
      ByteTensor full = IdxFiles.read(fullDirectory.resolve(name + ".gz"));
      files.put(name + ".gz", gzip(idx(everyNth(full, MnistData.EMBEDDED_STRIDE))));
    }
    return files;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** Rows 0, n, 2n, ... of {@code full} (first dimension). */
  private static ByteTensor everyNth(ByteTensor full, int stride) {
    long[] dims = full.shape().dims();
    int rowSize = (int) (full.numElements() / dims[0]);
    int rows = (int) ((dims[0] + stride - 1) / stride);
    byte[] data = new byte[rows * rowSize];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(full.data(), r * stride * rowSize, data, r * rowSize, rowSize);
    }
    dims[0] = rows;
    return new ByteTensor(full.dataType(), org.staticflow.runtime.tensor.Shape.of(dims), data);
  }

  /** An unsigned-byte IDX file: magic 0x000008RR, big-endian dimensions, the values. */
  private static byte[] idx(ByteTensor tensor) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      long[] dims = tensor.shape().dims();
      out.writeInt(0x0800 | dims.length);
      for (long dim : dims) {
        out.writeInt((int) dim);
      }
      out.write(tensor.data());
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(raw);
    }
    return bytes.toByteArray();
  }
}
