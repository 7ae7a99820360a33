package org.staticflow.processor.passes;

import java.util.Arrays;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.TensorType;

/**
 * TensorFlow's {@code Reshape} target rule with a symbolic batch dimension: at most one {@code -1}, which
 * stands for the batch dimension when the input has one (the batch must survive as one whole dimension,
 * so the static sizes must match exactly) and for the one size that fits otherwise.
 */
public final class ReshapeRule {
  private ReshapeRule() {}

  /**
   * The dimensions of {@code in} reshaped to {@code target}, with {@link TensorType#BATCH} where the batch
   * dimension goes.
   *
   * @throws InferenceError if the target has several {@code -1}, a negative size, or another element count
   */
  public static int[] resolve(String fn, TensorType in, int[] target) {
    int unknown = -1;
    long product = 1;
    for (int i = 0; i < target.length; i++) {
      if (target[i] == -1) {
        if (unknown >= 0) {
          throw new InferenceError(DiagnosticId.InvalidArgument, Messages.severalMinusOne(fn));
        }
        unknown = i;
      } else if (target[i] < 0) {
        throw new InferenceError(DiagnosticId.InvalidArgument, Messages.negative(fn, "shape", target[i]));
      } else {
        product *= target[i];
      }
    }
    int[] dims = target.clone();
    long elements = in.staticElements();
    long batchDims = Arrays.stream(in.dims()).filter(d -> d == TensorType.BATCH).count();
    if (in.hasBatch()) {
      if (unknown >= 0 && elements == product && batchDims == 1) {
        dims[unknown] = TensorType.BATCH;
        return dims;
      }
    } else if (unknown >= 0 && product != 0 && elements % product == 0) {
      dims[unknown] = (int) (elements / product);
      return dims;
    } else if (unknown < 0 && elements == product) {
      return dims;
    }
    throw new InferenceError(DiagnosticId.ShapeMismatch,
        Messages.reshape(fn, in.shapeString(), Arrays.toString(target).replace(" ", "")));
  }
}
