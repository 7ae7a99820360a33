package org.staticflow.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.NodeDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow graph list FILE}: one line per node, {@code name type}, in graph order. */
@Command(
    name = "list",
    header = "List the nodes of a graph: name and op type.",
    description = {
      "One line per node in graph order, 'name type', as the TF1 tutorials print"
          + " [(op.name, op.type) for op in graph.get_operations()]."
    })
final class GraphListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A .pb/.pbtxt GraphDef, a .meta file or a SavedModel directory.")
  Path file;

  @Override
  public Integer call() throws Exception {
    GraphDef graph = GraphSource.read(file);
    for (NodeDef node : graph.getNodeList()) {
      spec.commandLine().getOut().println(node.getName() + " " + node.getOp());
    }
    return ExitCodes.OK;
  }
}
