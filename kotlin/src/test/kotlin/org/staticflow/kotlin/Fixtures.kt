package org.staticflow.kotlin

import java.util.Random
import org.staticflow.runtime.data.DataSet
import org.staticflow.runtime.tensor.FloatTensor
import org.staticflow.runtime.tensor.IntTensor
import org.staticflow.runtime.tensor.Shape

/** Separable data for [TinyClassifier]: class `c` has feature `c` near 1, the others near 0. */
internal fun separableData(examples: Int = 300, seed: Long = 7): DataSet {
    val random = Random(seed)
    val labels = IntArray(examples) { it % TinyClassifier.CLASSES }
    val features = FloatArray(examples * TinyClassifier.FEATURES) { i ->
        val example = i / TinyClassifier.FEATURES
        val feature = i % TinyClassifier.FEATURES
        (if (feature == labels[example]) 1f else 0f) + 0.3f * random.nextGaussian().toFloat()
    }
    return DataSet(
        FloatTensor.of(Shape.of(examples, TinyClassifier.FEATURES), *features),
        IntTensor.of(Shape.of(examples), *labels),
        TinyClassifier.CLASSES,
        seed,
    )
}

/** The variables' values, copied. */
internal fun Staticflow_TinyClassifier.snapshot(): Map<String, List<Float>> =
    variableTensors().mapValues { (_, tensor) -> (tensor as FloatTensor).data().toList() }
