/**
 * The Staticflow model compiler, an annotation processor. Phases, one package each, none reaching back:
 * {@code discovery} (find and check declarations), {@code parsing} (expression strings to syntax trees),
 * {@code lowering} and {@code ir} (typed graph with TensorFlow names), {@code passes} (type rules,
 * simplification, differentiation), {@code schedule} (fused kernels, buffer sharing), {@code codegen}
 * (JavaPoet). Diagnostics live in {@code diagnostics}.
 */
package org.staticflow.processor;
