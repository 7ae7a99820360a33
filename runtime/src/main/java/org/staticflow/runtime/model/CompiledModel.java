package org.staticflow.runtime.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.tensor.Tensor;

/**
 * What every generated model class offers besides the user's own interface.
 *
 * <p>Life cycle: construct (variables are allocated and initialised with seed 0), optionally
 * {@link #initializeVariables(long)}, {@link #batchSize(int)} (allocates the per-batch buffers, again
 * only when the size changes), fill the input buffers in place, {@link #forward()}, read the outputs in
 * place. Not thread-safe: one model instance per thread.
 */
public interface CompiledModel {

  /** Re-initialises every variable from its initializer, drawing from a generator seeded with {@code seed}. */
  void initializeVariables(long seed);

  /** Reseeds the generator that {@code dropout} draws from. */
  void seed(long seed);

  /**
   * Sets the batch size (the {@code -1} dimension of the inputs). Buffers are reallocated only when it
   * changes, so input and output tensors obtained before a change are stale afterwards.
   *
   * @throws IllegalArgumentException if {@code batchSize < 0}
   */
  void batchSize(int batchSize);

  /** The current batch size. */
  int batchSize();

  /** Computes every output and loss from the current inputs and variables. */
  void forward();

  /** The variables in declaration order (the Saver's view). */
  List<VariableEntry> variables();

  /**
   * The variables' buffers by name, in declaration order: the live storage, so writing into the arrays
   * (restoring a checkpoint) changes what the next {@link #forward()} computes. A new unmodifiable map
   * on each call; the tensors are not copied.
   */
  default Map<String, Tensor> variableTensors() {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (VariableEntry entry : variables()) {
      tensors.put(entry.name(), entry.value());
    }
    return Collections.unmodifiableMap(tensors);
  }

  /**
   * The input buffer with node name {@code name} (e.g. {@code x-input}) or member name ({@code x}); a node
   * name wins when the two collide.
   *
   * @throws IllegalArgumentException if there is no such input
   */
  Tensor input(String name);

  /**
   * The buffer of output or loss member {@code name} (e.g. {@code logits}), valid after {@link #forward()}.
   *
   * @throws IllegalArgumentException if there is no such output
   */
  Tensor output(String name);
}
