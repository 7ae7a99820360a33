package org.staticflow.processor.discovery;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * The declarations of a {@code @Model} or {@code @Layer} type, in source order.
 *
 * @param type the interface
 * @param inputs its inputs (models only)
 * @param variables its variables
 * @param layers its layer members
 * @param outputs its outputs, losses and layer functions
 */
public record ScopeDecl(
    TypeElement type, List<InputDecl> inputs, List<VariableDecl> variables, List<LayerDecl> layers,
    List<OutputDecl> outputs) {

  public Optional<InputDecl> input(String member) {
    return inputs.stream().filter(d -> d.member().getSimpleName().contentEquals(member)).findFirst();
  }

  public Optional<VariableDecl> variable(String member) {
    return variables.stream().filter(d -> d.member().getSimpleName().contentEquals(member)).findFirst();
  }

  public Optional<LayerDecl> layer(String member) {
    return layers.stream().filter(d -> d.member().getSimpleName().contentEquals(member)).findFirst();
  }

  public Optional<OutputDecl> output(String member) {
    return outputs.stream().filter(d -> d.memberName().equals(member)).findFirst();
  }

  /** The layer functions (outputs with parameters). */
  public List<OutputDecl> functions() {
    return outputs.stream().filter(OutputDecl::isFunction).toList();
  }
}
