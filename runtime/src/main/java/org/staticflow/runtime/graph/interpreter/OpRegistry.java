package org.staticflow.runtime.graph.interpreter;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.staticflow.runtime.graph.interpreter.ops.ArrayOps;
import org.staticflow.runtime.graph.interpreter.ops.ElementwiseOps;
import org.staticflow.runtime.graph.interpreter.ops.NeuralNetOps;
import org.staticflow.runtime.graph.interpreter.ops.NormalizationOps;
import org.staticflow.runtime.graph.interpreter.ops.RandomOps;
import org.staticflow.runtime.graph.interpreter.ops.ReductionOps;
import org.staticflow.runtime.graph.interpreter.ops.SourceOps;

/** The op types the interpreter can run, each with the factory of its kernel. */
public final class OpRegistry {
  private final Map<String, OpFactory> factories = new TreeMap<>();

  /** The registry with every op type Staticflow implements. */
  public static OpRegistry standard() {
    OpRegistry registry = new OpRegistry();
    SourceOps.register(registry);
    ElementwiseOps.register(registry);
    ArrayOps.register(registry);
    NeuralNetOps.register(registry);
    NormalizationOps.register(registry);
    ReductionOps.register(registry);
    RandomOps.register(registry);
    return registry;
  }

  /** Adds (or replaces) the factory of {@code opType}. */
  public OpRegistry register(String opType, OpFactory factory) {
    factories.put(opType, factory);
    return this;
  }

  public Optional<OpFactory> factory(String opType) {
    return Optional.ofNullable(factories.get(opType));
  }

  /** The supported op types, sorted. */
  public java.util.Set<String> opTypes() {
    return Collections.unmodifiableSet(factories.keySet());
  }
}
