/**
 * The interpreter's kernels, one family per class, each registering its op types with
 * {@link org.staticflow.runtime.graph.interpreter.OpRegistry}. Arithmetic runs on the runtime's
 * {@link org.staticflow.runtime.kernels.Kernels}; shape rules work on partially known shapes so that
 * the same code checks a graph at load time and sizes buffers at run time.
 */
package org.staticflow.runtime.graph.interpreter.ops;
