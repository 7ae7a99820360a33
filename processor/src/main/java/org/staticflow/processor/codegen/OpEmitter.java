package org.staticflow.processor.codegen;

import static org.staticflow.processor.codegen.RuntimeTypes.BINARY_OP;
import static org.staticflow.processor.codegen.RuntimeTypes.BROADCAST;
import static org.staticflow.processor.codegen.RuntimeTypes.REDUCE_OP;
import static org.staticflow.processor.codegen.RuntimeTypes.REDUCE_PLAN;
import static org.staticflow.processor.codegen.RuntimeTypes.TRANSPOSE_PLAN;
import static org.staticflow.processor.codegen.RuntimeTypes.UNARY_OP;
import static org.staticflow.processor.codegen.RuntimeTypes.WINDOW_GEOMETRY;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.schedule.BufferAssignment;
import org.staticflow.processor.schedule.Fusion;
import org.staticflow.processor.schedule.Schedule;

/**
 * Emits, for one node, the statements that allocate its buffer and plans (run once per batch size) and
 * the kernel call that computes it (run by every {@code forward()}, or for gradient nodes by every
 * {@code backward()}).
 */
final class OpEmitter {
  private final FieldNames names;
  private final List<FieldSpec> fields = new ArrayList<>();
  private final Map<Node, String> masks = new HashMap<>();
  private final Set<Node> fixed;
  private final Fusion fusion;
  private final Schedule schedule;
  private final List<String> slotFields;
  private final Function<Node, String> notes;
  final CodeBlock.Builder allocate = CodeBlock.builder();
  final CodeBlock.Builder forward = CodeBlock.builder();
  final CodeBlock.Builder backward = CodeBlock.builder();
  /** Each forward node's code, as added to {@link #forward}: {@code predict()} runs a subset of it. */
  final Map<Node, CodeBlock> forwardCode = new HashMap<>();
  private CodeBlock.Builder code = forward;

  /**
   * @param schedule the fusions, the shared buffers and the gradient buffers allocated once, with the model
   *     (the buffers callers hold on to), instead of per batch size
   * @param slotFields the array field of each shared buffer slot of the schedule
   * @param notes a remark on a node for the comment above its kernel call, or null
   */
  OpEmitter(FieldNames names, Schedule schedule, List<String> slotFields, Function<Node, String> notes) {
    this.names = names;
    this.schedule = schedule;
    this.fixed = schedule.gradientBuffers().owned();
    this.fusion = schedule.fusion();
    this.slotFields = slotFields;
    this.notes = notes;
  }

  List<FieldSpec> fields() {
    return fields;
  }

  /** Emits one non-variable, non-constant node into {@code forward()}, or into {@code backward()}. */
  void emit(Node node, boolean inBackward) {
    code = CodeBlock.builder();
    emitNode(node);
    CodeBlock block = code.build();
    (inBackward ? backward : forward).add(block);
    if (!inBackward) {
      forwardCode.put(node, block);
    }
  }

