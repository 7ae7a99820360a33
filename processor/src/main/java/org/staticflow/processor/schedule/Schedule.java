package org.staticflow.processor.schedule;

import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;

/**
 * How the IR of a model runs as kernels: which gradient buffers live with the model ({@link GradientBuffers}),
 * which element-wise tails run fused ({@link Fusion}) and which intermediate values share storage
 * ({@link BufferAssignment}). Code generation follows it; the IR itself (and so graph export) is unchanged.
 *
 * @param visible the values a caller can observe: inputs, outputs, losses, gradients, the total loss
 */
public record Schedule(GradientBuffers gradientBuffers, Fusion fusion, BufferAssignment buffers, Set<Node> visible) {

  /** Plans the kernels of {@code graph}. */
  public static Schedule of(Graph graph) {
    GradientBuffers gradientBuffers = GradientBuffers.plan(graph);
    Set<Node> visible = new HashSet<>();
    visible.addAll(graph.inputs().values());
    visible.addAll(graph.outputs().values());
    graph.gradients().values().stream().filter(Objects::nonNull).forEach(visible::add);
    visible.addAll(gradientBuffers.owned());
    if (graph.totalLoss() != null) {
      visible.add(graph.totalLoss());
    }
    Fusion fusion = Fusion.plan(graph, visible);
    BufferAssignment buffers = BufferAssignment.plan(graph, fusion, visible);
    return new Schedule(gradientBuffers, fusion, buffers, Collections.unmodifiableSet(visible));
  }
}
