/**
 * Training state with TensorFlow 1.x semantics: optimizers ({@link org.staticflow.runtime.train.Optimizer}
 * and its TF1 update rules and slot names), learning-rate schedules, {@code global_step} and
 * {@link org.staticflow.runtime.train.ExponentialMovingAverage}. Everything here works on the models' own
 * float buffers in place and allocates nothing per step; the state it creates is named as TensorFlow names
 * it, so a {@code Saver} writes and reads what {@code tf.train.Saver} does.
 */
package org.staticflow.runtime.train;
