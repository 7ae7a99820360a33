/**
 * Phase 6: writes the implementation class of a model with JavaPoet: one field per value, its storage
 * allocated once per batch size (shared between values where the
 * {@link org.staticflow.processor.schedule.Schedule} says so), a straight-line {@code forward()} of kernel
 * calls (fused ones included), the variable registry and initializers; for a model with losses also a
 * straight-line {@code backward()} (each kernel call commented with the forward node and variable its gradient
 * belongs to) and gradient buffers allocated once with the model. Generated names follow the IR's TensorFlow
 * node names, so a person can read {@code layer1_MatMul} next to {@code layer1/MatMul} in a graph dump.
 */
package org.staticflow.processor.codegen;
