package org.staticflow.samples.tutorials;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.staticflow.runtime.cli.StaticflowCli;

/** A sample program run in-process through the tool ({@code staticflow sample ...}), its status and output. */
public record SampleRun(int status, String out, String err) {
  /** Runs {@code staticflow args...} and captures what it prints. */
  public static SampleRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = StaticflowCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new SampleRun(status, out.toString(), err.toString());
  }

  /** The first group of {@code regex}'s first match in the output, failing with the output if none. */
  public String find(String regex) {
    Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
    if (!matcher.find()) {
      throw new AssertionError("no match for /" + regex + "/ in the output:\n" + out + "\nerrors:\n" + err);
    }
    return matcher.group(1);
  }

  @Override
  public String toString() {
    return "status " + status + ", output:\n" + out + "errors:\n" + err;
  }
}
