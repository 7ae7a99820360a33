package org.staticflow.samples.kotlinmlp

import org.staticflow.annotations.Input
import org.staticflow.annotations.Layer
import org.staticflow.annotations.Loss
import org.staticflow.annotations.Model
import org.staticflow.annotations.Output
import org.staticflow.annotations.Variable
import org.staticflow.runtime.tensor.FloatTensor
import org.staticflow.runtime.tensor.Tensor

/**
 * The MNIST MLP of TensorFlow 1.x's "best practice" tutorial (`mnist_inference.py`), declared in Kotlin with
 * the same annotations, names and initializers as the Java `org.staticflow.samples.tutorials.mlp.MnistMlp`:
 * 784-500-10, ReLU, inputs `x-input` and `y-input` (one-hot), variables `layer1/weights`, `layer1/biases`,
 * `layer2/weights`, `layer2/biases`, L2 1e-4 on the weights. kapt hands the processor a Java stub of this
 * interface; the processor generates `Staticflow_MnistMlp` in this package. Its checkpoints are therefore the
 * Java model's, key for key.
 */
@Model
interface MnistMlp {
    companion object {
        const val INPUT_NODE = 784
        const val LAYER1_NODE = 500
        const val OUTPUT_NODE = 10
    }

    @Input(name = "x-input", shape = [-1, INPUT_NODE])
    fun x(): FloatTensor

    @Input(name = "y-input", shape = [-1, OUTPUT_NODE])
    fun labels(): FloatTensor

    @Layer("layer1")
    fun layer1(): Hidden

    @Layer("layer2")
    fun layer2(): Logits

    @Output("layer2(layer1(x))")
    fun logits(): FloatTensor

    /** The fraction of the batch classified correctly. */
    @Output("reduce_mean(cast(equal(argmax(logits, 1), argmax(labels, 1)), float32))")
    fun accuracy(): FloatTensor

    @Loss("reduce_mean(sparse_softmax_cross_entropy_with_logits(labels=argmax(labels, 1), logits=logits))")
    fun loss(): FloatTensor

    /** The hidden layer: `relu(x @ weights + biases)`. */
    @Layer
    interface Hidden {
        @Variable(name = "weights", shape = [INPUT_NODE, LAYER1_NODE], init = "truncated_normal(stddev=0.1)",
            regularizer = "l2(0.0001)")
        fun weights(): FloatTensor

        @Variable(name = "biases", shape = [LAYER1_NODE], init = "constant(0.0)")
        fun biases(): FloatTensor

        @Output("relu(input @ weights + biases)")
        fun apply(input: Tensor): FloatTensor
    }

    /** The output layer: `h @ weights + biases`, the logits. */
    @Layer
    interface Logits {
        @Variable(name = "weights", shape = [LAYER1_NODE, OUTPUT_NODE], init = "truncated_normal(stddev=0.1)",
            regularizer = "l2(0.0001)")
        fun weights(): FloatTensor

        @Variable(name = "biases", shape = [OUTPUT_NODE], init = "constant(0.0)")
        fun biases(): FloatTensor

        @Output("h @ weights + biases")
        fun apply(h: Tensor): FloatTensor
    }
}
