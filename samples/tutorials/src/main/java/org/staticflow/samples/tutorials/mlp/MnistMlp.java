package org.staticflow.samples.tutorials.mlp;

import org.staticflow.annotations.Input;
import org.staticflow.annotations.Layer;
import org.staticflow.annotations.Loss;
import org.staticflow.annotations.Model;
import org.staticflow.annotations.Output;
import org.staticflow.annotations.Variable;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The MNIST MLP of TensorFlow 1.x's "best practice" tutorial ({@code mnist_inference.py}): 784-500-10, ReLU,
 * weights {@code truncated_normal(stddev=0.1)} with an L2 regularizer of 1e-4 added to the loss, biases
 * {@code constant(0.0)}, variables {@code layer1/weights}, {@code layer1/biases}, {@code layer2/weights},
 * {@code layer2/biases}, inputs {@code x-input} and {@code y-input} (one-hot), loss the mean sparse softmax
 * cross-entropy plus the regularization losses.
 */
@Model
public interface MnistMlp {
  int INPUT_NODE = 784;
  int LAYER1_NODE = 500;
  int OUTPUT_NODE = 10;

  @Input(name = "x-input", shape = {-1, INPUT_NODE}) FloatTensor x();
  @Input(name = "y-input", shape = {-1, OUTPUT_NODE}) FloatTensor labels();

  @Layer("layer1") Hidden layer1();
  @Layer("layer2") Logits layer2();

  @Output("layer2(layer1(x))") FloatTensor logits();
  /** The fraction of the batch classified correctly, TensorFlow's {@code accuracy} of {@code mnist_eval.py}. */
  @Output("reduce_mean(cast(equal(argmax(logits, 1), argmax(labels, 1)), float32))") FloatTensor accuracy();
  @Loss("reduce_mean(sparse_softmax_cross_entropy_with_logits(labels=argmax(labels, 1), logits=logits))")
  FloatTensor loss();

  /** The hidden layer: {@code relu(x @ weights + biases)}. */
  @Layer
  interface Hidden {
    @Variable(name = "weights", shape = {INPUT_NODE, LAYER1_NODE}, init = "truncated_normal(stddev=0.1)",
        regularizer = "l2(0.0001)")
    FloatTensor weights();
    @Variable(name = "biases", shape = {LAYER1_NODE}, init = "constant(0.0)") FloatTensor biases();
    @Output("relu(input @ weights + biases)") FloatTensor apply(Tensor input);
  }

  /** The output layer: {@code h @ weights + biases}, the logits. */
  @Layer
  interface Logits {
    @Variable(name = "weights", shape = {LAYER1_NODE, OUTPUT_NODE}, init = "truncated_normal(stddev=0.1)",
        regularizer = "l2(0.0001)")
    FloatTensor weights();
    @Variable(name = "biases", shape = {OUTPUT_NODE}, init = "constant(0.0)") FloatTensor biases();
    @Output("h @ weights + biases") FloatTensor apply(Tensor h);
  }
}
