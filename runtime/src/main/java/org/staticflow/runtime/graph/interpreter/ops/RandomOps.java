package org.staticflow.runtime.graph.interpreter.ops;

import java.util.Arrays;
import org.staticflow.runtime.graph.interpreter.InferenceContext;
import org.staticflow.runtime.graph.interpreter.LoadContext;
import org.staticflow.runtime.graph.interpreter.NodeAttrs;
import org.staticflow.runtime.graph.interpreter.OpKernel;
import org.staticflow.runtime.graph.interpreter.OpRegistry;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.random.Rng;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * {@code RandomUniform}: uniform floats in {@code [0, 1)} of a shape given as an input (frozen graphs keep it
 * for dropout). The stream is Staticflow's, not TensorFlow's Philox, so values differ from TensorFlow's
 * while the distribution is the same; the node's {@code seed}/{@code seed2} make it repeatable. The stream
 * belongs to the loaded graph: sessions running it on several threads draw from it in turn.
 */
public final class RandomOps {
  private RandomOps() {}

  /** Registers this family's op types. */
  public static void register(OpRegistry registry) {
    registry.register("RandomUniform", RandomUniform::new);
  }

  static final class RandomUniform implements OpKernel {
    private final Rng rng;

    RandomUniform(NodeAttrs node, LoadContext context) {
      DataType type = node.type("dtype");
      if (type != DataType.FLOAT) {
        throw node.error("dtype " + type.protoName() + " is not supported (DT_FLOAT)");
      }
      long seed = node.integer("seed", 0);
      long seed2 = node.integer("seed2", 0);
      rng = new Rng(seed == 0 && seed2 == 0 ? context.seed() ^ node.name().hashCode() : seed * 1_000_003L + seed2);
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      context.requireType(0, DataType.INT32, DataType.INT64);
      long[] dims = context.longs(0);
      if (dims == null) {
        TensorSpec shape = context.input(0);
        if (shape.isFullyDefined() && shape.rank() == 1) {
          long[] unknown = new long[(int) shape.dim(0)];
          Arrays.fill(unknown, -1);
          return new TensorSpec[] {new TensorSpec(DataType.FLOAT, unknown)};
        }
        return new TensorSpec[] {TensorSpec.unknownShape(DataType.FLOAT)};
      }
      for (long dim : dims) {
        if (dim < 0) {
          throw context.error("shape " + Arrays.toString(dims) + " has a negative dimension");
        }
      }
      return new TensorSpec[] {new TensorSpec(DataType.FLOAT, dims)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      float[] out = ((FloatTensor) outputs[0]).data();
      // The kernel, and so its stream, is shared by every session of the loaded graph.
      synchronized (rng) {
        for (int i = 0; i < out.length; i++) {
          out[i] = rng.nextFloat();
        }
      }
    }

    @Override
    public boolean isPure() {
      return false;
    }
  }
}
