package org.staticflow.processor.diagnostics;

/**
 * A user error found by a phase: thrown to abandon the current member, caught by the processor and
 * reported once.
 */
public final class CompileError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DiagnosticId id;
  private final transient Location location;

  public CompileError(DiagnosticId id, String message, Location location) {
    super(message, null, false, false);
    this.id = id;
    this.location = location;
  }

  public DiagnosticId id() {
    return id;
  }

  public Location location() {
    return location;
  }

  /** The text javac shows: {@code [Staticflow/Id] message (column c of "expr")}. */
  public String render() {
    return "[Staticflow/" + id.name() + "] " + getMessage() + (location == null ? "" : location.suffix());
  }
}
