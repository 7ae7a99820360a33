package org.staticflow.processor.diagnostics;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/** Sends diagnostics to javac, on the element and annotation value they concern. */
public final class Reporter {
  private final Messager messager;
  private int errors;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports a user error. */
  public void report(CompileError error) {
    errors++;
    Location at = error.location();
    if (at == null) {
      messager.printMessage(Kind.ERROR, error.render());
    } else if (at.value() != null) {
      messager.printMessage(Kind.ERROR, error.render(), at.element(), at.annotation(), at.value());
    } else if (at.annotation() != null) {
      messager.printMessage(Kind.ERROR, error.render(), at.element(), at.annotation());
    } else {
      messager.printMessage(Kind.ERROR, error.render(), at.element());
    }
  }

  /** Reports a processor bug on {@code element} with its stack trace, instead of letting javac crash. */
  public void internal(Element element, Throwable bug) {
    errors++;
    StringWriter trace = new StringWriter();
    bug.printStackTrace(new PrintWriter(trace));
    messager.printMessage(
        Kind.ERROR, "[Staticflow/" + DiagnosticId.Internal + "] " + Messages.internal(trace.toString()), element);
  }

  /** Errors reported so far. */
  public int errorCount() {
    return errors;
  }
}
