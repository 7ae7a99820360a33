package org.staticflow.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** The reporter renders ids and columns, and turns processor bugs into errors with a stack trace. */
class ReporterTest {
  private final List<String> messages = new ArrayList<>();
  private final Messager messager = new Messager() {
    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
      messages.add(kind + " " + msg);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {
      messages.add(kind + " " + msg);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {
      messages.add(kind + " " + msg);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a, AnnotationValue v) {
      messages.add(kind + " " + msg);
    }
  };

  @Test
  void userErrorsCarryIdAndColumn() {
    Reporter reporter = new Reporter(messager);
    reporter.report(new CompileError(DiagnosticId.UnknownName, "unknown name 'q'",
        new Location(null, null, null, "relu(q)", 6)));
    assertEquals(List.of("ERROR [Staticflow/UnknownName] unknown name 'q' (column 6 of \"relu(q)\")"), messages);
    assertEquals(1, reporter.errorCount());
  }

  @Test
  void bugsBecomeErrorsWithTheirStackTrace() {
    Reporter reporter = new Reporter(messager);
    reporter.internal(null, new IllegalStateException("boom"));
    assertEquals(1, messages.size());
    String message = messages.get(0);
    assertTrue(message.startsWith("ERROR [Staticflow/Internal] the Staticflow processor failed"), message);
    assertTrue(message.contains("java.lang.IllegalStateException: boom"), message);
    assertTrue(message.contains("ReporterTest.bugsBecomeErrorsWithTheirStackTrace"), message);
  }
}
