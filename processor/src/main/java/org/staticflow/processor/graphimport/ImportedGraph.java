package org.staticflow.processor.graphimport;

import org.staticflow.processor.ir.Graph;

/**
 * A frozen graph lowered to the IR.
 *
 * @param graph the IR; its constant tensors are non-trainable variables with
 *     {@link org.staticflow.processor.ir.Initializer.Embedded} initializers
 * @param weights the values of those constants, concatenated in variable order (the weights resource)
 */
public record ImportedGraph(Graph graph, float[] weights) {}
