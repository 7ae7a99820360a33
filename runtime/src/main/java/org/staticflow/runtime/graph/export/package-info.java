/**
 * Writing graphs TensorFlow accepts: {@link org.staticflow.runtime.graph.export.GraphDefBuilder} (a model
 * described as TF1 builds it, one call per node), {@link org.staticflow.runtime.graph.export.MetaGraphExport}
 * ({@code .meta} with the Saver's nodes; written by {@link org.staticflow.runtime.checkpoint.Saver}),
 * {@link org.staticflow.runtime.graph.export.GraphFreezer}, {@link org.staticflow.runtime.graph.export.SavedModelExport}
 * and {@link org.staticflow.runtime.graph.export.GraphDot}.
 */
package org.staticflow.runtime.graph.export;
