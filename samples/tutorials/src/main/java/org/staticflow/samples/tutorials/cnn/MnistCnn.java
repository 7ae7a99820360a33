package org.staticflow.samples.tutorials.cnn;

import org.staticflow.annotations.Input;
import org.staticflow.annotations.Layer;
import org.staticflow.annotations.Loss;
import org.staticflow.annotations.Model;
import org.staticflow.annotations.Output;
import org.staticflow.annotations.Variable;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The MNIST CNN of TensorFlow 1.x's "Deep MNIST" tutorial, under the names of its scoped TF1 program:
 * inputs {@code inputs/x_input} [-1, 784] and {@code inputs/y_input} [-1, 10] (one-hot), {@code keep_prob};
 * conv 5x5x1x32 SAME + ReLU and 2x2 max pool ({@code conv_layer_1/W_conv_1}, {@code conv_layer_1/b_conv_1}),
 * conv 5x5x32x64 + ReLU and max pool ({@code conv_layer_2/...}), dense 3136-1024 ReLU with dropout
 * ({@code fc_layer_1/W_fc_1}, {@code fc_layer_1/b_fc_1}), dense 1024-10 ({@code fc_layer_2/...}); weights
 * {@code truncated_normal(stddev=0.1)}, biases {@code constant(0.1)}; the predicted class is node
 * {@code ArgMax}; loss the mean softmax cross-entropy.
 */
@Model
public interface MnistCnn {
  @Input(name = "inputs/x_input", shape = {-1, 784}) FloatTensor x();
  @Input(name = "inputs/y_input", shape = {-1, 10}) FloatTensor labels();
  /** The probability of keeping a unit of the dense layer: 0.5 in training, 1.0 to evaluate. */
  @Input(name = "keep_prob", shape = {}) FloatTensor keepProb();

  @Layer("conv_layer_1") Conv1 conv1();
  @Layer("conv_layer_2") Conv2 conv2();
  @Layer("fc_layer_1") Fc1 fc1();
  @Layer("fc_layer_2") Fc2 fc2();

  @Output("fc2(fc1(conv2(conv1(reshape(x, [-1, 28, 28, 1]))), keepProb))") FloatTensor logits();
  /** The predicted digit, {@code tf.argmax(y_conv, 1)}: node {@code ArgMax}. */
  @Output("argmax(logits, 1)") LongTensor prediction();
  /** The fraction of the batch classified correctly. */
  @Output("reduce_mean(cast(equal(prediction, argmax(labels, 1)), float32))") FloatTensor accuracy();
  @Loss("reduce_mean(softmax_cross_entropy_with_logits(labels=labels, logits=logits))") FloatTensor crossEntropy();

  /** First convolution and pooling: [?, 28, 28, 1] to [?, 14, 14, 32]. */
  @Layer
  interface Conv1 {
    @Variable(name = "W_conv_1", shape = {5, 5, 1, 32}, init = "truncated_normal(stddev=0.1)") FloatTensor w();
    @Variable(name = "b_conv_1", shape = {32}, init = "constant(0.1)") FloatTensor b();
    @Output("max_pool(relu(conv2d(image, w, strides=[1, 1, 1, 1], padding='SAME') + b, name='h_conv_1'),"
        + " ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME', name='h_pool_1')")
    FloatTensor apply(Tensor image);
  }

  /** Second convolution and pooling: to [?, 7, 7, 64]. */
  @Layer
  interface Conv2 {
    @Variable(name = "W_conv_2", shape = {5, 5, 32, 64}, init = "truncated_normal(stddev=0.1)") FloatTensor w();
    @Variable(name = "b_conv_2", shape = {64}, init = "constant(0.1)") FloatTensor b();
    @Output("max_pool(relu(conv2d(h, w, strides=[1, 1, 1, 1], padding='SAME') + b, name='h_conv_2'),"
        + " ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME', name='h_pool_2')")
    FloatTensor apply(Tensor h);
  }

  /** The dense ReLU layer with dropout. */
  @Layer
  interface Fc1 {
    @Variable(name = "W_fc_1", shape = {3136, 1024}, init = "truncated_normal(stddev=0.1)") FloatTensor w();
    @Variable(name = "b_fc_1", shape = {1024}, init = "constant(0.1)") FloatTensor b();
    @Output("dropout(relu(reshape(h, [-1, 3136], name='h_pool_2_flat') @ w + b, name='h_fc_1'), keep,"
        + " name='h_fc1_drop')")
    FloatTensor apply(Tensor h, Tensor keep);
  }

  /** The logits layer. */
  @Layer
  interface Fc2 {
    @Variable(name = "W_fc_2", shape = {1024, 10}, init = "truncated_normal(stddev=0.1)") FloatTensor w();
    @Variable(name = "b_fc_2", shape = {10}, init = "constant(0.1)") FloatTensor b();
    @Output("add(matmul(h, w), b, name='y_conv')") FloatTensor apply(Tensor h);
  }
}
