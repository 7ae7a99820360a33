/**
 * TensorFlow graphs: reading, running and writing {@code GraphDef}s, meta graphs and SavedModels
 * ({@code tf-formats.md} §3).
 *
 * <ul>
 *   <li>{@link org.staticflow.runtime.graph.io}: graph files ({@code .pb}, {@code .pbtxt}, {@code .meta},
 *       {@code saved_model.pb}) and tensor files ({@code .npy}, JSON);
 *   <li>{@link org.staticflow.runtime.graph.interpreter}: loads a graph once (ops resolved, shapes
 *       inferred, constants folded) and runs it with feeds and fetches on the runtime kernels;
 *   <li>{@link org.staticflow.runtime.graph.savedmodel}: SavedModel directories and {@code .meta} plus
 *       checkpoint, with their variables and signatures;
 *   <li>{@link org.staticflow.runtime.graph.export}: building graphs as TF1 does, meta graphs with a
 *       Saver, freezing, SavedModel export, DOT drawings.
 * </ul>
 *
 * Failures are {@link org.staticflow.runtime.graph.GraphException}s naming the file, node or op.
 */
package org.staticflow.runtime.graph;
