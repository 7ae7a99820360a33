package org.staticflow.processor.discovery;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;

/** Reads and checks the declaration of a {@code @Model(graph = ...)} type. */
public final class GraphModelReader {
  private GraphModelReader() {}

  /** Whether {@code model}'s {@code @Model} names a graph. */
  public static boolean isGraphModel(TypeElement model) {
    AnnotationMirror annotation = Annotations.find(model, Names.MODEL);
    return annotation != null && Annotations.explicitValue(annotation, "graph") != null;
  }

  /**
   * Reads a graph model.
   *
   * @throws CompileError if the type is not a plain interface, declares abstract members, or the
   *     annotation names no graph file or no outputs
   */
  public static GraphModelDecl read(TypeElement model) {
    AnnotationMirror annotation = Annotations.find(model, Names.MODEL);
    Location onAnnotation = new Location(model, annotation, null, null, 0);
    String typeName = model.getSimpleName().toString();
    if (model.getKind() != ElementKind.INTERFACE) {
      throw new CompileError(DiagnosticId.InvalidDeclaration, Messages.modelNotInterface(typeName), onAnnotation);
    }
    if (!model.getTypeParameters().isEmpty()) {
      throw new CompileError(DiagnosticId.InvalidDeclaration, Messages.genericScope(typeName), Location.of(model));
    }
    for (Element member : model.getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD && member.getModifiers().contains(Modifier.ABSTRACT)) {
        throw new CompileError(DiagnosticId.InvalidDeclaration,
            Messages.graphModelMember(typeName, member.getSimpleName().toString()), Location.of(member));
      }
    }
    AnnotationValue graphValue = Annotations.explicitValue(annotation, "graph");
    Location graphLocation = new Location(model, annotation, graphValue, null, 0);
    String graph = (String) graphValue.getValue();
    if (graph.isBlank()) {
      throw new CompileError(DiagnosticId.InvalidDeclaration, Messages.emptyGraphPath(typeName), graphLocation);
    }
    AnnotationValue inputsValue = Annotations.explicitValue(annotation, "inputs");
    AnnotationValue outputsValue = Annotations.explicitValue(annotation, "outputs");
    List<String> outputs = strings(outputsValue);
    Location outputsLocation = new Location(model, annotation, outputsValue, null, 0);
    if (outputs.isEmpty()) {
      throw new CompileError(DiagnosticId.NoOutputs, Messages.graphModelNoOutputs(typeName), onAnnotation);
    }
    return new GraphModelDecl(model, graph, strings(inputsValue), outputs, graphLocation,
        new Location(model, annotation, inputsValue, null, 0), outputsLocation);
  }

  /** A {@code String[]} value (a single string counts as one element); empty when absent. */
  private static List<String> strings(AnnotationValue value) {
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    Object raw = value.getValue();
    if (raw instanceof String single) {
      result.add(single);
      return result;
    }
    for (Object item : (List<?>) raw) {
      result.add((String) ((AnnotationValue) item).getValue());
    }
    return result;
  }
}
