/**
 * The front end for frozen TensorFlow graphs ({@code @Model(graph = ...)}): finds the {@code GraphDef} at
 * build time, checks that every op the requested outputs need is supported, and lowers those nodes into the
 * same IR the expression language produces, so that the passes and the code writer treat both alike.
 * Constant tensors become non-trainable variables whose values travel in a resource next to the generated
 * class; nothing parses the graph at run time.
 */
package org.staticflow.processor.graphimport;
