package org.staticflow.runtime.cli;

/** Exit statuses of the {@code staticflow} tool, as {@code diff(1)} uses them. */
public final class ExitCodes {
  /** The command did what was asked ({@code ckpt diff}: the checkpoints are identical). */
  public static final int OK = 0;

  /** {@code ckpt diff} only: the checkpoints differ. */
  public static final int DIFFERENT = 1;

  /** Bad usage or a failure (missing checkpoint or key, corrupt file, I/O error). */
  public static final int ERROR = 2;

  private ExitCodes() {}
}
