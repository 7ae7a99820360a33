package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.staticflow.proto.GraphDef;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.graph.savedmodel.ModelBundle;

/**
 * The graph a {@code graph} subcommand is given: a frozen {@code GraphDef} ({@code .pb}, {@code .pbtxt}),
 * a meta graph ({@code .meta}), or a SavedModel directory (its {@code serve} meta graph, with variables).
 */
final class GraphSource {
  private GraphSource() {}

  static boolean isSavedModel(Path path) {
    return Files.isDirectory(path);
  }

  static boolean isMetaGraph(Path path) {
    return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".meta");
  }

  /** The {@code GraphDef} of any of the three forms. */
  static GraphDef read(Path path) throws IOException {
    if (isSavedModel(path)) {
      return ModelBundle.readMetaGraph(path).getGraphDef();
    }
    if (isMetaGraph(path)) {
      return GraphFiles.readMetaGraphDef(path).getGraphDef();
    }
    return GraphFiles.readGraphDef(path);
  }
}
