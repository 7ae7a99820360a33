package org.staticflow.samples.tutorials.finetune;

import org.staticflow.annotations.Input;
import org.staticflow.annotations.Layer;
import org.staticflow.annotations.Loss;
import org.staticflow.annotations.Model;
import org.staticflow.annotations.Output;
import org.staticflow.annotations.Variable;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.samples.tutorials.mlp.MnistMlp;

/**
 * The MNIST MLP's hidden layer with a new head: is the digit even or odd? The hidden layer is
 * {@link MnistMlp.Hidden} under the same name, so its variables are {@code layer1/weights} and
 * {@code layer1/biases} as in the trained MLP's checkpoints; the head is new, {@code parity/weights}
 * {@code [500, 2]} and {@code parity/biases} {@code [2]}, and no checkpoint of the MLP has it. Class 0 is even,
 * class 1 odd. The loss is the mean sparse softmax cross-entropy (plus the hidden layer's L2 term, a constant
 * while only the head trains).
 */
@Model
public interface MnistParity {
  int CLASSES = 2;

  @Input(name = "x-input", shape = {-1, MnistMlp.INPUT_NODE}) FloatTensor x();
  @Input(name = "y-input", shape = {-1, CLASSES}) FloatTensor labels();

  @Layer("layer1") MnistMlp.Hidden layer1();
  @Layer("parity") Head parity();

  @Output("parity(layer1(x))") FloatTensor logits();
  /** The fraction of the batch whose parity is predicted correctly. */
  @Output("reduce_mean(cast(equal(argmax(logits, 1), argmax(labels, 1)), float32))") FloatTensor accuracy();
  @Loss("reduce_mean(sparse_softmax_cross_entropy_with_logits(labels=argmax(labels, 1), logits=logits))")
  FloatTensor loss();

  /** The even/odd head: {@code h @ weights + biases}. */
  @Layer
  interface Head {
    @Variable(name = "weights", shape = {MnistMlp.LAYER1_NODE, CLASSES}, init = "truncated_normal(stddev=0.1)")
    FloatTensor weights();
    @Variable(name = "biases", shape = {CLASSES}, init = "constant(0.0)") FloatTensor biases();
    @Output("h @ weights + biases") FloatTensor apply(Tensor h);
  }
}
