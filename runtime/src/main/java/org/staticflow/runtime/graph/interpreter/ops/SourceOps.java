package org.staticflow.runtime.graph.interpreter.ops;

import org.staticflow.runtime.graph.VariableNodes;
import org.staticflow.runtime.graph.interpreter.InferenceContext;
import org.staticflow.runtime.graph.interpreter.LoadContext;
import org.staticflow.runtime.graph.interpreter.NodeAttrs;
import org.staticflow.runtime.graph.interpreter.OpKernel;
import org.staticflow.runtime.graph.interpreter.OpRegistry;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Nodes that produce values without arithmetic: constants, placeholders, variables, and the pass-through
 * ops ({@code Identity}, {@code StopGradient}, {@code Snapshot}, {@code ReadVariableOp}, {@code NoOp}).
 */
public final class SourceOps {
  private SourceOps() {}

  /** Registers this family's op types. */
  public static void register(OpRegistry registry) {
    registry.register("Const", Const::new);
    registry.register("Placeholder", Placeholder::new);
    registry.register("PlaceholderWithDefault", (node, context) -> new PassThrough(node));
    for (String op : new String[] {"VariableV2", "Variable", "VarHandleOp"}) {
      registry.register(op, Variable::new);
    }
    for (String op : new String[] {"Identity", "StopGradient", "Snapshot", "ReadVariableOp", "PreventGradient"}) {
      registry.register(op, (node, context) -> new PassThrough(node));
    }
    registry.register("NoOp", (node, context) -> new NoOp());
  }

  /** {@code Const}: the decoded {@code value} attribute. */
  static final class Const implements OpKernel {
    private final Tensor value;

    Const(NodeAttrs node, LoadContext context) {
      value = node.tensor("value");
      if (node.has("dtype") && node.type("dtype") != value.dataType()) {
        throw node.error("dtype " + node.type("dtype").protoName() + " differs from the value's "
            + value.dataType().protoName());
      }
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      return new TensorSpec[] {TensorSpec.of(value)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      outputs[0] = value;
    }

    @Override
    public boolean producesViews() {
      return true;
    }
  }

  /** {@code Placeholder}: must be fed; the spec comes from {@code dtype} and {@code shape}. */
  static final class Placeholder implements OpKernel {
    private final TensorSpec spec;
    private final String name;

    Placeholder(NodeAttrs node, LoadContext context) {
      DataType type = node.type("dtype");
      TensorSpec declared = node.has("shape") ? node.shape("shape", type) : TensorSpec.unknownShape(type);
      // Graphs from producers before 22 wrote "unknown" as an empty shape (tf-formats.md §3.3).
      if (context.producer() < 22 && declared.rank() == 0) {
        declared = TensorSpec.unknownShape(type);
      }
      spec = declared;
      name = node.name();
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      return new TensorSpec[] {spec};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      throw new IllegalStateException("placeholder '" + name + "' must be fed (" + spec + ")");
    }

    @Override
    public boolean producesViews() {
      return true;
    }

    @Override
    public boolean isPure() {
      return false;
    }
  }

  /** A variable node: its value comes from the load context (restored from a checkpoint). */
  static final class Variable implements OpKernel {
    private final Tensor value;

    Variable(NodeAttrs node, LoadContext context) {
      String key = VariableNodes.checkpointKey(node.def());
      Tensor found = context.variables().get(key);
      if (found == null) {
        found = context.variables().get(node.name());
      }
      if (found == null) {
        throw node.error("no value for variable '" + key
            + "': restore it from a checkpoint, or load a frozen graph");
      }
      DataType type = node.type("dtype");
      if (found.dataType() != type) {
        throw node.error("variable is " + type.protoName() + " but its value is " + found.dataType().protoName());
      }
      if (node.has("shape")) {
        TensorSpec declared = node.shape("shape", type);
        if (!declared.accepts(TensorSpec.of(found))) {
          throw node.error("variable has shape " + declared.shapeString() + " but its value has "
              + found.shape());
        }
      }
      value = found;
    }

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      return new TensorSpec[] {TensorSpec.of(value)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      outputs[0] = value;
    }

    @Override
    public boolean producesViews() {
      return true;
    }

    @Override
    public boolean isPure() {
      return false;
    }
  }

  /** One input passed through unchanged (a view, no copy). */
  static final class PassThrough implements OpKernel {
    PassThrough(NodeAttrs node) {}

    @Override
    public TensorSpec[] infer(InferenceContext context) {
      context.requireInputs(1);
      return new TensorSpec[] {context.input(0)};
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {
      outputs[0] = inputs[0];
    }

    @Override
    public boolean producesViews() {
      return true;
    }
  }

  /** {@code NoOp}: no outputs; exists for its control dependencies. */
  static final class NoOp implements OpKernel {
    @Override
    public TensorSpec[] infer(InferenceContext context) {
      return new TensorSpec[0];
    }

    @Override
    public void compute(Tensor[] inputs, Tensor[] outputs) {}

    @Override
    public boolean producesViews() {
      return true;
    }
  }
}
