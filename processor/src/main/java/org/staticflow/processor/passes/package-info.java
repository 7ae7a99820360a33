/**
 * Phase 4: passes over the IR. {@link org.staticflow.processor.passes.ShapeInference} holds the static
 * shape and dtype rule of every op (applied as each node is built, as TensorFlow runs shape functions at
 * op construction, so that later nodes such as {@code dense} kernels can depend on earlier shapes);
 * {@link org.staticflow.processor.passes.CommonSubexpressionElimination} computes each distinct value once;
 * {@link org.staticflow.processor.passes.DeadNodeElimination} keeps only what outputs and losses need.
 * Reverse-mode differentiation (issue 4) belongs here as a graph transform.
 */
package org.staticflow.processor.passes;