  /** Declares {@code node}'s buffer and writes its kernel call (or a comment saying why there is none) into {@link #code}. */
  private void emitNode(Node node) {
    String out = names.of(node);
    TensorType t = node.type();
    Op op = node.op();
    String note = notes.apply(node);
    boolean view = BufferAssignment.isView(node);
    if (fusion.isElided(node)) {
      code.add("// $L = $L($L): $L, fused into $L's kernel: never stored\n", node.name(), op.typeName(),
          String.join(", ", node.inputs().stream().map(Node::name).toList()), t, fusion.fusedInto(node).name());
      if (note != null) {
        code.add("// $L\n", note);
      }
      return;
    }
    Integer slot = schedule.buffers().slot(node);
    if (fixed.contains(node) && !view && !(op instanceof Op.Placeholder)) {
      fields.add(FieldSpec.builder(RuntimeTypes.tensorClass(t.dtype()), out, Modifier.PRIVATE, Modifier.FINAL)
          .initializer(newBuffer(t)).build());
    } else {
      fields.add(FieldSpec.builder(RuntimeTypes.tensorClass(t.dtype()), out, Modifier.PRIVATE).build());
      CodeBlock storage = view ? CodeBlock.of("$N.data()", in(node, 0))
          : slot != null ? CodeBlock.of("$N", slotFields.get(slot)) : null;
      allocate.addStatement("$N = $L", out, storage == null ? newBuffer(t) : wrap(t, storage));
    }
    Node computedWith = fusion.computedWith(node);
    if (computedWith != null) {
      code.add("// $L = $L($L): $L, computed with it above$L\n", node.name(), op.typeName(), computedWith.name(), t,
          note == null ? "" : "; " + note);
      return;
    }
    if (view) {
      // A view: same storage, new shape; nothing to compute.
      code.add("// $L = $L($L): a view, nothing to compute$L\n", node.name(), op.typeName(), node.input(0).name(),
          note == null ? "" : "; " + note);
      return;
    }
    if (op instanceof Op.Placeholder) {
      return;
    }
    code.add("// $L = $L($L): $L\n", node.name(), op.typeName(),
        String.join(", ", node.inputs().stream().map(Node::name).toList()), t);
    if (note != null) {
      code.add("// $L\n", note);
    }
    String n = Dims.product(t.dims());
    Node bias = fusion.biasOf().get(node);
    if (bias != null) {
      int row = Fusion.biasRow(bias);
      code.add("// with $L = $L($L) fused in: one pass\n", bias.name(), bias.op().typeName(),
          String.join(", ", bias.inputs().stream().map(Node::name).toList()));
      code.addStatement("kernels.biasActivation($T.$L, $L, $L, $L, $L, $L)", UNARY_OP, ((Op.Unary) op).kind().name(),
          data(bias, 1 - row), data(bias, row), data(out), Dims.product(t.dims(), 0, t.rank() - 1),
          Dims.dim(t.dim(t.rank() - 1)));
    } else if (fusion.productOf().containsKey(node)) {
      Node product = fusion.productOf().get(node);
      int scale = Fusion.scaleOperand(product, node);
      code.add("// with $L = $L($L) fused in: one pass\n", product.name(), product.op().typeName(),
          String.join(", ", product.inputs().stream().map(Node::name).toList()));
      code.addStatement("kernels.scaledAdd($L, $L, $L, $L, $L)", data(product, 1 - scale), data(product, scale),
          data(node, node.input(0) == product ? 1 : 0), data(out), n);
    } else if (op instanceof Op.Unary u) {
      code.addStatement("kernels.unary($T.$L, $L, $L, $L)", UNARY_OP, u.kind().name(), data(node, 0), data(out), n);
    } else if (op instanceof Op.Binary b) {
      String plan = plan(node, BROADCAST, CodeBlock.of("$T.of($L, $L)", BROADCAST, dims(node, 0), dims(node, 1)));
      code.addStatement("kernels.binary($T.$L, $L, $L, $L, $N)", BINARY_OP, b.kind().name(), data(node, 0),
          data(node, 1), data(out), plan);
    } else if (op instanceof Op.BiasAdd) {
      String plan = plan(node, BROADCAST, CodeBlock.of("$T.of($L, $L)", BROADCAST, dims(node, 0), dims(node, 1)));
      code.addStatement("kernels.binary($T.ADD, $L, $L, $L, $N)", BINARY_OP, data(node, 0), data(node, 1), data(out), plan);
    } else if (op instanceof Op.Equal) {
      String plan = plan(node, BROADCAST, CodeBlock.of("$T.of($L, $L)", BROADCAST, dims(node, 0), dims(node, 1)));
      code.addStatement("kernels.equal($L, $L, $L, $N)", data(node, 0), data(node, 1), data(out), plan);
    } else if (op instanceof Op.MatMul m) {
      TensorType a = node.input(0).type();
      int k = m.transposeA() ? a.dim(0) : a.dim(1);
      code.addStatement("kernels.matmul($L, $L, $L, $L, $L, $L, $L, $L)", data(node, 0), data(node, 1), data(out),
          Dims.dim(t.dim(0)), Dims.dim(k), Dims.dim(t.dim(1)), m.transposeA(), m.transposeB());
    } else if (op instanceof Op.Softmax s) {
      code.addStatement("kernels.$L($L, $L, $L, $L)", s.log() ? "logSoftmax" : "softmax", data(node, 0), data(out),
          Dims.product(t.dims(), 0, t.rank() - 1), Dims.dim(t.dim(t.rank() - 1)));
    } else if (op instanceof Op.Transpose tr) {
      String plan = plan(node, TRANSPOSE_PLAN,
          CodeBlock.of("$T.of($L, new int[] {$L})", TRANSPOSE_PLAN, dims(node, 0), join(tr.perm())));
      code.addStatement("kernels.transpose($L, $L, $N)", data(node, 0), data(out), plan);
    } else if (op instanceof Op.Concat c) {
      concat(node, c, out);
    } else if (op instanceof Op.Reduce r) {
      String plan = plan(node, REDUCE_PLAN, CodeBlock.of("$T.of($L$L)", REDUCE_PLAN, dims(node, 0),
          r.axes().length == 0 ? "" : ", " + join(r.axes())));
      code.addStatement("kernels.reduce($T.$L, $L, $L, $N)", REDUCE_OP, r.kind().name(), data(node, 0), data(out), plan);
    } else if (op instanceof Op.ArgMax a) {
      int[] in = node.input(0).type().dims();
      code.addStatement("kernels.argmax($L, $L, $L, $L, $L)", data(node, 0), data(out), Dims.product(in, 0, a.axis()),
          Dims.dim(in[a.axis()]), Dims.product(in, a.axis() + 1, in.length));
    } else if (op instanceof Op.Cast) {
      code.addStatement("kernels.cast($L, $L, $L)", data(node, 0), data(out), n);
    } else if (op instanceof Op.OneHot o) {
      code.addStatement("kernels.oneHot($L, $L, $L, $L, $Lf, $Lf)", data(node, 0), data(out),
          Dims.product(node.input(0).type().dims()), o.depth(), (float) o.on(), (float) o.off());
    } else if (op instanceof Op.Conv2D c) {
      TensorType x = node.input(0).type();
      TensorType f = node.input(1).type();
      String g = plan(node, WINDOW_GEOMETRY, CodeBlock.of("$T.of($L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", WINDOW_GEOMETRY,
          Dims.dim(x.dim(0)), x.dim(1), x.dim(2), x.dim(3), f.dim(0), f.dim(1), f.dim(3), c.strides()[1], c.strides()[2],
          c.same()));
      code.addStatement("kernels.conv2d($L, $L, $L, $N)", data(node, 0), data(node, 1), data(out), g);
    } else if (op instanceof Op.Pool p) {
      TensorType x = node.input(0).type();
      String g = plan(node, WINDOW_GEOMETRY, CodeBlock.of("$T.of($L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", WINDOW_GEOMETRY,
          Dims.dim(x.dim(0)), x.dim(1), x.dim(2), x.dim(3), p.ksize()[1], p.ksize()[2], x.dim(3), p.strides()[1],
          p.strides()[2], p.same()));
      code.addStatement("kernels.$L($L, $L, $N)", p.max() ? "maxPool" : "avgPool", data(node, 0), data(out), g);
    } else if (op instanceof Op.Dropout) {
      String mask = names.unique(out + "_mask");
      masks.put(node, mask);
      fields.add(FieldSpec.builder(ArrayTypeName.of(TypeName.BOOLEAN), mask, Modifier.PRIVATE).build());
      allocate.addStatement("$N = new boolean[$L]", mask, n);
      code.addStatement("kernels.dropout($L, $L[0], rng, $N, $L, $L)", data(node, 0), data(node, 1), mask, data(out), n);
    } else if (op instanceof Op.L2Loss) {
      code.addStatement("kernels.l2Loss($L, $L, $L)", data(node, 0), data(out), Dims.product(node.input(0).type().dims()));
    } else if (op instanceof Op.SoftmaxCrossEntropy || op instanceof Op.SparseSoftmaxCrossEntropy) {
      int[] logits = node.input(1).type().dims();
      code.addStatement("kernels.$L($L, $L, $L, $L, $L)",
          op instanceof Op.SoftmaxCrossEntropy ? "softmaxCrossEntropy" : "sparseSoftmaxCrossEntropy", data(node, 0),
          data(node, 1), data(out), Dims.product(logits, 0, logits.length - 1), Dims.dim(logits[logits.length - 1]));
    } else if (op instanceof Op.SigmoidCrossEntropy) {
      code.addStatement("kernels.sigmoidCrossEntropy($L, $L, $L, $L)", data(node, 0), data(node, 1), data(out), n);
    } else if (!gradient(node, op, out, n)) {
      throw new IllegalStateException("no code for " + op);
    }
  }

