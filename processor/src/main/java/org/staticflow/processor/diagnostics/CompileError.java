package org.staticflow.processor.diagnostics;

/**
 * A user error found by a phase: thrown to abandon the current member, caught by the processor and
 * reported once.
 */
public final class CompileError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DiagnosticId id;
  private final transient Location location;
  private final String context;

  public CompileError(DiagnosticId id, String message, Location location) {
    this(id, message, location, null);
  }

  private CompileError(DiagnosticId id, String message, Location location, String context) {
    super(message, null, false, false);
    this.id = id;
    this.location = location;
    this.context = context;
  }

  /**
   * The same error with {@code where} appended to its context (for an error inside a layer function:
   * which application led there).
   */
  public CompileError within(String where) {
    return new CompileError(id, getMessage(), location, context == null ? where : context + ", " + where);
  }

  public DiagnosticId id() {
    return id;
  }

  public Location location() {
    return location;
  }

  /** The text javac shows: {@code [Staticflow/Id] message (column c of "expr")}, then any context. */
  public String render() {
    return "[Staticflow/" + id.name() + "] " + getMessage() + (location == null ? "" : location.suffix())
        + (context == null ? "" : ", " + context);
  }
}
