package org.staticflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a model: its {@link Input}, {@link Variable}, {@link Layer}, {@link Output} and
 * {@link Loss} members declare a static graph. The processor generates {@code Staticflow_<Name>}, a class
 * in the same package that implements the interface (see the {@linkplain org.staticflow.annotations
 * package documentation} for a complete model).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {
  /**
   * A frozen TensorFlow graph ({@code GraphDef}, binary {@code .pb} or text {@code .pbtxt}) to compile
   * instead of member expressions, e.g. {@code @Model(graph = "models/cnn.pb", inputs = "inputs/x_input",
   * outputs = "ArgMax")}. The processor reads it at build time, from the directories of its
   * {@code staticflow.resourcePath} option (e.g. {@code -Astaticflow.resourcePath=src/main/resources}), then
   * from the source path and the class output; the generated class does not parse the graph at run time.
   * Such a model declares no members: feed and read it through {@code input(name)} and
   * {@code output(name)} with the graph's node names. Its constant tensors become non-trainable variables
   * named after their nodes, so a {@code Saver} can save and restore them. Empty (the default): the
   * model is declared by its members.
   */
  String graph() default "";

  /** With {@link #graph()}: the {@code Placeholder} nodes to feed; their first dimension may be the batch. */
  String[] inputs() default {};

  /** With {@link #graph()}: the nodes to compute (at least one); only what they need is compiled. */
  String[] outputs() default {};
}
