package org.staticflow.samples.tutorials;

import java.io.PrintWriter;
import org.staticflow.runtime.report.ProgressBar;

/**
 * A {@link ProgressBar} for the training samples, drawn on standard output only when the process has a
 * terminal ({@code System.console() != null}, as {@link ProgressBar#console} decides; the launcher's
 * standard output is then that terminal). In a log, a pipe or a test (Surefire's forked JVM has no console)
 * the samples print their periodic lines only: a non-interactive bar would add a line per 10% that the
 * TensorFlow programs do not print.
 *
 * <p>The bar is redrawn in place on the last line; {@link #println} clears that line first, so the sample's
 * own lines scroll above the bar, and the bar reappears at its next update.
 */
public final class TerminalProgress {
  /** Wide enough to blank the bar's longest line. */
  private static final String BLANK_LINE = "\r" + " ".repeat(110) + "\r";

  private final PrintWriter out;
  private final ProgressBar bar;

  private TerminalProgress(PrintWriter out, ProgressBar bar) {
    this.out = out;
    this.bar = bar;
  }

  /** Progress over {@code total} steps for a sample writing its lines to {@code out}. */
  public static TerminalProgress start(PrintWriter out, long total) {
    return new TerminalProgress(out, System.console() != null ? ProgressBar.console(total, "steps") : null);
  }

  /** Whether a bar is drawn. */
  public boolean drawsBar() {
    return bar != null;
  }

  /** Steps done so far and the latest loss. */
  public void update(long done, double loss) {
    if (bar != null) {
      out.flush();
      bar.update(done, loss);
    }
  }

  /** Prints a line of the sample's output above the bar. */
  public void println(String line) {
    if (bar != null) {
      System.out.print(BLANK_LINE);
      System.out.flush();
    }
    out.println(line);
    out.flush();
  }

  /** Ends the bar (its final newline). */
  public void finish() {
    if (bar != null) {
      bar.finish();
    }
  }
}
