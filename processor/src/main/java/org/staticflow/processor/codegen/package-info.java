/**
 * Phase 5: writes the implementation class of a model with JavaPoet: one field per buffer, allocation
 * once per batch size, a straight-line {@code forward()} of kernel calls, the variable registry and
 * initializers. Generated names follow the IR's TensorFlow node names, so a person can read
 * {@code layer1_MatMul} next to {@code layer1/MatMul} in a graph dump.
 */
package org.staticflow.processor.codegen;
