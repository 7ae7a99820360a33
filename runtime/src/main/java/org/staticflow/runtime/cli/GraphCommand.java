package org.staticflow.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code staticflow graph}: the graph subcommands. Without a subcommand it is a usage error. */
@Command(
    name = "graph",
    header = "List, draw and run TensorFlow graphs.",
    description = {
      "List, draw and run TensorFlow graphs: a frozen GraphDef (.pb binary or .pbtxt text), a meta graph"
          + " (.meta) or a SavedModel directory."
    },
    subcommands = {GraphListCommand.class, GraphDotCommand.class, GraphRunCommand.class, CommandLine.HelpCommand.class})
final class GraphCommand {}
