package org.staticflow.benchmarks.models;

import org.staticflow.annotations.Input;
import org.staticflow.annotations.Layer;
import org.staticflow.annotations.Loss;
import org.staticflow.annotations.Model;
import org.staticflow.annotations.Output;
import org.staticflow.annotations.Variable;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The MNIST MLP 784-500-10 (ReLU, mean sparse softmax cross-entropy), exactly the network of TensorFlow's
 * side ({@code MnistMlpNetwork(500, 0)}): same variable names, same ops.
 */
@Model
public interface BenchMlp {
  @Input(name = "x-input", shape = {-1, 784}) FloatTensor x();
  @Input(name = "y-input", shape = {-1, 10}) FloatTensor labels();

  @Layer("layer1") Hidden layer1();
  @Layer("layer2") Logits layer2();

  @Output("layer2(layer1(x))") FloatTensor logits();
  @Loss("reduce_mean(sparse_softmax_cross_entropy_with_logits(labels=argmax(labels, 1), logits=logits))")
  FloatTensor loss();

  /** A ReLU layer. */
  @Layer
  interface Hidden {
    @Variable(name = "weights", shape = {784, 500}, init = "truncated_normal(stddev=0.1)") FloatTensor weights();
    @Variable(name = "biases", shape = {500}, init = "constant(0.1)") FloatTensor biases();
    @Output("relu(input @ weights + biases)") FloatTensor apply(Tensor input);
  }

  /** The logits layer. */
  @Layer
  interface Logits {
    @Variable(name = "weights", shape = {500, 10}, init = "truncated_normal(stddev=0.1)") FloatTensor weights();
    @Variable(name = "biases", shape = {10}, init = "constant(0.1)") FloatTensor biases();
    @Output("input @ weights + biases") FloatTensor apply(Tensor input);
  }
}
