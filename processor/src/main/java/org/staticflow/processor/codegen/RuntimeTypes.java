package org.staticflow.processor.codegen;

import com.palantir.javapoet.ClassName;
import org.staticflow.processor.ir.DType;

/** The runtime classes generated code refers to (the processor does not depend on the runtime). */
final class RuntimeTypes {
  static final String TENSOR_PACKAGE = "org.staticflow.runtime.tensor";
  static final String KERNELS_PACKAGE = "org.staticflow.runtime.kernels";
  static final String MODEL_PACKAGE = "org.staticflow.runtime.model";

  static final ClassName TENSOR = ClassName.get(TENSOR_PACKAGE, "Tensor");
  static final ClassName SHAPE = ClassName.get(TENSOR_PACKAGE, "Shape");
  static final ClassName DATA_TYPE = ClassName.get(TENSOR_PACKAGE, "DataType");
  static final ClassName BOOLEAN_TENSOR = ClassName.get(TENSOR_PACKAGE, "BooleanTensor");
  static final ClassName KERNELS = ClassName.get(KERNELS_PACKAGE, "Kernels");
  static final ClassName BACKENDS = ClassName.get(KERNELS_PACKAGE, "Backends");
  static final ClassName UNARY_OP = ClassName.get(KERNELS_PACKAGE, "UnaryOp");
  static final ClassName BINARY_OP = ClassName.get(KERNELS_PACKAGE, "BinaryOp");
  static final ClassName REDUCE_OP = ClassName.get(KERNELS_PACKAGE, "ReduceOp");
  static final ClassName BROADCAST = ClassName.get(KERNELS_PACKAGE, "Broadcast");
  static final ClassName REDUCE_PLAN = ClassName.get(KERNELS_PACKAGE, "ReducePlan");
  static final ClassName TRANSPOSE_PLAN = ClassName.get(KERNELS_PACKAGE, "TransposePlan");
  static final ClassName WINDOW_GEOMETRY = ClassName.get(KERNELS_PACKAGE, "WindowGeometry");
  static final ClassName RNG = ClassName.get("org.staticflow.runtime.random", "Rng");
  static final ClassName COMPILED_MODEL = ClassName.get(MODEL_PACKAGE, "CompiledModel");
  static final ClassName TRAINABLE_MODEL = ClassName.get(MODEL_PACKAGE, "TrainableModel");
  static final ClassName FLOAT_TENSOR = ClassName.get(TENSOR_PACKAGE, "FloatTensor");
  static final ClassName VARIABLE_ENTRY = ClassName.get(MODEL_PACKAGE, "VariableEntry");
  static final ClassName INITIALIZERS = ClassName.get(MODEL_PACKAGE, "Initializers");

  private RuntimeTypes() {}

  /** The tensor class holding {@code dtype}. */
  static ClassName tensorClass(DType dtype) {
    return ClassName.get(TENSOR_PACKAGE, dtype.tensorClass());
  }

  /** The Java array type of a tensor of {@code dtype}: {@code float[]}, {@code int[]}, ... */
  static com.palantir.javapoet.ArrayTypeName arrayOf(org.staticflow.processor.ir.DType dtype) {
    return com.palantir.javapoet.ArrayTypeName.of(switch (dtype) {
      case FLOAT32 -> com.palantir.javapoet.TypeName.FLOAT;
      case INT32 -> com.palantir.javapoet.TypeName.INT;
      case INT64 -> com.palantir.javapoet.TypeName.LONG;
      case BOOL -> com.palantir.javapoet.TypeName.BOOLEAN;
    });
  }
}
