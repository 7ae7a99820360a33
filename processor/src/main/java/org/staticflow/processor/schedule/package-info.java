/**
 * Phase 5: scheduling, between the IR passes and code generation. Decides how the graph runs as kernels
 * without changing it: where gradients live ({@link org.staticflow.processor.schedule.GradientBuffers}),
 * which element-wise tails of a layer run as one fused kernel ({@link org.staticflow.processor.schedule.Fusion})
 * and which intermediate values share storage by liveness
 * ({@link org.staticflow.processor.schedule.BufferAssignment}); {@link org.staticflow.processor.schedule.Schedule}
 * bundles the three for {@code codegen}.
 */
package org.staticflow.processor.schedule;