  /** The kernel call of a gradient op; false if {@code op} is not one. */
  private boolean gradient(Node node, Op op, String out, String n) {
    TensorType t = node.type();
    if (op instanceof Op.UnaryGrad u) {
      // The sum before a fused activation is never stored: the gradient reads the activation's output instead.
      String x = fusion.isFusedBias(node.input(0)) ? data(node, 1) : data(node, 0);
      Node sums = fusion.columnSumsOf().get(node);
      if (sums != null) {
        code.add("// and $L = $L($L) in the same pass\n", sums.name(), sums.op().typeName(), node.name());
        code.addStatement("kernels.unaryGradColumnSums($T.$L, $L, $L, $L, $L, $L, $L, $L)", UNARY_OP, u.kind().name(), x,
            data(node, 1), data(node, 2), data(out), data(names.of(sums)), Dims.product(t.dims(), 0, t.rank() - 1),
            Dims.dim(t.dim(t.rank() - 1)));
      } else {
        code.addStatement("kernels.unaryGrad($T.$L, $L, $L, $L, $L, $L)", UNARY_OP, u.kind().name(), x, data(node, 1),
            data(node, 2), data(out), n);
      }
    } else if (op instanceof Op.ExtremumGrad e) {
      String plan = plan(node, BROADCAST, CodeBlock.of("$T.of($L, $L)", BROADCAST, dims(node, 0), dims(node, 1)));
      code.addStatement("kernels.extremumGrad($T.$L, $L, $L, $L, $L, $L, $N)", BINARY_OP, e.kind().name(), e.operand(),
          data(node, 0), data(node, 1), data(node, 2), data(out), plan);
    } else if (op instanceof Op.ReduceGrad r) {
      String plan = plan(node, REDUCE_PLAN, CodeBlock.of("$T.of($L, $L)", REDUCE_PLAN, Dims.intArray(t.dims()),
          join(r.axes())));
      if (r.kind() == org.staticflow.processor.ir.ReduceKind.MAX) {
        String counts = names.unique(out + "_counts");
        fields.add(FieldSpec.builder(ArrayTypeName.of(TypeName.FLOAT), counts, Modifier.PRIVATE).build());
        allocate.addStatement("$N = new float[$L]", counts, Dims.product(node.input(1).type().dims()));
        code.addStatement("kernels.reduceMaxGrad($L, $L, $L, $L, $N, $N)", data(node, 0), data(node, 1), data(node, 2),
            data(out), counts, plan);
      } else {
        code.addStatement("kernels.reduceGrad($T.$L, $L, $L, $N)", REDUCE_OP, r.kind().name(), data(node, 0), data(out),
            plan);
      }
    } else if (op instanceof Op.SoftmaxGrad s) {
      code.addStatement("kernels.$L($L, $L, $L, $L, $L)", s.log() ? "logSoftmaxGrad" : "softmaxGrad", data(node, 0),
          data(node, 1), data(out), Dims.product(t.dims(), 0, t.rank() - 1), Dims.dim(t.dim(t.rank() - 1)));
    } else if (op instanceof Op.Conv2DBackpropInput c) {
      String g = geometry(node, t, node.input(0).type(), c.strides(), c.same());
      code.addStatement("kernels.conv2dBackpropInput($L, $L, $L, $N)", data(node, 1), data(node, 0), data(out), g);
    } else if (op instanceof Op.Conv2DBackpropFilter c) {
      String g = geometry(node, node.input(0).type(), t, c.strides(), c.same());
      code.addStatement("kernels.conv2dBackpropFilter($L, $L, $L, $N)", data(node, 0), data(node, 1), data(out), g);
    } else if (op instanceof Op.PoolGrad p) {
      String g = plan(node, WINDOW_GEOMETRY, CodeBlock.of("$T.of($L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", WINDOW_GEOMETRY,
          Dims.dim(t.dim(0)), t.dim(1), t.dim(2), t.dim(3), p.ksize()[1], p.ksize()[2], t.dim(3), p.strides()[1],
          p.strides()[2], p.same()));
      if (p.max()) {
        code.addStatement("kernels.maxPoolGrad($L, $L, $L, $L, $N)", data(node, 0), data(node, 1), data(node, 2),
            data(out), g);
      } else {
        code.addStatement("kernels.avgPoolGrad($L, $L, $N)", data(node, 0), data(out), g);
      }
    } else if (op instanceof Op.DropoutGrad) {
      code.addStatement("kernels.dropoutGrad($L, $L[0], $N, $L, $L)", data(node, 2), data(node, 1),
          masks.get(node.input(0)), data(out), n);
    } else if (op instanceof Op.Slice s) {
      int[] in = node.input(0).type().dims();
      int[] d = t.dims();
      String inner = Dims.product(in, s.axis() + 1, in.length);
      code.addStatement("kernels.slice($L, $L, $L, $L, $L, $L)", data(node, 0), data(out), Dims.product(d, 0, s.axis()),
          Dims.product(in, s.axis(), in.length), s.begin() == 0 ? "0" : s.begin() + " * " + inner,
          Dims.product(d, s.axis(), d.length));
    } else if (op instanceof Op.CrossEntropyGrad c) {
      int[] logits = node.input(1).type().dims();
      if (c.kind() == Op.CrossEntropyGrad.Kind.SIGMOID) {
        code.addStatement("kernels.sigmoidCrossEntropyGrad($L, $L, $L, $L, $L)", data(node, 0), data(node, 1),
            data(node, 2), data(out), n);
      } else {
        code.addStatement("kernels.$L($L, $L, $L, $L, $L, $L)",
            c.kind() == Op.CrossEntropyGrad.Kind.SOFTMAX ? "softmaxCrossEntropyGrad" : "sparseSoftmaxCrossEntropyGrad",
            data(node, 0), data(node, 1), data(node, 2), data(out), Dims.product(logits, 0, logits.length - 1),
            Dims.dim(logits[logits.length - 1]));
      }
    } else {
      return false;
    }
    return true;
  }

