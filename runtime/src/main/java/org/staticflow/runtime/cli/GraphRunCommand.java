package org.staticflow.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.staticflow.proto.GraphDef;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.graph.io.TensorJson;
import org.staticflow.runtime.graph.interpreter.GraphOptions;
import org.staticflow.runtime.graph.interpreter.LoadedGraph;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.graph.savedmodel.ModelBundle;
import org.staticflow.runtime.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow graph run FILE --feed NAME=FILE --fetch NAME[=FILE]}: runs a graph on the interpreter. */
@Command(
    name = "run",
    header = "Run a frozen graph, a SavedModel or a .meta graph with feeds and fetches.",
    description = {
      "Loads what the fetches need, feeds tensors from files and fetches tensors. Tensor files are NumPy"
          + " .npy or JSON {\"dtype\": \"DT_FLOAT\", \"shape\": [2, 3], \"values\": [...]} (values flat, row-major)."
          + " A fetch with =FILE is written there (.json as JSON, otherwise .npy); one without is printed as a"
          + " JSON line on standard output, in the order given."
    })
final class GraphRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A .pb/.pbtxt frozen GraphDef, a SavedModel directory, or a .meta graph (with --checkpoint).")
  Path file;

  @Option(names = "--feed", paramLabel = "NAME=FILE", description = "Feed tensor NAME (node or node:k) from FILE.")
  List<String> feeds = new ArrayList<>();

  @Option(names = "--fetch", required = true, paramLabel = "NAME[=FILE]", description = "Fetch tensor NAME; write it to FILE if given.")
  List<String> fetches = new ArrayList<>();

  @Option(names = "--checkpoint", paramLabel = "PREFIX", description = "For a .meta graph: the checkpoint holding its variables.")
  Path checkpoint;

  @Override
  public Integer call() throws Exception {
    Map<String, Tensor> fed = new LinkedHashMap<>();
    for (String feed : feeds) {
      int eq = feed.indexOf('=');
      if (eq <= 0 || eq == feed.length() - 1) {
        throw new ParameterException(spec.commandLine(), "--feed expects NAME=FILE, got '" + feed + "'");
      }
      fed.put(feed.substring(0, eq), TensorFiles.read(Path.of(feed.substring(eq + 1))));
    }
    List<String> names = new ArrayList<>();
    List<Path> targets = new ArrayList<>();
    for (String fetch : fetches) {
      int eq = fetch.indexOf('=');
      names.add(eq < 0 ? fetch : fetch.substring(0, eq));
      targets.add(eq < 0 ? null : Path.of(fetch.substring(eq + 1)));
    }
    List<Tensor> results = load(fed, names).newSession().run(fed, names);
    for (int i = 0; i < results.size(); i++) {
      if (targets.get(i) == null) {
        spec.commandLine().getOut().println(TensorJson.write(results.get(i)));
      } else {
        TensorFiles.write(targets.get(i), results.get(i));
      }
    }
    return ExitCodes.OK;
  }

  /** Loads only what the fetches need, the feeds' own specs standing for what they cut off. */
  private LoadedGraph load(Map<String, Tensor> fed, List<String> names) throws Exception {
    Map<String, TensorSpec> specs = new LinkedHashMap<>();
    fed.forEach((name, tensor) -> specs.put(name, TensorSpec.of(tensor)));
    if (GraphSource.isMetaGraph(file)) {
      if (checkpoint == null) {
        throw new ParameterException(spec.commandLine(), file + " is a meta graph: give the checkpoint holding its"
            + " variables with --checkpoint PREFIX");
      }
      return ModelBundle.loadMetaGraph(file, checkpoint).load(specs, names);
    }
    if (GraphSource.isSavedModel(file)) {
      return ModelBundle.loadSavedModel(file).load(specs, names);
    }
    GraphDef graph = GraphFiles.readGraphDef(file);
    GraphOptions options = GraphOptions.defaults().outputs(names);
    specs.forEach(options::feed);
    return LoadedGraph.load(graph, options);
  }
}
