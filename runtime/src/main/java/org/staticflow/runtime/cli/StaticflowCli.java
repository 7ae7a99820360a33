package org.staticflow.runtime.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code staticflow} command-line tool. Subcommands: {@code ckpt} (inspect and rewrite TensorFlow
 * checkpoints), {@code graph} and {@code freeze} (TensorFlow graphs), {@code sample} (the sample programs found
 * on the class path, {@link SampleProgram}).
 *
 * <p>Exit status: {@value ExitCodes#OK} on success, {@value ExitCodes#DIFFERENT} when {@code ckpt diff}
 * finds differences, {@value ExitCodes#ERROR} on bad usage or failure. A failure prints one line,
 * {@code staticflow: <what went wrong>}, on standard error; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "staticflow",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = StaticflowCli.Version.class,
    description = "Staticflow's command-line tool: inspect and rewrite TensorFlow checkpoints; list, draw, run and"
        + " freeze graphs; run the sample programs.",
    subcommands = {
      CkptCommand.class, GraphCommand.class, FreezeCommand.class, SampleCommand.class, CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit status:%n",
    footer = {
      "  0  success (ckpt diff: the checkpoints are identical)",
      "  1  ckpt diff: the checkpoints differ",
      "  2  bad usage or failure (one line on standard error, more with --verbose)"
    })
public final class StaticflowCli {
  /** Read through the parse result by the failure handler, since it is inherited by every subcommand. */
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace after the error line.")
  boolean verbose;

  /** Runs the tool with the process's arguments and exits with its status. */
  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    int status = run(args, out, err, Help.Ansi.AUTO);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /**
   * Runs the tool in-process, without ANSI colours: output goes to {@code out}, errors and usage of bad
   * invocations to {@code err}.
   *
   * @return the exit status ({@link ExitCodes})
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, StaticflowCli.class.getClassLoader());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, with the sample programs found through {@code samples}. */
  static int run(String[] args, PrintWriter out, PrintWriter err, ClassLoader samples) {
    return run(args, out, err, Help.Ansi.OFF, samples);
  }

  private static int run(String[] args, PrintWriter out, PrintWriter err, Help.Ansi ansi) {
    return run(args, out, err, ansi, StaticflowCli.class.getClassLoader());
  }

  private static int run(String[] args, PrintWriter out, PrintWriter err, Help.Ansi ansi, ClassLoader samples) {
    CommandLine commandLine = new CommandLine(new StaticflowCli());
    SampleCommand.addSamples(commandLine.getSubcommands().get("sample"), samples);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setColorScheme(Help.defaultColorScheme(ansi));
    commandLine.setParameterExceptionHandler(usageErrors());
    commandLine.setExecutionExceptionHandler(failures());
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("staticflow: " + ErrorMessages.oneLine(e));
      return ExitCodes.ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Bad usage: the error line, then the synopsis of the command that was being parsed. */
  private static IParameterExceptionHandler usageErrors() {
    return (ParameterException e, String[] args) -> {
      CommandLine command = e.getCommandLine();
      PrintWriter err = command.getErr();
      err.println("staticflow: " + ErrorMessages.oneLine(e));
      UnmatchedArgumentException.printSuggestions(e, err);
      Help help = command.getHelp();
      err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
      err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCodes.ERROR;
    };
  }

  /** A failure while running a command: one line, plus the stack trace with --verbose. */
  private static IExecutionExceptionHandler failures() {
    return (Exception e, CommandLine command, ParseResult parsed) -> {
      if (e instanceof ParameterException usage) {
        return usageErrors().handleParseException(usage, parsed.originalArgs().toArray(String[]::new));
      }
      PrintWriter err = command.getErr();
      err.println("staticflow: " + ErrorMessages.oneLine(e));
      if (isVerbose(parsed)) {
        e.printStackTrace(err);
      }
      return ExitCodes.ERROR;
    };
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** The version from the jar's Maven metadata, or "development build" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
      String resource = "/META-INF/maven/org.staticflow/staticflow-runtime/pom.properties";
      try (InputStream in = StaticflowCli.class.getResourceAsStream(resource)) {
        if (in == null) {
          return new String[] {"staticflow (development build)"};
        }
        Properties properties = new Properties();
        properties.load(in);
        return new String[] {"staticflow " + properties.getProperty("version", "(unknown version)")};
      }
    }
  }
}
