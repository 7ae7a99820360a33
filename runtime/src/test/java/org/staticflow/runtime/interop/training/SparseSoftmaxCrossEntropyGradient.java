package org.staticflow.runtime.interop.training;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's C++ gradient registry, which {@code Graph.addGradients} uses, has no gradient for
 * {@code SparseSoftmaxCrossEntropyWithLogits} (TensorFlow Java 1.0.0 reports "No gradient defined"); TF1
 * Python defines it in {@code nn_grad.py}. This registers the same function through TensorFlow Java's
 * custom-gradient hook: the op's second output is the kernel's own backprop, {@code softmax(logits) -
 * one_hot(labels)}, computed in the forward pass, and the gradient of the logits is that times the incoming
 * gradient of each example's loss ({@code _BroadcastMul(grad_loss, backprop)}); the integer labels have
 * none (a zero tensor here, since the hook cannot return "no gradient", and nothing consumes it).
 */
final class SparseSoftmaxCrossEntropyGradient {
  private static boolean registered;

  private SparseSoftmaxCrossEntropyGradient() {}

  /** Registers the gradient once per JVM (registration is global and cannot be repeated). */
  static synchronized void register() {
    if (registered) {
      return;
    }
    TensorFlow.registerCustomGradient("SparseSoftmaxCrossEntropyWithLogits", (Ops tf, org.tensorflow.GraphOperation op,
        List<org.tensorflow.Output<?>> gradients) -> {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> lossGradient = (Operand<TFloat32>) gradients.get(0);
      @SuppressWarnings("unchecked")
      Operand<TFloat32> backprop = (Operand<TFloat32>) (Operand<?>) op.output(1);
      Operand<TFloat32> logitsGradient = tf.math.mul(tf.expandDims(lossGradient, tf.constant(-1)), backprop);
      return List.of(logitsGradient, tf.zerosLike(op.input(1)));
    });
    registered = true;
  }
}
