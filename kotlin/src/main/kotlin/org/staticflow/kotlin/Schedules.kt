@file:JvmName("Schedules")

package org.staticflow.kotlin

import org.staticflow.runtime.train.LearningRate
import org.staticflow.runtime.train.LearningRates

// TensorFlow 1.x's learning-rate schedules (tf.train.exponential_decay and friends) as functions of
// global_step, to pass as an optimizer's learningRate: adam(learningRate = exponentialDecay(...)).

/**
 * `tf.train.exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False)`:
 * `learningRate * decayRate ^ (global_step / decaySteps)`, the exponent floored when [staircase]; float32.
 *
 * @throws IllegalArgumentException if [decaySteps] is not positive
 */
fun exponentialDecay(
    learningRate: Double,
    decaySteps: Long,
    decayRate: Double,
    staircase: Boolean = false,
): LearningRate = LearningRates.exponentialDecay(learningRate.toFloat(), decaySteps, decayRate.toFloat(), staircase)

/**
 * `tf.train.polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0,
 * cycle=False)`: `(learningRate - endLearningRate) * (1 - min(step, decaySteps) / decaySteps) ^ power +
 * endLearningRate`; with [cycle], `decaySteps` grows by multiples instead of capping the step.
 *
 * @throws IllegalArgumentException if [decaySteps] is not positive
 */
fun polynomialDecay(
    learningRate: Double,
    decaySteps: Long,
    endLearningRate: Double = 0.0001,
    power: Double = 1.0,
    cycle: Boolean = false,
): LearningRate = LearningRates.polynomialDecay(
    learningRate.toFloat(), decaySteps, endLearningRate.toFloat(), power.toFloat(), cycle)

/**
 * `tf.train.piecewise_constant(global_step, boundaries, values)`: `values[0]` while `step <= boundaries[0]`,
 * `values[i]` while `boundaries[i-1] < step <= boundaries[i]`, the last value after the last boundary.
 *
 * @throws IllegalArgumentException unless there is one more value than boundaries and the boundaries increase
 */
fun piecewiseConstant(boundaries: List<Long>, values: List<Double>): LearningRate =
    LearningRates.piecewiseConstant(boundaries.toLongArray(), FloatArray(values.size) { values[it].toFloat() })

/** A learning rate that does not change (what a plain number passed as `learningRate` means). */
fun constantRate(learningRate: Double): LearningRate = LearningRate.constant(learningRate.toFloat())
