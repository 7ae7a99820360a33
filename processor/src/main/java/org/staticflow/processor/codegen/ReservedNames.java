package org.staticflow.processor.codegen;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;

/**
 * The parameterless methods the generated class declares itself ({@code CompiledModel},
 * {@code TrainableModel} and the private backward pass): a model member with one of these names would be
 * implemented twice, so it is rejected on the member instead of failing in generated code.
 */
public final class ReservedNames {
  static final Set<String> PARAMETERLESS = Set.of("forward", "variables", "batchSize", "variableTensors",
      "trainableVariables", "computeGradients", "gradients", "totalLoss", "backward");

  private ReservedNames() {}

  /**
   * @throws CompileError {@code InvalidDeclaration} on the first parameterless member of {@code model} that
   *     has a reserved name
   */
  public static void check(TypeElement model) {
    for (Element member : model.getEnclosedElements()) {
      if (member instanceof ExecutableElement method && method.getParameters().isEmpty()
          && PARAMETERLESS.contains(method.getSimpleName().toString())) {
        throw new CompileError(DiagnosticId.InvalidDeclaration,
            Messages.reservedMember(method.getSimpleName().toString()), Location.of(method));
      }
    }
  }
}
