/**
 * Phase 4: passes over the IR. {@link org.staticflow.processor.passes.ShapeInference} holds the static
 * shape and dtype rule of every op (applied as each node is built, as TensorFlow runs shape functions at
 * op construction, so that later nodes such as {@code dense} kernels can depend on earlier shapes);
 * {@link org.staticflow.processor.passes.CommonSubexpressionElimination} computes each distinct value once;
 * {@link org.staticflow.processor.passes.DeadNodeElimination} keeps only what outputs and losses need.
 * Reverse-mode differentiation is the graph transform of the subpackage
 * {@link org.staticflow.processor.passes.autodiff}: it adds the total loss and the backward pass, after which
 * the two passes above run again over the whole graph.
 */
package org.staticflow.processor.passes;
