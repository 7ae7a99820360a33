package org.staticflow.runtime.cli;

/**
 * A runnable sample program, started as {@code staticflow sample NAME [options]}. Implementations are found
 * with {@link java.util.ServiceLoader} (a {@code META-INF/services/org.staticflow.runtime.cli.SampleProgram}
 * entry in the sample's jar), so that the tool lists and runs whatever samples are on its class path without
 * depending on them.
 *
 * <p>The program is a picocli command: {@link #command()} returns an object annotated with
 * {@code @picocli.CommandLine.Command} whose {@code name} is the sample's name and which implements
 * {@code Callable<Integer>} (the exit status) or {@code Runnable}. Its options are parsed, and its
 * {@code --help} printed, by the tool; output goes to the {@code @Spec} command spec's writers, so that tests
 * can capture it. Failures are thrown and reported by the tool as one line naming what went wrong.
 */
public interface SampleProgram {
  /** A fresh picocli command object for one run. */
  Object command();
}
