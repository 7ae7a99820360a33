package org.staticflow.runtime.interop.training;

import java.util.List;
import java.util.Map;
import org.tensorflow.Output;

/**
 * The MNIST MLP of DESIGN §4 as the TensorFlow 1.x tutorial builds it: 784-500-10, ReLU hidden layer, and
 * {@code l2_regularizer(1e-4)} on {@code layer1/weights}, the one variable that declares
 * {@code regularizer = "l2(0.0001)"} in the processor tests' model source ({@code MnistMlpTest.MLP}).
 *
 * <pre>
 * layer1 = relu(x @ layer1/weights + layer1/biases)
 * logits = layer1 @ layer2/weights + layer2/biases
 * </pre>
 */
public final class MnistMlpNetwork implements TensorFlowNetwork {
  private final int hidden;
  private final float l2Scale;

  /** 784-500-10 with L2 1e-4 on the first layer's weights, as in MnistMlpTest's model. */
  public MnistMlpNetwork() {
    this(500, 1e-4f);
  }

  /** 784-{@code hidden}-10 with L2 {@code l2Scale} on the first layer's weights (0: none). */
  public MnistMlpNetwork(int hidden, float l2Scale) {
    this.hidden = hidden;
    this.l2Scale = l2Scale;
  }

  @Override
  public List<Variable> variables() {
    return List.of(
        new Variable("layer1/weights", new long[] {784, hidden}, l2Scale),
        new Variable("layer1/biases", new long[] {hidden}, 0f),
        new Variable("layer2/weights", new long[] {hidden, 10}, 0f),
        new Variable("layer2/biases", new long[] {10}, 0f));
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
    Output<?> layer1 = g.op("Relu", "layer1/Relu",
        g.op("Add", "layer1/add", g.op("MatMul", "layer1/MatMul", images, reads.get("layer1/weights")),
            reads.get("layer1/biases")));
    return g.op("Add", "layer2/add",
        g.op("MatMul", "layer2/MatMul", layer1, reads.get("layer2/weights")), reads.get("layer2/biases"));
  }
}
