package org.staticflow.runtime.cli;

import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code staticflow sample NAME [options]}: runs one of the sample programs on the class path
 * ({@link SampleProgram}); without a name it lists them.
 */
@Command(
    name = "sample",
    header = "Run a sample program (the TensorFlow tutorials).",
    description = {"Runs a sample program; without NAME, lists the samples on the class path."})
final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Adds every sample on the class path of {@code loader} as a subcommand of {@code sample}. */
  static void addSamples(CommandLine sample, ClassLoader loader) {
    for (SampleProgram program : ServiceLoader.load(SampleProgram.class, loader)) {
      sample.addSubcommand(program.command());
    }
    // The tool's footer explains ckpt diff's statuses; a sample's help says what its own statuses mean.
    for (CommandLine program : sample.getSubcommands().values()) {
      program.getCommandSpec().usageMessage().footer(
          "  0  success", "  2  bad usage or failure (one line on standard error, more with --verbose)");
    }
  }

  @Override
  public Integer call() {
    var samples = spec.commandLine().getSubcommands();
    var out = spec.commandLine().getOut();
    if (samples.isEmpty()) {
      spec.commandLine().getErr().println("staticflow: no sample programs on the class path (build them with"
          + " 'mvn -B -q install -DskipTests' and run ./staticflow from the repository root)");
      return ExitCodes.ERROR;
    }
    out.println("Samples (staticflow sample NAME --help for the options of one):");
    int width = samples.keySet().stream().mapToInt(String::length).max().orElse(0);
    samples.forEach((name, command) -> {
      String[] header = command.getCommandSpec().usageMessage().header();
      out.printf("  %-" + width + "s  %s%n", name, header.length == 0 ? "" : header[0]);
    });
    return ExitCodes.OK;
  }
}
