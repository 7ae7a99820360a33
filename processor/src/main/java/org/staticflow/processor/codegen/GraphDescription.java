package org.staticflow.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;

/**
 * Writes {@code describe(GraphDefBuilder graph)}: the forward graph (what the outputs and losses need, no
 * gradients) as one builder call per IR node, under the node's name, so that the exported TensorFlow graph
 * has the same names as the compiled code ({@code layer1/MatMul}). Variables are described with their
 * live buffers as initial values.
 */
final class GraphDescription {
  private static final ClassName BUILDER = ClassName.get("org.staticflow.runtime.graph.export", "GraphDefBuilder");

  private final Graph graph;
  private final FieldNames names;

  private GraphDescription(Graph graph, FieldNames names) {
    this.graph = graph;
    this.names = names;
  }

  /** The {@code describe} method of the generated class. */
  static MethodSpec method(Graph graph, FieldNames names) {
    return new GraphDescription(graph, names).method();
  }

  private MethodSpec method() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("describe")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.VOID)
        .addParameter(BUILDER, "graph");
    Set<Node> forward = forwardNodes();
    for (Node node : graph.nodes()) {
      if (forward.contains(node)) {
        method.addStatement(call(node));
      }
    }
    return method.build();
  }

  /** The nodes the outputs and the total loss read, transitively. */
  private Set<Node> forwardNodes() {
    List<Node> roots = new ArrayList<>(graph.outputs().values());
    if (graph.totalLoss() != null) {
      roots.add(graph.totalLoss());
    }
    roots.addAll(graph.inputs().values());
    return Graph.ancestors(roots);
  }

  private CodeBlock call(Node node) {
    Op op = node.op();
    String name = node.name();
    List<Node> in = node.inputs();
    if (op instanceof Op.Placeholder) {
      return CodeBlock.of("graph.placeholder($S, $T.$L$L)", name, RuntimeTypes.DATA_TYPE, node.type().dtype().runtimeConstant(),
          dims(node.type().dims()));
    }
    if (op instanceof Op.Variable v) {
      return CodeBlock.of("graph.variable($S, $N, $L)", name, names.of(node), v.variable().trainable());
    }
    if (op instanceof Op.Const) {
      return CodeBlock.of("graph.constant($S, $N)", name, names.of(node));
    }
    if (op instanceof Op.Unary u) {
      return CodeBlock.of("graph.unary($S, $S, $S)", u.kind().tfName(), name, ref(in.get(0)));
    }
    if (op instanceof Op.Binary b) {
      return CodeBlock.of("graph.binary($S, $S, $S, $S)", b.kind().tfName(), name, ref(in.get(0)), ref(in.get(1)));
    }
    if (op instanceof Op.BiasAdd) {
      return CodeBlock.of("graph.biasAdd($S, $S, $S)", name, ref(in.get(0)), ref(in.get(1)));
    }
    if (op instanceof Op.Equal) {
      return CodeBlock.of("graph.equal($S, $S, $S)", name, ref(in.get(0)), ref(in.get(1)));
    }
    if (op instanceof Op.MatMul m) {
      return CodeBlock.of("graph.matmul($S, $S, $S, $L, $L)", name, ref(in.get(0)), ref(in.get(1)), m.transposeA(), m.transposeB());
    }
    if (op instanceof Op.Softmax s) {
      return CodeBlock.of("graph.unary($S, $S, $S)", s.log() ? "LogSoftmax" : "Softmax", name, ref(in.get(0)));
    }
    if (op instanceof Op.Reshape r) {
      return CodeBlock.of("graph.reshape($S, $S$L)", name, ref(in.get(0)), ints(r.dims()));
    }
    if (op instanceof Op.Transpose t) {
      return CodeBlock.of("graph.transpose($S, $S$L)", name, ref(in.get(0)), ints(t.perm()));
    }
    if (op instanceof Op.Concat c) {
      String values = in.stream().map(n -> "\"" + ref(n) + "\"").collect(Collectors.joining(", "));
      return CodeBlock.of("graph.concat($S, $T.of($L), $L)", name, List.class, values, c.axis());
    }
    if (op instanceof Op.Reduce r) {
      return CodeBlock.of("graph.reduce($S, $S, $S, new int[] {$L}, $L)", r.kind().tfName(), name, ref(in.get(0)),
          join(r.axes()), r.keepDims());
    }
    if (op instanceof Op.ArgMax a) {
      return CodeBlock.of("graph.argmax($S, $S, $L)", name, ref(in.get(0)), a.axis());
    }
    if (op instanceof Op.Cast c) {
      return CodeBlock.of("graph.cast($S, $S, $T.$L)", name, ref(in.get(0)), RuntimeTypes.DATA_TYPE, c.to().runtimeConstant());
    }
    if (op instanceof Op.OneHot o) {
      return CodeBlock.of("graph.oneHot($S, $S, $L, $Lf, $Lf)", name, ref(in.get(0)), o.depth(), (float) o.on(), (float) o.off());
    }
    if (op instanceof Op.Conv2D c) {
      return CodeBlock.of("graph.conv2d($S, $S, $S, new int[] {$L}, $S)", name, ref(in.get(0)), ref(in.get(1)), join(c.strides()),
          c.same() ? "SAME" : "VALID");
    }
    if (op instanceof Op.Pool p) {
      return CodeBlock.of("graph.pool($S, $S, $S, new int[] {$L}, new int[] {$L}, $S)", p.max() ? "MaxPool" : "AvgPool", name,
          ref(in.get(0)), join(p.ksize()), join(p.strides()), p.same() ? "SAME" : "VALID");
    }
    if (op instanceof Op.Dropout) {
      return CodeBlock.of("graph.dropout($S, $S, $S)", name, ref(in.get(0)), ref(in.get(1)));
    }
    if (op instanceof Op.Identity) {
      return CodeBlock.of("graph.identity($S, $S)", name, ref(in.get(0)));
    }
    if (op instanceof Op.StopGradient) {
      return CodeBlock.of("graph.unary($S, $S, $S)", "StopGradient", name, ref(in.get(0)));
    }
    if (op instanceof Op.L2Loss) {
      return CodeBlock.of("graph.l2Loss($S, $S)", name, ref(in.get(0)));
    }
    // The IR's cross entropies take labels first; TensorFlow's ops take logits (features) first.
    if (op instanceof Op.SoftmaxCrossEntropy) {
      return CodeBlock.of("graph.softmaxCrossEntropy($S, $S, $S)", name, ref(in.get(1)), ref(in.get(0)));
    }
    if (op instanceof Op.SparseSoftmaxCrossEntropy) {
      return CodeBlock.of("graph.sparseSoftmaxCrossEntropy($S, $S, $S)", name, ref(in.get(1)), ref(in.get(0)));
    }
    if (op instanceof Op.SigmoidCrossEntropy) {
      return CodeBlock.of("graph.sigmoidCrossEntropy($S, $S, $S)", name, ref(in.get(0)), ref(in.get(1)));
    }
    throw new IllegalStateException("no TensorFlow description for forward op " + op.typeName() + " of node " + name);
  }

  /**
   * The tensor an input refers to, as in TF1: a variable is read through its {@code /read} identity, and
   * {@code dropout(..., name=NAME)} is a name scope whose result is {@code NAME/mul}.
   */
  private static String ref(Node node) {
    if (node.op() instanceof Op.Variable) {
      return node.name() + "/read";
    }
    return node.op() instanceof Op.Dropout ? node.name() + "/mul" : node.name();
  }

  /** {@code , -1, 784} for varargs dimensions (the batch dimension written as TensorFlow's -1). */
  private static String dims(int[] dims) {
    return Arrays.stream(dims).mapToObj(d -> ", " + (d == TensorType.BATCH ? -1 : d) + "L").collect(Collectors.joining());
  }

  private static String ints(int[] values) {
    return Arrays.stream(values).mapToObj(d -> ", " + (d == TensorType.BATCH ? -1 : d)).collect(Collectors.joining());
  }

  private static String join(int[] values) {
    return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
  }
}
