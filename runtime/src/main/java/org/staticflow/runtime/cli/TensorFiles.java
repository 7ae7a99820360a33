package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.staticflow.runtime.graph.io.NpyFormat;
import org.staticflow.runtime.graph.io.TensorJson;
import org.staticflow.runtime.tensor.Tensor;

/** Tensors in files for {@code graph run}: NumPy {@code .npy} or JSON, chosen by content or name. */
final class TensorFiles {
  private TensorFiles() {}

  /** Reads a {@code .npy} file (recognised by its magic) or a JSON file. */
  static Tensor read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (NpyFormat.isNpy(bytes)) {
      return NpyFormat.decode(bytes, file.toString());
    }
    return TensorJson.read(new String(bytes, StandardCharsets.UTF_8), file.toString());
  }

  /** Writes {@code .json} files as JSON, anything else as {@code .npy}. */
  static void write(Path file, Tensor tensor) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      Files.writeString(file, TensorJson.write(tensor) + "\n", StandardCharsets.UTF_8);
    } else {
      NpyFormat.write(file, tensor);
    }
  }
}
