package org.staticflow.runtime.interop.training;

import java.util.List;
import java.util.Map;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * The classic MNIST CNN of the TF1 tutorial at full width, with its TF1 names: two 5x5 SAME convolutions
 * (32 and 64 filters) with bias, ReLU and 2x2 max pooling, a dense ReLU layer of 1024 units, dropout, and
 * the logits layer; no regularization.
 *
 * <pre>
 * image = reshape(x, [-1, 28, 28, 1])
 * h1 = max_pool(relu(conv2d(image, conv_layer_1/W_conv_1, SAME) + conv_layer_1/b_conv_1))   [?, 14, 14, 32]
 * h2 = max_pool(relu(conv2d(h1, conv_layer_2/W_conv_2, SAME) + conv_layer_2/b_conv_2))      [?, 7, 7, 64]
 * fc = dropout(relu(reshape(h2, [-1, 3136]) @ fc_layer_1/W_fc_1 + fc_layer_1/b_fc_1), keep_prob)
 * logits = fc @ fc_layer_2/W_fc_2 + fc_layer_2/b_fc_2                                         [?, 10]
 * </pre>
 *
 * {@code keep_prob} is a {@code PlaceholderWithDefault} of 1 (evaluation); training feeds 0.5. Dropout is
 * TF1's {@code tf.nn.dropout}: {@code x / keep_prob * floor(keep_prob + random_uniform(shape(x)))}.
 */
public final class SeedCnnNetwork implements TensorFlowNetwork {
  /** The name of the keep-probability placeholder. */
  public static final String KEEP_PROB = "keep_prob";

  @Override
  public List<Variable> variables() {
    return List.of(
        new Variable("conv_layer_1/W_conv_1", new long[] {5, 5, 1, 32}, 0f),
        new Variable("conv_layer_1/b_conv_1", new long[] {32}, 0f),
        new Variable("conv_layer_2/W_conv_2", new long[] {5, 5, 32, 64}, 0f),
        new Variable("conv_layer_2/b_conv_2", new long[] {64}, 0f),
        new Variable("fc_layer_1/W_fc_1", new long[] {3136, 1024}, 0f),
        new Variable("fc_layer_1/b_fc_1", new long[] {1024}, 0f),
        new Variable("fc_layer_2/W_fc_2", new long[] {1024, 10}, 0f),
        new Variable("fc_layer_2/b_fc_2", new long[] {10}, 0f));
  }

  @Override
  public int inputSize() {
    return 784;
  }

  @Override
  public int classes() {
    return 10;
  }

  @Override
  public Output<?> logits(GraphBuilder g, Output<?> images, Map<String, Output<?>> reads) {
    Output<?> keepProb = g.builder("PlaceholderWithDefault", KEEP_PROB, g.scalar(KEEP_PROB + "/default", 1f))
        .setAttr("dtype", DataType.DT_FLOAT).setAttr("shape", Shape.scalar()).build().output(0);
    Output<?> image = g.op("Reshape", "Reshape", images, g.ints("Reshape/shape", -1, 28, 28, 1));
    Output<?> h1 = convPool(g, "conv_layer_1", 1, image, reads);
    Output<?> h2 = convPool(g, "conv_layer_2", 2, h1, reads);
    Output<?> flat = g.op("Reshape", "fc_layer_1/h_pool_2_flat", h2, g.ints("fc_layer_1/Reshape/shape", -1, 3136));
    Output<?> fc = g.op("Relu", "fc_layer_1/h_fc_1", g.op("Add", "fc_layer_1/add",
        g.op("MatMul", "fc_layer_1/MatMul", flat, reads.get("fc_layer_1/W_fc_1")), reads.get("fc_layer_1/b_fc_1")));
    Output<?> random = g.builder("RandomUniform", "fc_layer_1/dropout/random_uniform",
            g.op("Shape", "fc_layer_1/dropout/Shape", fc))
        .setAttr("dtype", DataType.DT_FLOAT).build().output(0);
    Output<?> kept = g.op("Floor", "fc_layer_1/dropout/Floor", g.op("Add", "fc_layer_1/dropout/add", keepProb, random));
    Output<?> dropped = g.op("Mul", "fc_layer_1/h_fc1_drop",
        g.op("RealDiv", "fc_layer_1/dropout/div", fc, keepProb), kept);
    return g.op("Add", "fc_layer_2/logits_output",
        g.op("MatMul", "fc_layer_2/MatMul", dropped, reads.get("fc_layer_2/W_fc_2")), reads.get("fc_layer_2/b_fc_2"));
  }

  private static Output<?> convPool(GraphBuilder g, String scope, int index, Output<?> input, Map<String, Output<?>> reads) {
    Output<?> conv = g.builder("Conv2D", scope + "/Conv2D", input, reads.get(scope + "/W_conv_" + index))
        .setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "SAME").build().output(0);
    Output<?> relu = g.op("Relu", scope + "/h_conv_" + index, g.op("Add", scope + "/add", conv, reads.get(scope + "/b_conv_" + index)));
    return g.builder("MaxPool", scope + "/h_pool_" + index, relu)
        .setAttr("ksize", new long[] {1, 2, 2, 1}).setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "SAME")
        .build().output(0);
  }
}
