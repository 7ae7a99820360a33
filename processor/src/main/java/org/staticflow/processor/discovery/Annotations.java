package org.staticflow.processor.discovery;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reading annotation mirrors (never annotation instances: values must point at source positions). */
public final class Annotations {
  private Annotations() {}

  /** The annotation of type {@code qualifiedName} on {@code element}, or null. */
  public static AnnotationMirror find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  /** The value written for {@code name} (not a default), or null. */
  public static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  static AnnotationValue value(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    throw new IllegalStateException("annotation has no element " + name);
  }

  static String string(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
    return (String) value(values, name).getValue();
  }

  /** An {@code int[]} value (a single int counts as one element, as Java allows {@code shape = 5}). */
  static int[] ints(AnnotationValue value) {
    Object raw = value.getValue();
    if (raw instanceof Integer single) {
      return new int[] {single};
    }
    List<?> items = (List<?>) raw;
    int[] result = new int[items.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = (Integer) ((AnnotationValue) items.get(i)).getValue();
    }
    return result;
  }
}
