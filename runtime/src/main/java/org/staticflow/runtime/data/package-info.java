/**
 * Data sets for training programs: MNIST from its IDX files, split like TensorFlow's
 * {@code read_data_sets}; mini-batches served into the model's own input buffers without allocation; and
 * NumPy's legacy random generator, so tutorial data drawn with {@code np.random} is reproduced exactly.
 */
package org.staticflow.runtime.data;
