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
 * The classic MNIST CNN of the TF1 tutorial (the seed architecture), exactly the network of TensorFlow's side
 * ({@code SeedCnnNetwork}): conv 5x5x1x32 SAME + ReLU, 2x2 max pool, conv 5x5x32x64 + ReLU, max pool, dense
 * 1024 ReLU, dropout, dense 10, mean sparse softmax cross-entropy.
 */
@Model
public interface BenchCnn {
  @Input(name = "x-input", shape = {-1, 784}) FloatTensor x();
  @Input(name = "y-input", shape = {-1, 10}) FloatTensor labels();
  @Input(name = "keep_prob", shape = {}) FloatTensor keepProb();

  @Layer("conv_layer_1") Conv1 conv1();
  @Layer("conv_layer_2") Conv2 conv2();
  @Layer("fc_layer_1") Fc1 fc1();
  @Layer("fc_layer_2") Fc2 fc2();

  @Output("fc2(fc1(conv2(conv1(reshape(x, [-1, 28, 28, 1]))), keepProb))") FloatTensor logits();
  @Loss("reduce_mean(sparse_softmax_cross_entropy_with_logits(labels=argmax(labels, 1), logits=logits))")
  FloatTensor loss();

  /** First convolution and pooling. */
  @Layer
  interface Conv1 {
    @Variable(name = "W_conv_1", shape = {5, 5, 1, 32}, init = "truncated_normal(stddev=0.1)") FloatTensor w();
    @Variable(name = "b_conv_1", shape = {32}, init = "constant(0.1)") FloatTensor b();
    @Output("max_pool(relu(conv2d(image, w, strides=[1, 1, 1, 1], padding='SAME') + b, name='h_conv_1'),"
        + " ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME', name='h_pool_1')")
    FloatTensor apply(Tensor image);
  }

  /** Second convolution and pooling. */
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
    @Output("dropout(relu(reshape(h, [-1, 3136], name='h_pool_2_flat') @ w + b, name='h_fc_1'), keep, name='h_fc1_drop')")
    FloatTensor apply(Tensor h, Tensor keep);
  }

  /** The logits layer. */
  @Layer
  interface Fc2 {
    @Variable(name = "W_fc_2", shape = {1024, 10}, init = "truncated_normal(stddev=0.1)") FloatTensor w();
    @Variable(name = "b_fc_2", shape = {10}, init = "constant(0.1)") FloatTensor b();
    @Output("add(matmul(h, w), b, name='logits_output')") FloatTensor apply(Tensor h);
  }
}