  /** The window geometry of a convolution gradient, for input type {@code x} and filter type {@code f}. */
  private String geometry(Node node, TensorType x, TensorType f, int[] strides, boolean same) {
    return plan(node, WINDOW_GEOMETRY, CodeBlock.of("$T.of($L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", WINDOW_GEOMETRY,
        Dims.dim(x.dim(0)), x.dim(1), x.dim(2), x.dim(3), f.dim(0), f.dim(1), f.dim(3), strides[1], strides[2], same));
  }

  private void concat(Node node, Op.Concat c, String out) {
    String inputs = names.unique(out + "_inputs");
    String chunks = names.unique(out + "_chunks");
    fields.add(FieldSpec.builder(ArrayTypeName.of(ArrayTypeName.of(TypeName.FLOAT)), inputs, Modifier.PRIVATE).build());
    fields.add(FieldSpec.builder(ArrayTypeName.of(TypeName.INT), chunks, Modifier.PRIVATE).build());
    List<String> arrays = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    for (Node input : node.inputs()) {
      arrays.add(names.of(input) + ".data()");
      int[] d = input.type().dims();
      sizes.add(Dims.product(d, c.axis(), d.length));
    }
    // The arrays are captured once per batch size: every input is (re)allocated before this node.
    allocate.addStatement("$N = new float[][] {$L}", inputs, String.join(", ", arrays));
    allocate.addStatement("$N = new int[] {$L}", chunks, String.join(", ", sizes));
    int[] d = node.type().dims();
    code.addStatement("kernels.concat($N, $N, $L, $L)", inputs, chunks, data(out), Dims.product(d, 0, c.axis()));
  }

