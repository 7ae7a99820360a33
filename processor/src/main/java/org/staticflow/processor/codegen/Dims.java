package org.staticflow.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import org.staticflow.processor.ir.TensorType;

/** Source text for dimensions: the batch dimension is the local variable {@code b}. */
final class Dims {
  static final String BATCH = "b";

  private Dims() {}

  static String dim(int d) {
    return d == TensorType.BATCH ? BATCH : Integer.toString(d);
  }

  /** {@code b, 500}. */
  static String list(int[] dims) {
    List<String> parts = new ArrayList<>();
    for (int d : dims) {
      parts.add(dim(d));
    }
    return String.join(", ", parts);
  }

  /** {@code new int[] {b, 500}}. */
  static CodeBlock intArray(int[] dims) {
    return CodeBlock.of("new int[] {$L}", list(dims));
  }

  /** The element count as an expression: {@code b * 500}, {@code 10}. */
  static String product(int[] dims) {
    return product(dims, 0, dims.length);
  }

  /** The product of {@code dims[from, to)} as an expression. */
  static String product(int[] dims, int from, int to) {
    long constant = 1;
    List<String> factors = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (dims[i] == TensorType.BATCH) {
        factors.add(BATCH);
      } else {
        constant *= dims[i];
      }
    }
    if (factors.isEmpty() || constant != 1) {
      factors.add(Long.toString(constant));
    }
    return String.join(" * ", factors);
  }

}
