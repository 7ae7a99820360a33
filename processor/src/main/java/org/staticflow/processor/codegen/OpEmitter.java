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
import java.util.List;
import javax.lang.model.element.Modifier;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;

/**
 * Emits, for one node, the statements that allocate its buffer and plans (run once per batch size) and
 * the kernel call that computes it (run by every {@code forward()}).
 */
final class OpEmitter {
  private final FieldNames names;
  private final List<FieldSpec> fields = new ArrayList<>();
  final CodeBlock.Builder allocate = CodeBlock.builder();
  final CodeBlock.Builder forward = CodeBlock.builder();

  OpEmitter(FieldNames names) {
    this.names = names;
  }

  List<FieldSpec> fields() {
    return fields;
  }

  /** Emits one non-variable, non-constant node. */
  void emit(Node node) {
    String out = names.of(node);
    TensorType t = node.type();
    fields.add(FieldSpec.builder(RuntimeTypes.tensorClass(t.dtype()), out, Modifier.PRIVATE).build());
    Op op = node.op();
    if (op instanceof Op.Reshape || op instanceof Op.StopGradient || op instanceof Op.Identity) {
      // A view: same storage, new shape; nothing to compute.
      forward.add("// $L = $L($L): a view, nothing to compute\n", node.name(), op.typeName(), node.input(0).name());
      allocate.addStatement("$N = $L", out, wrap(t, CodeBlock.of("$N.data()", in(node, 0))));
      return;
    }
    allocate.addStatement("$N = $L", out, newBuffer(t));
    if (op instanceof Op.Placeholder) {
      return;
    }
    forward.add("// $L = $L($L): $L\n", node.name(), op.typeName(),
        String.join(", ", node.inputs().stream().map(Node::name).toList()), t);
    String n = Dims.product(t.dims());
    if (op instanceof Op.Unary u) {
      forward.addStatement("kernels.unary($T.$L, $L, $L, $L)", UNARY_OP, u.kind().name(), data(node, 0), data(out), n);
    } else if (op instanceof Op.Binary b) {
      String plan = plan(node, BROADCAST, CodeBlock.of("$T.of($L, $L)", BROADCAST, dims(node, 0), dims(node, 1)));
      forward.addStatement("kernels.binary($T.$L, $L, $L, $L, $N)", BINARY_OP, b.kind().name(), data(node, 0),
          data(node, 1), data(out), plan);
    } else if (op instanceof Op.BiasAdd) {
      String plan = plan(node, BROADCAST, CodeBlock.of("$T.of($L, $L)", BROADCAST, dims(node, 0), dims(node, 1)));
      forward.addStatement("kernels.binary($T.ADD, $L, $L, $L, $N)", BINARY_OP, data(node, 0), data(node, 1), data(out), plan);
    } else if (op instanceof Op.Equal) {
      String plan = plan(node, BROADCAST, CodeBlock.of("$T.of($L, $L)", BROADCAST, dims(node, 0), dims(node, 1)));
      forward.addStatement("kernels.equal($L, $L, $L, $N)", data(node, 0), data(node, 1), data(out), plan);
    } else if (op instanceof Op.MatMul m) {
      TensorType a = node.input(0).type();
      int k = m.transposeA() ? a.dim(0) : a.dim(1);
      forward.addStatement("kernels.matmul($L, $L, $L, $L, $L, $L, $L, $L)", data(node, 0), data(node, 1), data(out),
          Dims.dim(t.dim(0)), Dims.dim(k), Dims.dim(t.dim(1)), m.transposeA(), m.transposeB());
    } else if (op instanceof Op.Softmax s) {
      forward.addStatement("kernels.$L($L, $L, $L, $L)", s.log() ? "logSoftmax" : "softmax", data(node, 0), data(out),
          Dims.product(t.dims(), 0, t.rank() - 1), Dims.dim(t.dim(t.rank() - 1)));
    } else if (op instanceof Op.Transpose tr) {
      String plan = plan(node, TRANSPOSE_PLAN,
          CodeBlock.of("$T.of($L, new int[] {$L})", TRANSPOSE_PLAN, dims(node, 0), join(tr.perm())));
      forward.addStatement("kernels.transpose($L, $L, $N)", data(node, 0), data(out), plan);
    } else if (op instanceof Op.Concat c) {
      concat(node, c, out);
    } else if (op instanceof Op.Reduce r) {
      String plan = plan(node, REDUCE_PLAN, CodeBlock.of("$T.of($L$L)", REDUCE_PLAN, dims(node, 0),
          r.axes().length == 0 ? "" : ", " + join(r.axes())));
      forward.addStatement("kernels.reduce($T.$L, $L, $L, $N)", REDUCE_OP, r.kind().name(), data(node, 0), data(out), plan);
    } else if (op instanceof Op.ArgMax a) {
      int[] in = node.input(0).type().dims();
      forward.addStatement("kernels.argmax($L, $L, $L, $L, $L)", data(node, 0), data(out), Dims.product(in, 0, a.axis()),
          Dims.dim(in[a.axis()]), Dims.product(in, a.axis() + 1, in.length));
    } else if (op instanceof Op.Cast) {
      forward.addStatement("kernels.cast($L, $L, $L)", data(node, 0), data(out), n);
    } else if (op instanceof Op.OneHot o) {
      forward.addStatement("kernels.oneHot($L, $L, $L, $L, $Lf, $Lf)", data(node, 0), data(out),
          Dims.product(node.input(0).type().dims()), o.depth(), (float) o.on(), (float) o.off());
    } else if (op instanceof Op.Conv2D c) {
      TensorType x = node.input(0).type();
      TensorType f = node.input(1).type();
      String g = plan(node, WINDOW_GEOMETRY, CodeBlock.of("$T.of($L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", WINDOW_GEOMETRY,
          Dims.dim(x.dim(0)), x.dim(1), x.dim(2), x.dim(3), f.dim(0), f.dim(1), f.dim(3), c.strides()[1], c.strides()[2],
          c.same()));
      forward.addStatement("kernels.conv2d($L, $L, $L, $N)", data(node, 0), data(node, 1), data(out), g);
    } else if (op instanceof Op.Pool p) {
      TensorType x = node.input(0).type();
      String g = plan(node, WINDOW_GEOMETRY, CodeBlock.of("$T.of($L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", WINDOW_GEOMETRY,
          Dims.dim(x.dim(0)), x.dim(1), x.dim(2), x.dim(3), p.ksize()[1], p.ksize()[2], x.dim(3), p.strides()[1],
          p.strides()[2], p.same()));
      forward.addStatement("kernels.$L($L, $L, $N)", p.max() ? "maxPool" : "avgPool", data(node, 0), data(out), g);
    } else if (op instanceof Op.Dropout) {
      String mask = names.unique(out + "_mask");
      fields.add(FieldSpec.builder(ArrayTypeName.of(TypeName.BOOLEAN), mask, Modifier.PRIVATE).build());
      allocate.addStatement("$N = new boolean[$L]", mask, n);
      forward.addStatement("kernels.dropout($L, $L[0], rng, $N, $L, $L)", data(node, 0), data(node, 1), mask, data(out), n);
    } else if (op instanceof Op.L2Loss) {
      forward.addStatement("kernels.l2Loss($L, $L, $L)", data(node, 0), data(out), Dims.product(node.input(0).type().dims()));
    } else if (op instanceof Op.SoftmaxCrossEntropy || op instanceof Op.SparseSoftmaxCrossEntropy) {
      int[] logits = node.input(1).type().dims();
      forward.addStatement("kernels.$L($L, $L, $L, $L, $L)",
          op instanceof Op.SoftmaxCrossEntropy ? "softmaxCrossEntropy" : "sparseSoftmaxCrossEntropy", data(node, 0),
          data(node, 1), data(out), Dims.product(logits, 0, logits.length - 1), Dims.dim(logits[logits.length - 1]));
    } else if (op instanceof Op.SigmoidCrossEntropy) {
      forward.addStatement("kernels.sigmoidCrossEntropy($L, $L, $L, $L)", data(node, 0), data(node, 1), data(out), n);
    } else {
      throw new IllegalStateException("no code for " + op);
    }
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
    forward.addStatement("kernels.concat($N, $N, $L, $L)", inputs, chunks, data(out), Dims.product(d, 0, c.axis()));
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
