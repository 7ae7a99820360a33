package org.staticflow.runtime.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display for long training runs: {@code [#####.....] 1200/3000 steps  loss 0.2841
 * 512.3 steps/s  eta 0:03}. On a terminal the line is redrawn in place at most every {@code interval}
 * nanoseconds; when output goes to a file or pipe (CI logs), a plain line is printed every 10% instead, so
 * logs stay readable.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final long total;
  private final String unit;
  private final boolean interactive;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final long startNanos;
  private long lastDrawNanos;
  private boolean drawn;
  private long lastPlainDecile = -1;
  private boolean finished;

  /** A bar on {@code System.out}, redrawn in place when it is a terminal. */
  public static ProgressBar console(long total, String unit) {
    return new ProgressBar(System.out, total, unit, System.console() != null, System::nanoTime, 100_000_000L);
  }

  /**
   * @param interactive redraw one line in place (a terminal) rather than print a line per 10%
   * @param nanoClock time source, {@code System::nanoTime} outside tests
   */
  public ProgressBar(PrintStream out, long total, String unit, boolean interactive, LongSupplier nanoClock,
      long intervalNanos) {
    if (total <= 0) {
      throw new IllegalArgumentException("progress total must be positive, got " + total);
    }
    this.out = out;
    this.total = total;
    this.unit = unit;
    this.interactive = interactive;
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
    this.startNanos = nanoClock.getAsLong();
  }

  /** Reports that {@code done} of the total are complete, with the latest loss (NaN to omit it). */
  public void update(long done, double loss) {
    long now = nanoClock.getAsLong();
    if (interactive) {
      if (done < total && drawn && now - lastDrawNanos < intervalNanos) {
        return;
      }
      drawn = true;
      lastDrawNanos = now;
      out.print('\r' + line(done, loss, now));
      if (done >= total) {
        out.println();
        finished = true;
      }
      out.flush();
    } else {
      long decile = done * 10 / total;
      if (decile != lastPlainDecile) {
        lastPlainDecile = decile;
        out.println(line(done, loss, now));
      }
    }
  }

  /** Ends the display (a final newline on a terminal). */
  public void finish() {
    if (interactive && !finished) {
      out.println();
      finished = true;
    }
  }

  String line(long done, double loss, long now) {
    long clamped = Math.max(0, Math.min(done, total));
    int filled = (int) (clamped * WIDTH / total);
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = clamped / seconds;
    StringBuilder line = new StringBuilder(96);
    line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    line.append(clamped).append('/').append(total).append(' ').append(unit);
    if (!Double.isNaN(loss)) {
      line.append(String.format(Locale.ROOT, "  loss %.4f", loss));
    }
    line.append(String.format(Locale.ROOT, "  %.1f %s/s", rate, unit));
    if (clamped < total && rate > 0) {
      long eta = (long) Math.ceil((total - clamped) / rate);
      line.append(String.format(Locale.ROOT, "  eta %d:%02d", eta / 60, eta % 60));
    }
    return line.toString();
  }
}
