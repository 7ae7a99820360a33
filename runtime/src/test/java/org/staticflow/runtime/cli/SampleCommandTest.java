package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staticflow sample}: programs found through ServiceLoader are listed, run and given their options. */
class SampleCommandTest {
  @TempDir Path dir;

  /** A sample program for the test: prints its words, fails on request. */
  public static final class Echo implements SampleProgram {
    @Override
    public Object command() {
      return new EchoCommand();
    }
  }

  @Command(name = "echo", header = "Print the words.")
  static final class EchoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--times", defaultValue = "1") int times;

    @Parameters String[] words = {};

    @Override
    public Integer call() {
      if (words.length > 0 && words[0].equals("fail")) {
        throw new IllegalArgumentException("echo was told to fail");
      }
      for (int i = 0; i < times; i++) {
        spec.commandLine().getOut().println(String.join(" ", words));
      }
      return 0;
    }
  }

  private record Result(int status, String out, String err) {}

  private Result run(ClassLoader samples, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = StaticflowCli.run(args, new PrintWriter(out), new PrintWriter(err), samples);
    return new Result(status, out.toString(), err.toString());
  }

  private ClassLoader withEcho() throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(SampleProgram.class.getName()), Echo.class.getName() + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void listsAndRunsTheSamplesOnTheClassPath() throws Exception {
    ClassLoader samples = withEcho();
    Result list = run(samples, "sample");
    assertEquals(0, list.status(), list::toString);
    assertEquals("Samples (staticflow sample NAME --help for the options of one):\n  echo  Print the words.\n",
        list.out());

    Result echo = run(samples, "sample", "echo", "--times", "2", "hello", "world");
    assertEquals(new Result(0, "hello world\nhello world\n", ""), echo);

    Result help = run(samples, "sample", "echo", "--help");
    assertEquals(0, help.status(), help::toString);
    assertTrue(help.out().startsWith("Print the words.\nUsage: staticflow sample echo"), help::toString);
    assertTrue(help.out().endsWith("Exit status:\n  0  success\n  2  bad usage or failure (one line on standard error,"
        + " more with --verbose)\n"), help::toString);
  }

  @Test
  void reportsBadOptionsAndFailuresOfASampleInOneLine() throws Exception {
    ClassLoader samples = withEcho();
    Result usage = run(samples, "sample", "echo", "--times", "many");
    assertEquals(2, usage.status(), usage::toString);
    assertTrue(usage.err().startsWith("staticflow: Invalid value for option '--times': 'many' is not an int\n"),
        usage::toString);

    Result failure = run(samples, "sample", "echo", "fail");
    assertEquals(new Result(2, "", "staticflow: echo was told to fail\n"), failure);

    Result unknown = run(samples, "sample", "regression");
    assertEquals(2, unknown.status(), unknown::toString);
    assertTrue(unknown.err().startsWith("staticflow: Unmatched argument at index 1: 'regression'"), unknown::toString);
  }

  @Test
  void saysHowToBuildTheSamplesWhenThereAreNone() {
    Result none = run(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader()), "sample");
    assertEquals(2, none.status(), none::toString);
    assertTrue(none.err().startsWith("staticflow: no sample programs on the class path"), none::toString);
  }
}
