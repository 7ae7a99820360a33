package org.staticflow.processor.discovery;

/** Qualified names of the annotations and runtime types the processor looks for. */
public final class Names {
  public static final String MODEL = "org.staticflow.annotations.Model";
  public static final String LAYER = "org.staticflow.annotations.Layer";
  public static final String VARIABLE = "org.staticflow.annotations.Variable";
  public static final String INPUT = "org.staticflow.annotations.Input";
  public static final String OUTPUT = "org.staticflow.annotations.Output";
  public static final String LOSS = "org.staticflow.annotations.Loss";
  public static final String TENSOR_PACKAGE = "org.staticflow.runtime.tensor";
  public static final String TENSOR = TENSOR_PACKAGE + ".Tensor";
  /** The tensor classes members may return instead of {@code Tensor}. */
  public static final java.util.Set<String> TENSOR_CLASSES = java.util.Set.of(
      TENSOR_PACKAGE + ".FloatTensor", TENSOR_PACKAGE + ".IntTensor", TENSOR_PACKAGE + ".LongTensor",
      TENSOR_PACKAGE + ".BooleanTensor");
  public static final String COMPILED_MODEL = "org.staticflow.runtime.model.CompiledModel";

  private Names() {}
}
