package org.staticflow.runtime.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.export.GraphDot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow graph dot FILE [--svg OUT]}: Graphviz DOT on standard output, and SVG through {@code dot}. */
@Command(
    name = "dot",
    header = "Draw a graph: Graphviz DOT on standard output.",
    description = {
      "Prints the graph in Graphviz DOT: a box per node (name and op type), data edges solid, control"
          + " dependencies dashed. With --svg, also renders it to an SVG file with Graphviz's 'dot' program,"
          + " which must be installed (on the PATH, or named by the STATICFLOW_DOT environment variable)."
    })
final class GraphDotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A .pb/.pbtxt GraphDef, a .meta file or a SavedModel directory.")
  Path file;

  @Option(names = "--svg", paramLabel = "OUT", description = "Also write an SVG rendering to OUT (needs Graphviz).")
  Path svg;

  @Override
  public Integer call() throws Exception {
    String dot = GraphDot.toDot(GraphSource.read(file));
    spec.commandLine().getOut().print(dot);
    spec.commandLine().getOut().flush();
    if (svg != null) {
      render(dot, svg);
    }
    return ExitCodes.OK;
  }

  /** Pipes the DOT text through {@code dot -Tsvg -o OUT}. */
  static void render(String dot, Path out) throws IOException, InterruptedException {
    String program = System.getenv().getOrDefault("STATICFLOW_DOT", System.getProperty("staticflow.dot", "dot"));
    Process process;
    try {
      process = new ProcessBuilder(List.of(program, "-Tsvg", "-o", out.toString()))
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new GraphException("--svg needs Graphviz, but '" + program + "' cannot be run (" + e.getMessage()
          + "); install Graphviz or render the DOT output elsewhere");
    }
    try (OutputStream in = process.getOutputStream()) {
      in.write(dot.getBytes(StandardCharsets.UTF_8));
    }
    String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new GraphException("'" + program + "' did not finish within 120 s");
    }
    if (process.exitValue() != 0) {
      throw new GraphException("'" + program + "' failed with status " + process.exitValue()
          + (messages.isEmpty() ? "" : ": " + messages.lines().findFirst().orElse("")));
    }
  }
}
