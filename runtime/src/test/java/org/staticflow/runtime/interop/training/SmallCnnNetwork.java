package org.staticflow.runtime.interop.training;

import java.util.List;
import java.util.Map;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;

/**
 * A small MNIST CNN, the TF1 tutorial's shape at a fraction of its width so that ten training steps take
 * well under a second: two 5x5 SAME convolutions (4 and 8 filters), each with bias, ReLU and a 2x2 max
 * pool of stride 2 (SAME), then a dense ReLU layer of 32 units and a dense logits layer, with
 * {@code l2_regularizer(5e-4)} on both dense layers' weights.
 *
 * <pre>
 * image = reshape(x, [-1, 28, 28, 1])
 * h1 = max_pool(relu(conv2d(image, conv1/weights, strides=[1,1,1,1], padding='SAME') + conv1/biases),
 *               ksize=[1,2,2,1], strides=[1,2,2,1], padding='SAME')              [?, 14, 14, 4]
 * h2 = max_pool(relu(conv2d(h1, conv2/weights, ...) + conv2/biases), ...)        [?, 7, 7, 8]
 * fc = relu(reshape(h2, [-1, 392]) @ fc1/weights + fc1/biases)                    [?, 32]
 * logits = fc @ logits/weights + logits/biases                                    [?, 10]
 * </pre>
 */
public final class SmallCnnNetwork implements TensorFlowNetwork {
  /** Output channels of the two convolutions and width of the dense layer. */
  public static final int CONV1 = 4, CONV2 = 8, DENSE = 32;
  /** The L2 scale of the dense layers' weights. */
  public static final float L2 = 5e-4f;

  @Override
  public List<Variable> variables() {
    return List.of(
        new Variable("conv1/weights", new long[] {5, 5, 1, CONV1}, 0f),
        new Variable("conv1/biases", new long[] {CONV1}, 0f),
        new Variable("conv2/weights", new long[] {5, 5, CONV1, CONV2}, 0f),
        new Variable("conv2/biases", new long[] {CONV2}, 0f),
        new Variable("fc1/weights", new long[] {7 * 7 * CONV2, DENSE}, L2),
        new Variable("fc1/biases", new long[] {DENSE}, 0f),
        new Variable("logits/weights", new long[] {DENSE, 10}, L2),
        new Variable("logits/biases", new long[] {10}, 0f));
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
    Output<?> image = g.op("Reshape", "Reshape", images, g.ints("Reshape/shape", -1, 28, 28, 1));
    Output<?> h1 = convPool(g, "conv1", image, reads);
    Output<?> h2 = convPool(g, "conv2", h1, reads);
    Output<?> flat = g.op("Reshape", "fc1/Reshape", h2, g.ints("fc1/Reshape/shape", -1, 7 * 7 * CONV2));
    Output<?> fc = g.op("Relu", "fc1/Relu", g.op("Add", "fc1/add",
        g.op("MatMul", "fc1/MatMul", flat, reads.get("fc1/weights")), reads.get("fc1/biases")));
    return g.op("Add", "logits/add",
        g.op("MatMul", "logits/MatMul", fc, reads.get("logits/weights")), reads.get("logits/biases"));
  }

  private static Output<?> convPool(GraphBuilder g, String scope, Output<?> input, Map<String, Output<?>> reads) {
    Output<?> conv = g.builder("Conv2D", scope + "/Conv2D", input, reads.get(scope + "/weights"))
        .setAttr("strides", new long[] {1, 1, 1, 1})
        .setAttr("padding", "SAME")
        .build()
        .output(0);
    Output<?> relu = g.op("Relu", scope + "/Relu", g.op("Add", scope + "/add", conv, reads.get(scope + "/biases")));
    GraphOperationBuilder pool = g.builder("MaxPool", scope + "/MaxPool", relu)
        .setAttr("ksize", new long[] {1, 2, 2, 1})
        .setAttr("strides", new long[] {1, 2, 2, 1})
        .setAttr("padding", "SAME");
    return pool.build().output(0);
  }
}
