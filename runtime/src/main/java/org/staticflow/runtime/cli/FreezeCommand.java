package org.staticflow.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.runtime.graph.export.GraphFreezer;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.graph.savedmodel.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow freeze PREFIX --outputs a,b OUT.pb}: a checkpoint and its {@code .meta} into a frozen graph. */
@Command(
    name = "freeze",
    header = "Freeze a checkpoint and its .meta graph into a GraphDef.",
    description = {
      "Reads PREFIX.meta and the checkpoint PREFIX, keeps only the nodes the output nodes need, replaces"
          + " each variable by a Const holding its checkpoint value (as TF1's freeze_graph does), and writes the"
          + " GraphDef: as text if OUT ends in .pbtxt, otherwise binary."
    })
final class FreezeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PREFIX", description = "Checkpoint prefix; PREFIX.meta must exist beside it.")
  Path prefix;

  @Option(names = "--outputs", required = true, split = ",", paramLabel = "NODE[,NODE...]", description = "Output node names.")
  List<String> outputs;

  @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the frozen graph (.pb or .pbtxt).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path meta = prefix.resolveSibling(prefix.getFileName() + ".meta");
    if (!Files.isRegularFile(meta)) {
      throw new ParameterException(spec.commandLine(), "no meta graph " + meta + " beside the checkpoint " + prefix);
    }
    MetaGraphDef metaGraph = GraphFiles.readMetaGraphDef(meta);
    GraphDef frozen = GraphFreezer.freeze(metaGraph.getGraphDef(),
        ModelBundle.loadMetaGraph(meta, prefix).variables(), outputs);
    GraphFiles.write(out, frozen);
    spec.commandLine().getOut().println("froze " + frozen.getNodeCount() + " of " + metaGraph.getGraphDef().getNodeCount()
        + " nodes (outputs " + String.join(", ", outputs) + ") into " + out);
    return ExitCodes.OK;
  }
}
