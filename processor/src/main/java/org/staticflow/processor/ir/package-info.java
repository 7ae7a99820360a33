/**
 * Phase 3's data: the graph of typed operations ({@link org.staticflow.processor.ir.Graph}, {@link
 * org.staticflow.processor.ir.Node}, {@link org.staticflow.processor.ir.Op}) with static shapes whose
 * batch dimension is symbolic ({@link org.staticflow.processor.ir.TensorType}), TensorFlow-style node
 * names, and the variables with their scoped names. Nodes are kept in creation order, which is a
 * topological order; graph transforms (reverse-mode differentiation) append nodes the same way.
 */
package org.staticflow.processor.ir;
