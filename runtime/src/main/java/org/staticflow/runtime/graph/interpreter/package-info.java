/**
 * The graph interpreter. {@link org.staticflow.runtime.graph.interpreter.LoadedGraph#load} resolves every
 * node's op to an {@link org.staticflow.runtime.graph.interpreter.OpKernel} (unsupported ops are all
 * reported at once), orders the nodes, infers dtypes and (partial) shapes and folds constant subgraphs;
 * a {@link org.staticflow.runtime.graph.interpreter.GraphSession} then runs the nodes the fetches need,
 * reusing each node's output buffers from run to run. Kernels live in
 * {@link org.staticflow.runtime.graph.interpreter.ops}; custom ones can be added to an
 * {@link org.staticflow.runtime.graph.interpreter.OpRegistry}.
 */
package org.staticflow.runtime.graph.interpreter;
