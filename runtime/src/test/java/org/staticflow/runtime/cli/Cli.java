package org.staticflow.runtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;
import org.staticflow.runtime.tensor.Tensor;

/** Test helpers: runs the tool in-process with captured output, writes small bundles. */
final class Cli {
  private Cli() {}

  /** What one run of the tool produced. */
  record Result(int status, String out, String err) {
    /** The output lines. */
    String[] lines() {
      return out.isEmpty() ? new String[0] : out.split("\n", -1);
    }

    @Override
    public String toString() {
      return "status " + status + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  /** Runs {@code staticflow args...} in-process. */
  static Result run(Object... args) {
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = StaticflowCli.run(strings, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  /** Writes the tensors, in map iteration order, as a bundle at {@code prefix}. */
  static Path write(Path prefix, Map<String, ? extends Tensor> tensors) throws Exception {
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      for (Map.Entry<String, ? extends Tensor> entry : tensors.entrySet()) {
        writer.add(entry.getKey(), entry.getValue());
      }
      writer.finish();
    }
    return prefix;
  }
}