  private String plan(Node node, com.palantir.javapoet.ClassName type, CodeBlock init) {
    String name = names.unique(names.of(node) + "_plan");
    fields.add(FieldSpec.builder(type, name, Modifier.PRIVATE).build());
    allocate.addStatement("$N = $L", name, init);
    return name;
  }

  private String in(Node node, int index) {
    return names.of(node.input(index));
  }

  private String data(Node node, int index) {
    return in(node, index) + ".data()";
  }

  private static String data(String field) {
    return field + ".data()";
  }

  private static CodeBlock dims(Node node, int index) {
    return Dims.intArray(node.input(index).type().dims());
  }

  private static String join(int[] values) {
    return String.join(", ", Arrays.stream(values).mapToObj(Integer::toString).toList());
  }

  /** {@code new FloatTensor(DataType.FLOAT, Shape.of(b, 500), new float[b * 500])}. */
  static CodeBlock newBuffer(TensorType t) {
    return wrap(t, CodeBlock.of("new $L[$L]", t.dtype().javaElement(), Dims.product(t.dims())));
  }

  /** A tensor of type {@code t} over the array {@code data}. */
  static CodeBlock wrap(TensorType t, CodeBlock data) {
    CodeBlock shape = CodeBlock.of("$T.of($L)", RuntimeTypes.SHAPE, Dims.list(t.dims()));
    if (t.dtype() == DType.BOOL) {
      return CodeBlock.of("new $T($L, $L)", RuntimeTypes.BOOLEAN_TENSOR, shape, data);
    }
    return CodeBlock.of("new $T($T.$L, $L, $L)", RuntimeTypes.tensorClass(t.dtype()), RuntimeTypes.DATA_TYPE,
        t.dtype().runtimeConstant(), shape, data);
  }
}
