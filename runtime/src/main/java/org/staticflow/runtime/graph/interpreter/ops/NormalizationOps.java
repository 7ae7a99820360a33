package org.staticflow.runtime.graph.interpreter.ops;

import org.staticflow.runtime.graph.interpreter.InferenceContext;
import org.staticflow.runtime.graph.interpreter.LoadContext;
import org.staticflow.runtime.graph.interpreter.NodeAttrs;
import org.staticflow.runtime.graph.interpreter.OpKernel;
import org.staticflow.runtime.graph.interpreter.OpRegistry;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Batch normalization as frozen inference graphs hold it: {@code FusedBatchNorm}, {@code V2} and
 * {@code V3} with {@code is_training=false}, NHWC, {@code y = (x - mean) / sqrt(variance + epsilon) * scale
 * + offset} per channel.
 */
public final class NormalizationOps {
  private NormalizationOps() {}

  /** Registers this family's op types. */
  public static void register(OpRegistry registry) {
    for (String op : new String[] {"FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3"}) {
      registry.register(op, FusedBatchNorm::new);
    }
  }

  static final class FusedBatchNorm implements OpKernel {
    private final float epsilon;
    private final int outputCount;

    FusedBatchNorm(NodeAttrs node, LoadContext context) {
      if (node.bool("is_training", true)) {
        throw node.error("is_training=true (batch statistics) is not supported; freeze the graph for inference");
      }
      String format = node.string("data_format", "NHWC");
      if (!format.equals("NHWC")) {
        throw node.error("data_format " + format + " is not supported (only NHWC)");
      }
      epsilon = node.real("epsilon", 1e-4f);
      outputCount = node.op().equals("FusedBatchNormV3") ? 6 : 5;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(5);
      for (int i = 0; i < 5; i++) {
        context.requireType(i, DataType.FLOAT);
      }
      context.requireRank(0, 4);
      TensorSpec x = context.input(0);
      long channels = x.hasRank() ? x.dim(3) : -1;
      for (int i = 1; i < 5; i++) {
        context.requireRank(i, 1);
        TensorSpec p = context.input(i);
        if (p.hasRank() && channels >= 0 && p.dim(0) >= 0 && p.dim(0) != channels) {
          throw context.error("input " + i + " has shape " + p.shapeString() + ", expected [" + channels + "]");
        }
      }
      TensorSpec[] outputs = new TensorSpec[outputCount];
      outputs[0] = x;
      for (int i = 1; i < 5; i++) {
        outputs[i] = TensorSpec.of(DataType.FLOAT, channels);
      }
      if (outputCount == 6) {
        outputs[5] = TensorSpec.of(DataType.FLOAT, 0);
      }
      return outputs;
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      float[] x = ((FloatTensor) inputs[0]).data();
      float[] scale = ((FloatTensor) inputs[1]).data();
      float[] offset = ((FloatTensor) inputs[2]).data();
      float[] mean = ((FloatTensor) inputs[3]).data();
      float[] variance = ((FloatTensor) inputs[4]).data();
      float[] y = ((FloatTensor) outputs[0]).data();
      int channels = scale.length;
      float[] factor = new float[channels];
      for (int c = 0; c < channels; c++) {
        factor[c] = (float) (scale[c] / Math.sqrt(variance[c] + epsilon));
      }
      for (int i = 0; i < x.length; i++) {
        int c = i % channels;
        y[i] = (x[i] - mean[c]) * factor[c] + offset[c];
      }
      // In inference mode TensorFlow passes the given statistics through as the other outputs.
      for (int i = 1; i < 5; i++) {
        System.arraycopy(i % 2 == 1 ? mean : variance, 0, ((FloatTensor) outputs[i]).data(), 0, channels);
      }
    }
  }
}
