package org.staticflow.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code staticflow ckpt}: the checkpoint subcommands. Without a subcommand it is a usage error. */
@Command(
    name = "ckpt",
    header = "Inspect and rewrite TensorFlow checkpoints.",
    description = {
      "Inspect and rewrite TensorFlow checkpoints (V2 tensor bundles).",
      "",
      "Wherever a checkpoint is read, give its prefix (model.ckpt-1000, the path of the files without"
          + " .index or .data-*), one of its files, or a directory: a directory means the latest"
          + " checkpoint named by its 'checkpoint' state file, or for a SavedModel its"
          + " variables/variables bundle."
    },
    subcommands = {
      ListCommand.class,
      ShowCommand.class,
      RenameCommand.class,
      ConvertCommand.class,
      DiffCommand.class,
      CommandLine.HelpCommand.class
    })
final class CkptCommand {}
