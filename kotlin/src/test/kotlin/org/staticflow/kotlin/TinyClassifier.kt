package org.staticflow.kotlin

import org.staticflow.annotations.Input
import org.staticflow.annotations.Loss
import org.staticflow.annotations.Model
import org.staticflow.annotations.Output
import org.staticflow.annotations.Variable
import org.staticflow.runtime.tensor.FloatTensor
import org.staticflow.runtime.tensor.Tensor

/** Softmax regression on a few features, declared in Kotlin and compiled by kapt: the DSL tests' model. */
@Model
interface TinyClassifier {
    companion object {
        const val FEATURES = 4
        const val CLASSES = 3
    }

    @Input(name = "features", shape = [-1, FEATURES])
    fun x(): FloatTensor

    @Input(name = "labels", shape = [-1, CLASSES])
    fun labels(): FloatTensor

    @Variable(name = "dense/weights", shape = [FEATURES, CLASSES], init = "truncated_normal(stddev=0.1)")
    fun weights(): Tensor

    @Variable(name = "dense/biases", shape = [CLASSES], init = "constant(0.0)")
    fun biases(): Tensor

    @Output("x @ weights + biases")
    fun logits(): FloatTensor

    @Loss("reduce_mean(sparse_softmax_cross_entropy_with_logits(labels=argmax(labels, 1), logits=logits))")
    fun loss(): FloatTensor
}
