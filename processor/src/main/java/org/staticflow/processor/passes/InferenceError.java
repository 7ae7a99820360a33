package org.staticflow.processor.passes;

import org.staticflow.processor.diagnostics.DiagnosticId;

/** A type rule rejected its inputs; the caller attaches the source location. */
public final class InferenceError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DiagnosticId id;

  public InferenceError(DiagnosticId id, String message) {
    super(message, null, false, false);
    this.id = id;
  }

  public DiagnosticId id() {
    return id;
  }
}
