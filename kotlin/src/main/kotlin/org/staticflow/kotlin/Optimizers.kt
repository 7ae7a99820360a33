@file:JvmName("Optimizers")

package org.staticflow.kotlin

import org.staticflow.runtime.train.AdagradOptimizer
import org.staticflow.runtime.train.AdamOptimizer
import org.staticflow.runtime.train.GradientDescentOptimizer
import org.staticflow.runtime.train.LearningRate
import org.staticflow.runtime.train.MomentumOptimizer
import org.staticflow.runtime.train.RMSPropOptimizer

// TensorFlow 1.x's optimizers under their tf.train names and defaults, with named arguments. Each takes a
// constant learning rate (a Double, so that `adam(1e-4)` reads as in Python) or a schedule such as
// exponentialDecay(...). Hyperparameters are stored as float32, as TensorFlow's kernels use them.

/** `tf.train.GradientDescentOptimizer(learning_rate)`: `var -= learningRate * grad`. */
fun gradientDescent(learningRate: Double): GradientDescentOptimizer =
    GradientDescentOptimizer(LearningRate.constant(learningRate.toFloat()))

/** `tf.train.GradientDescentOptimizer` with a learning-rate schedule. */
fun gradientDescent(learningRate: LearningRate): GradientDescentOptimizer = GradientDescentOptimizer(learningRate)

/**
 * `tf.train.MomentumOptimizer(learning_rate, momentum, use_nesterov=False)`:
 * `accum = accum * momentum + grad; var -= learningRate * accum` (Nesterov: `var -= learningRate * (grad +
 * momentum * accum)`). Slot `Momentum`.
 */
fun momentum(learningRate: Double, momentum: Double, useNesterov: Boolean = false): MomentumOptimizer =
    momentum(LearningRate.constant(learningRate.toFloat()), momentum, useNesterov)

/** `tf.train.MomentumOptimizer` with a learning-rate schedule. */
fun momentum(learningRate: LearningRate, momentum: Double, useNesterov: Boolean = false): MomentumOptimizer =
    MomentumOptimizer(learningRate, momentum.toFloat(), useNesterov)

/**
 * `tf.train.AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08)`, TF1's update with
 * epsilon outside the square root. Slots `Adam` and `Adam_1`, non-slot `beta1_power` and `beta2_power`.
 */
fun adam(
    learningRate: Double = 0.001,
    beta1: Double = 0.9,
    beta2: Double = 0.999,
    epsilon: Double = 1e-8,
): AdamOptimizer = adam(LearningRate.constant(learningRate.toFloat()), beta1, beta2, epsilon)

/** `tf.train.AdamOptimizer` with a learning-rate schedule. */
fun adam(
    learningRate: LearningRate,
    beta1: Double = 0.9,
    beta2: Double = 0.999,
    epsilon: Double = 1e-8,
): AdamOptimizer = AdamOptimizer(learningRate, beta1.toFloat(), beta2.toFloat(), epsilon.toFloat())

/**
 * `tf.train.RMSPropOptimizer(learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, centered=False)`:
 * `ms += (grad² - ms) * (1 - decay); mom = mom * momentum + learningRate * grad / sqrt(ms + epsilon);
 * var -= mom` (centered: the variance `ms - mg²` instead of `ms`).
 */
fun rmsProp(
    learningRate: Double,
    decay: Double = 0.9,
    momentum: Double = 0.0,
    epsilon: Double = 1e-10,
    centered: Boolean = false,
): RMSPropOptimizer = rmsProp(LearningRate.constant(learningRate.toFloat()), decay, momentum, epsilon, centered)

/** `tf.train.RMSPropOptimizer` with a learning-rate schedule. */
fun rmsProp(
    learningRate: LearningRate,
    decay: Double = 0.9,
    momentum: Double = 0.0,
    epsilon: Double = 1e-10,
    centered: Boolean = false,
): RMSPropOptimizer =
    RMSPropOptimizer(learningRate, decay.toFloat(), momentum.toFloat(), epsilon.toFloat(), centered)

/**
 * `tf.train.AdagradOptimizer(learning_rate, initial_accumulator_value=0.1)`:
 * `accum += grad²; var -= learningRate * grad / sqrt(accum)`. Slot `Adagrad`.
 */
fun adagrad(learningRate: Double, initialAccumulatorValue: Double = 0.1): AdagradOptimizer =
    adagrad(LearningRate.constant(learningRate.toFloat()), initialAccumulatorValue)

/** `tf.train.AdagradOptimizer` with a learning-rate schedule. */
fun adagrad(learningRate: LearningRate, initialAccumulatorValue: Double = 0.1): AdagradOptimizer =
    AdagradOptimizer(learningRate, initialAccumulatorValue.toFloat())
