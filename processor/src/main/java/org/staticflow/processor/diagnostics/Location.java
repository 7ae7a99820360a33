package org.staticflow.processor.diagnostics;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic points: an element, optionally one of its annotations and a value of it, and for
 * expressions the source text and a 1-based column within it (0 when unknown).
 *
 * @param element the member or type
 * @param annotation the annotation on it, or {@code null}
 * @param value the annotation value, or {@code null}
 * @param text the expression text, or {@code null}
 * @param column 1-based column in {@code text}, or 0
 */
public record Location(
    Element element, AnnotationMirror annotation, AnnotationValue value, String text, int column) {

  /** A location on a whole element. */
  public static Location of(Element element) {
    return new Location(element, null, null, null, 0);
  }

  /** The same value, at another column of its text. */
  public Location at(int newColumn) {
    return new Location(element, annotation, value, text, newColumn);
  }

  /** {@code " (column 5 of "relu(x)")"}, or empty when there is no expression text. */
  String suffix() {
    if (text == null) {
      return "";
    }
    return column > 0 ? " (column " + column + " of \"" + text + "\")" : " (in \"" + text + "\")";
  }
}
