package org.staticflow.processor.discovery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.TensorType;

/**
 * Reads a {@code @Model} or {@code @Layer} interface into a {@link ScopeDecl}, recursively through its
 * layer members.
 */
public final class ScopeReader {
  private final Elements elements;
  private final Types types;
  private final Deque<TypeElement> reading = new ArrayDeque<>();

  public ScopeReader(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** Reads a model type. */
  public ScopeDecl readModel(TypeElement model) {
    AnnotationMirror annotation = Annotations.find(model, Names.MODEL);
    if (model.getKind() != ElementKind.INTERFACE) {
      throw new CompileError(
          DiagnosticId.InvalidDeclaration, Messages.modelNotInterface(model.getSimpleName().toString()),
          new Location(model, annotation, null, null, 0));
    }
    ScopeDecl scope = read(model, true);
    if (scope.outputs().stream().noneMatch(o -> !o.isFunction())) {
      throw new CompileError(
          DiagnosticId.NoOutputs, Messages.noOutputs(model.getSimpleName().toString()),
          new Location(model, annotation, null, null, 0));
    }
    return scope;
  }

  private ScopeDecl read(TypeElement type, boolean isModel) {
    if (reading.contains(type)) {
      throw new CompileError(
          DiagnosticId.InvalidDeclaration, Messages.recursiveLayer(type.getQualifiedName().toString()),
          Location.of(type));
    }
    reading.push(type);
    try {
      if (!type.getTypeParameters().isEmpty()) {
        throw new CompileError(DiagnosticId.InvalidDeclaration,
            Messages.genericScope(type.getSimpleName().toString()), Location.of(type));
      }
      checkInheritedMembers(type);
      List<InputDecl> inputs = new ArrayList<>();
      List<VariableDecl> variables = new ArrayList<>();
      List<LayerDecl> layers = new ArrayList<>();
      List<OutputDecl> outputs = new ArrayList<>();
      Set<String> scopes = new HashSet<>();
      for (Element member : type.getEnclosedElements()) {
        if (member.getKind() != ElementKind.METHOD) {
          continue;
        }
        ExecutableElement method = (ExecutableElement) member;
        List<AnnotationMirror> found = new ArrayList<>();
        for (String name : List.of(Names.INPUT, Names.VARIABLE, Names.LAYER, Names.OUTPUT, Names.LOSS)) {
          AnnotationMirror mirror = Annotations.find(method, name);
          if (mirror != null) {
            found.add(mirror);
          }
        }
        if (found.isEmpty()) {
          if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            throw new CompileError(
                DiagnosticId.InvalidDeclaration, Messages.unannotatedMember(method.getSimpleName().toString()),
                Location.of(method));
          }
          continue;
        }
        if (found.size() > 1) {
          throw new CompileError(
              DiagnosticId.InvalidDeclaration, Messages.severalRoles(method.getSimpleName().toString()),
              new Location(method, found.get(1), null, null, 0));
        }
        AnnotationMirror mirror = found.get(0);
        if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
          throw error(DiagnosticId.InvalidDeclaration, Messages.notAbstract(method.getSimpleName().toString()),
              method, mirror, null);
        }
        String kind = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
        switch (kind) {
          case Names.INPUT -> {
            if (!isModel) {
              throw error(DiagnosticId.InvalidDeclaration, Messages.inputInLayer(), method, mirror, null);
            }
            requireAccessor(method, mirror);
            inputs.add(readInput(method, mirror));
          }
          case Names.VARIABLE -> {
            requireAccessor(method, mirror);
            variables.add(readVariable(method, mirror));
          }
          case Names.LAYER -> {
            requireNoParameters(method, mirror);
            LayerDecl layer = readLayer(method, mirror);
            if (!scopes.add(layer.scopeName())) {
              throw error(DiagnosticId.DuplicateName, Messages.duplicateScope(layer.scopeName()), method, mirror,
                  Annotations.explicitValue(mirror, "value"));
            }
            layers.add(layer);
          }
          default -> outputs.add(readOutput(method, mirror, kind.equals(Names.LOSS), isModel));
        }
      }
      return new ScopeDecl(type, inputs, variables, layers, outputs);
    } finally {
      reading.pop();
    }
  }

  /**
   * Abstract methods inherited from super-interfaces (other than {@code CompiledModel}) would be left
   * unimplemented by the generated class: declarations must be in the model or layer type itself.
   */
  private void checkInheritedMembers(TypeElement type) {
    for (Element member : elements.getAllMembers(type)) {
      if (member.getKind() == ElementKind.METHOD && member.getModifiers().contains(Modifier.ABSTRACT)
          && !member.getEnclosingElement().equals(type)) {
        String owner = ((TypeElement) member.getEnclosingElement()).getQualifiedName().toString();
        if (!owner.equals(Names.COMPILED_MODEL)) {
          throw new CompileError(DiagnosticId.InvalidDeclaration,
              Messages.inheritedMember(member.getSimpleName().toString(), owner), Location.of(type));
        }
      }
    }
  }

  private InputDecl readInput(ExecutableElement method, AnnotationMirror mirror) {
    Map<? extends ExecutableElement, ? extends AnnotationValue> values = elements.getElementValuesWithDefaults(mirror);
    String name = Annotations.string(values, "name");
    if (name.isEmpty()) {
      name = method.getSimpleName().toString();
    }
    AnnotationValue shapeValue = Annotations.value(values, "shape");
    int[] shape = Annotations.ints(shapeValue);
    int batch = 0;
    for (int d : shape) {
      if (d == -1) {
        batch++;
      } else if (d < 0) {
        throw error(DiagnosticId.InvalidShape, Messages.negativeDimension(TensorType.shapeString(shape)), method, mirror, shapeValue);
      }
    }
    if (batch > 1) {
      throw error(DiagnosticId.InvalidShape, Messages.severalBatchDimensions(TensorType.shapeString(shape)), method, mirror, shapeValue);
    }
    DType dtype = dtype(method, mirror, values);
    return new InputDecl(method, name, new TensorType(dtype, shape), new Location(method, mirror, null, null, 0));
  }

  private VariableDecl readVariable(ExecutableElement method, AnnotationMirror mirror) {
    Map<? extends ExecutableElement, ? extends AnnotationValue> values = elements.getElementValuesWithDefaults(mirror);
    String name = Annotations.string(values, "name");
    if (name.isEmpty()) {
      name = method.getSimpleName().toString();
    }
    AnnotationValue shapeValue = Annotations.value(values, "shape");
    int[] shape = Annotations.ints(shapeValue);
    for (int d : shape) {
      if (d < 0) {
        throw error(DiagnosticId.InvalidShape, Messages.variableShape(name, TensorType.shapeString(shape)), method, mirror,
            Annotations.explicitValue(mirror, "shape"));
      }
    }
    DType dtype = dtype(method, mirror, values);
    if (dtype == DType.BOOL) {
      throw error(DiagnosticId.InvalidDeclaration, Messages.boolVariable(name), method, mirror,
          Annotations.explicitValue(mirror, "dtype"));
    }
    AnnotationValue init = Annotations.value(values, "init");
    AnnotationValue regularizer = Annotations.value(values, "regularizer");
    return new VariableDecl(
        method, name, new TensorType(dtype, shape), (String) init.getValue(),
        new Location(method, mirror, Annotations.explicitValue(mirror, "init"), (String) init.getValue(), 0),
        (Boolean) Annotations.value(values, "trainable").getValue(), (String) regularizer.getValue(),
        new Location(method, mirror, Annotations.explicitValue(mirror, "regularizer"), (String) regularizer.getValue(), 0),
        new Location(method, mirror, null, null, 0));
  }

  private LayerDecl readLayer(ExecutableElement method, AnnotationMirror mirror) {
    TypeMirror returnType = method.getReturnType();
    if (returnType.getKind() == TypeKind.ERROR) {
      throw new Deferred(returnType.toString());
    }
    TypeElement layerType =
        returnType.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) returnType).asElement() : null;
    if (layerType == null || Annotations.find(layerType, Names.LAYER) == null
        || layerType.getKind() != ElementKind.INTERFACE) {
      throw error(DiagnosticId.NotALayer, Messages.notALayer(method.getSimpleName().toString(), returnType.toString()),
          method, mirror, null);
    }
    String scope = Annotations.string(elements.getElementValuesWithDefaults(mirror), "value");
    if (scope.isEmpty()) {
      scope = method.getSimpleName().toString();
    }
    if (scope.contains("/") || scope.isBlank()) {
      throw error(DiagnosticId.InvalidDeclaration, Messages.badScopeName(scope), method, mirror,
          Annotations.explicitValue(mirror, "value"));
    }
    return new LayerDecl(method, scope, read(layerType, false), new Location(method, mirror, null, null, 0));
  }

  private OutputDecl readOutput(ExecutableElement method, AnnotationMirror mirror, boolean loss, boolean isModel) {
    requireTensor(method, mirror);
    List<String> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      if (!isTensor(parameter.asType())) {
        throw error(DiagnosticId.InvalidDeclaration,
            Messages.parameterNotTensor(method.getSimpleName().toString(), parameter.getSimpleName().toString()),
            method, mirror, null);
      }
      parameters.add(parameter.getSimpleName().toString());
    }
    if (!parameters.isEmpty() && (isModel || loss)) {
      throw error(DiagnosticId.InvalidDeclaration, Messages.functionOutsideLayer(method.getSimpleName().toString()),
          method, mirror, null);
    }
    AnnotationValue value = Annotations.explicitValue(mirror, "value");
    String text = (String) value.getValue();
    return new OutputDecl(method, text, loss, parameters, new Location(method, mirror, value, text, 0));
  }

  private DType dtype(ExecutableElement method, AnnotationMirror mirror,
      Map<? extends ExecutableElement, ? extends AnnotationValue> values) {
    String name = Annotations.string(values, "dtype");
    DType dtype = DType.fromName(name);
    if (dtype == null) {
      throw error(DiagnosticId.InvalidArgument, Messages.unknownDtype(name), method, mirror,
          Annotations.explicitValue(mirror, "dtype"));
    }
    return dtype;
  }

  private void requireAccessor(ExecutableElement method, AnnotationMirror mirror) {
    requireNoParameters(method, mirror);
    requireTensor(method, mirror);
  }

  private void requireNoParameters(ExecutableElement method, AnnotationMirror mirror) {
    if (!method.getParameters().isEmpty()) {
      throw error(DiagnosticId.InvalidDeclaration, Messages.accessorWithParameters(method.getSimpleName().toString()),
          method, mirror, null);
    }
  }

  private void requireTensor(ExecutableElement method, AnnotationMirror mirror) {
    if (method.getReturnType().getKind() == TypeKind.ERROR) {
      throw new Deferred(method.getReturnType().toString());
    }
    if (!isTensor(method.getReturnType()) && !isTensorSubclass(method.getReturnType())) {
      throw error(DiagnosticId.InvalidDeclaration,
          Messages.notTensor(method.getSimpleName().toString(), method.getReturnType().toString()), method, mirror, null);
    }
  }

  /** Whether {@code type} is {@code Tensor} itself. */
  private boolean isTensor(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals(Names.TENSOR);
  }

  /**
   * Whether {@code type} is one of the tensor classes a member may return to spare its callers a cast
   * ({@code FloatTensor logits()}); lowering checks that it matches the dtype.
   */
  private boolean isTensorSubclass(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && Names.TENSOR_CLASSES.contains(((TypeElement) types.asElement(type)).getQualifiedName().toString());
  }

  private static CompileError error(DiagnosticId id, String message, Element element, AnnotationMirror mirror,
      AnnotationValue value) {
    return new CompileError(id, message, new Location(element, mirror, value, null, 0));
  }
}
