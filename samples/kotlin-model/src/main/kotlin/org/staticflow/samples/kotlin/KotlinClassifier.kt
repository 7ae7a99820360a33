package org.staticflow.samples.kotlin

import org.staticflow.annotations.Input
import org.staticflow.annotations.Layer
import org.staticflow.annotations.Model
import org.staticflow.annotations.Output
import org.staticflow.annotations.Variable
import org.staticflow.runtime.tensor.FloatTensor
import org.staticflow.runtime.tensor.Tensor

/**
 * A small classifier declared in Kotlin: kapt hands the Staticflow processor a Java stub of this
 * interface (declarations and annotation values, no bodies), which is all the processor reads.
 */
@Model
interface KotlinClassifier {
    companion object {
        const val FEATURES = 6
        const val HIDDEN = 8
        const val CLASSES = 3
    }

    @Input(name = "features", shape = [-1, FEATURES])
    fun x(): FloatTensor

    @Layer("hidden")
    fun hidden(): KotlinHidden

    @Variable(name = "out/weights", shape = [HIDDEN, CLASSES], init = "glorot_uniform")
    fun outWeights(): Tensor

    @Variable(name = "out/biases", shape = [CLASSES], init = "constant(0.05)")
    fun outBiases(): Tensor

    @Output("softmax(hidden(x) @ outWeights + outBiases)")
    fun probabilities(): FloatTensor

    @Output("argmax(probabilities, 1)")
    fun predictions(): Tensor
}

/** The hidden layer: variables hidden/weights and hidden/biases. */
@Layer
interface KotlinHidden {
    @Variable(name = "weights", shape = [KotlinClassifier.FEATURES, KotlinClassifier.HIDDEN],
        init = "truncated_normal(stddev=0.5)")
    fun weights(): Tensor

    @Variable(name = "biases", shape = [KotlinClassifier.HIDDEN], init = "constant(0.1)")
    fun biases(): Tensor

    @Output("tanh(input @ weights + biases)")
    fun apply(input: Tensor): Tensor
}
