package org.staticflow.runtime.graph.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.proto.AttrValue;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.proto.VersionDef;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.TensorName;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Describes a model as a TensorFlow 1.x {@code GraphDef}, the way TF1's Python builds it: one call per
 * node, named as TF names it ({@code layer1/MatMul}), with the attributes TensorFlow requires ({@code T},
 * {@code transpose_a}, {@code strides}, {@code padding}, {@code data_format}, {@code ksize}, ...).
 * Every call returns the name of the node's (first) output tensor, to pass to later calls:
 *
 * <pre>{@code
 * GraphDefBuilder g = new GraphDefBuilder();
 * String x = g.placeholder("x-input", DataType.FLOAT, -1, 784);
 * String w = g.variable("layer1/weights", initialWeights);          // VariableV2 + Assign + read
 * String b = g.variable("layer1/biases", initialBiases);
 * String h = g.unary("Relu", "layer1/Relu", g.binary("Add", "layer1/add", g.matmul("layer1/MatMul", x, w), b));
 * GraphDef graph = g.build();
 * }</pre>
 *
 * Constant operands that TF1 creates as separate nodes (a reshape's shape, a reduction's axes, an
 * argmax's dimension) are added under the op's name ({@code Reshape/shape}). Dtypes are tracked, so
 * {@code T} is filled in from the inputs. Names must be unique; a second node of the same name is an
 * error rather than TF's silent {@code _1} suffix, so generated names stay predictable.
 */
public final class GraphDefBuilder {
  /** A variable as the {@code variables} collection records it. */
  public record Variable(String name, DataType dataType, Shape shape, boolean trainable) {
    public String tensorName() {
      return name + ":0";
    }

    public String initializerName() {
      return name + "/Assign";
    }

    public String snapshotName() {
      return name + "/read:0";
    }

    public String initialValueName() {
      return name + "/initial_value:0";
    }
  }

  /** The {@code versions.producer} written: past 22 (explicit placeholder shapes), old enough for any TF 1.x. */
  public static final int PRODUCER = 27;

  private final Map<String, NodeDef.Builder> nodes = new LinkedHashMap<>();
  private final Map<String, DataType> dtypes = new HashMap<>();
  private final List<Variable> variables = new ArrayList<>();

  /**
   * Adds a node of any op type.
   *
   * @param inputs tensor names ({@code node}, {@code node:k}) and control inputs ({@code ^node}), data first
   * @param attrs the node's attributes
   * @param outputType the dtype of output 0, for later ops' {@code T} ({@code null} if it has no output)
   * @return {@code name}, the name of output 0
   */
  public String node(String op, String name, List<String> inputs, Map<String, AttrValue> attrs, DataType outputType) {
    if (nodes.containsKey(name)) {
      throw new GraphException("a node named '" + name + "' already exists");
    }
    for (String input : inputs) {
      if (!nodes.containsKey(TensorName.parse(input).node())) {
        throw new GraphException("node '" + name + "' (" + op + "): input '" + input + "' does not exist yet");
      }
    }
    NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp(op).addAllInput(inputs).putAllAttr(attrs);
    nodes.put(name, node);
    if (outputType != null) {
      dtypes.put(name, outputType);
    }
    return name;
  }

  /** The dtype of a tensor made by this builder. */
  public DataType dataType(String tensor) {
    DataType type = dtypes.get(TensorName.parse(tensor).node());
    if (type == null) {
      throw new GraphException("no tensor '" + tensor + "' with a known dtype");
    }
    return type;
  }

  /** An op whose attribute {@code T} is its first input's dtype, and whose output has that dtype. */
  public String op(String op, String name, List<String> inputs, Map<String, AttrValue> extraAttrs) {
    DataType type = dataType(inputs.get(0));
    Map<String, AttrValue> attrs = new LinkedHashMap<>();
    attrs.put("T", Attrs.type(type));
    attrs.putAll(extraAttrs);
    return node(op, name, inputs, attrs, type);
  }

  /** {@code Placeholder} with an explicit shape ({@code -1}: unknown dimension, e.g. the batch). */
  public String placeholder(String name, DataType type, long... dims) {
    return node("Placeholder", name, List.of(), Map.of("dtype", Attrs.type(type), "shape", Attrs.shape(dims)), type);
  }

  /** {@code Const} holding {@code value}. */
  public String constant(String name, Tensor value) {
    return node("Const", name, List.of(), Map.of("dtype", Attrs.type(value.dataType()), "value", Attrs.tensor(value)),
        value.dataType());
  }

  /**
   * A TF1 variable: {@code NAME} ({@code VariableV2}), {@code NAME/initial_value} ({@code Const}),
   * {@code NAME/Assign} and {@code NAME/read} ({@code Identity}), as {@code tf.Variable(initial_value)}
   * builds it.
   *
   * @return {@code NAME/read}, the tensor ops should read
   */
  public String variable(String name, Tensor initialValue, boolean trainable) {
    DataType type = initialValue.dataType();
    node("VariableV2", name, List.of(), ordered("container", Attrs.s(""), "dtype", Attrs.type(type),
        "shape", Attrs.shape(initialValue.shape().dims()), "shared_name", Attrs.s("")), type);
    constant(name + "/initial_value", initialValue);
    node("Assign", name + "/Assign", List.of(name, name + "/initial_value"), ordered("T", Attrs.type(type),
        "_class", colocation(name), "use_locking", Attrs.b(true), "validate_shape", Attrs.b(true)), type);
    node("Identity", name + "/read", List.of(name), ordered("T", Attrs.type(type), "_class", colocation(name)), type);
    variables.add(new Variable(name, type, initialValue.shape(), trainable));
    return name + "/read";
  }

  /** A trainable variable. */
  public String variable(String name, Tensor initialValue) {
    return variable(name, initialValue, true);
  }

  /** {@code Identity}. */
  public String identity(String name, String x) {
    return op("Identity", name, List.of(x), Map.of());
  }

  /** A one-input op with attribute {@code T}: {@code Relu}, {@code Relu6}, {@code Sigmoid}, {@code Tanh}, {@code Square}, {@code Sqrt}, {@code Exp}, {@code Log}, {@code Abs}, {@code Neg}, {@code Softmax}, {@code LogSoftmax}, {@code StopGradient}, {@code Floor}. */
  public String unary(String op, String name, String x) {
    return op(op, name, List.of(x), Map.of());
  }

  /** A broadcasting two-input op: {@code Add}, {@code AddV2}, {@code Sub}, {@code Mul}, {@code RealDiv}, {@code Maximum}, {@code Minimum}. */
  public String binary(String op, String name, String a, String b) {
    return op(op, name, List.of(a, b), Map.of());
  }

  /** {@code MatMul} with its transposition flags. */
  public String matmul(String name, String a, String b, boolean transposeA, boolean transposeB) {
    return op("MatMul", name, List.of(a, b), ordered("transpose_a", Attrs.b(transposeA), "transpose_b", Attrs.b(transposeB)));
  }

  public String matmul(String name, String a, String b) {
    return matmul(name, a, b, false, false);
  }

  /** {@code BiasAdd} (NHWC: the bias is added along the last axis). */
  public String biasAdd(String name, String value, String bias) {
    return op("BiasAdd", name, List.of(value, bias), Map.of("data_format", Attrs.s("NHWC")));
  }

  /** {@code Conv2D}, NHWC; {@code strides} has 4 entries ({@code [1, sh, sw, 1]}). */
  public String conv2d(String name, String input, String filter, int[] strides, String padding) {
    return op("Conv2D", name, List.of(input, filter), ordered("data_format", Attrs.s("NHWC"), "dilations", Attrs.ints(1, 1, 1, 1),
        "padding", Attrs.s(padding), "strides", Attrs.ints(strides), "use_cudnn_on_gpu", Attrs.b(true)));
  }

  /** {@code MaxPool} or {@code AvgPool} ({@code op}), NHWC. */
  public String pool(String op, String name, String input, int[] ksize, int[] strides, String padding) {
    return op(op, name, List.of(input), ordered("data_format", Attrs.s("NHWC"), "ksize", Attrs.ints(ksize),
        "padding", Attrs.s(padding), "strides", Attrs.ints(strides)));
  }

  /** {@code Reshape} to {@code shape} (one {@code -1} allowed), with the shape as Const {@code NAME/shape}. */
  public String reshape(String name, String x, int... shape) {
    String target = constant(name + "/shape", IntTensor.of(Shape.of(shape.length), shape));
    return op("Reshape", name, List.of(x, target), Map.of("Tshape", Attrs.type(DataType.INT32)));
  }

  /** {@code Transpose} by {@code perm}, with Const {@code NAME/perm}. */
  public String transpose(String name, String x, int... perm) {
    String p = constant(name + "/perm", IntTensor.of(Shape.of(perm.length), perm));
    return op("Transpose", name, List.of(x, p), Map.of("Tperm", Attrs.type(DataType.INT32)));
  }

  /** {@code ConcatV2} along {@code axis}, with Const {@code NAME/axis}. */
  public String concat(String name, List<String> values, int axis) {
    String a = constant(name + "/axis", IntTensor.scalar(axis));
    List<String> inputs = new ArrayList<>(values);
    inputs.add(a);
    return op("ConcatV2", name, inputs, ordered("N", Attrs.i(values.size()), "Tidx", Attrs.type(DataType.INT32)));
  }

  /** A reduction ({@code Mean}, {@code Sum}, {@code Max}) over {@code axes}, with Const {@code NAME/reduction_indices}. */
  public String reduce(String op, String name, String x, int[] axes, boolean keepDims) {
    String a = constant(name + "/reduction_indices", IntTensor.of(Shape.of(axes.length), axes));
    return op(op, name, List.of(x, a), ordered("Tidx", Attrs.type(DataType.INT32), "keep_dims", Attrs.b(keepDims)));
  }

  /** {@code ArgMax} along {@code axis} giving int64, with Const {@code NAME/dimension}. */
  public String argmax(String name, String x, int axis) {
    String d = constant(name + "/dimension", IntTensor.scalar(axis));
    return node("ArgMax", name, List.of(x, d), ordered("T", Attrs.type(dataType(x)), "Tidx", Attrs.type(DataType.INT32),
        "output_type", Attrs.type(DataType.INT64)), DataType.INT64);
  }

  /** {@code Equal}, giving bool. */
  public String equal(String name, String a, String b) {
    return node("Equal", name, List.of(a, b), Map.of("T", Attrs.type(dataType(a))), DataType.BOOL);
  }

  /** {@code Cast} to {@code to}. */
  public String cast(String name, String x, DataType to) {
    return node("Cast", name, List.of(x), ordered("DstT", Attrs.type(to), "SrcT", Attrs.type(dataType(x)),
        "Truncate", Attrs.b(false)), to);
  }

  /** {@code OneHot} (float, the new axis last) with Consts {@code NAME/depth}, {@code NAME/on_value}, {@code NAME/off_value}. */
  public String oneHot(String name, String indices, int depth, float on, float off) {
    String d = constant(name + "/depth", IntTensor.scalar(depth));
    String onValue = constant(name + "/on_value", FloatTensor.scalar(on));
    String offValue = constant(name + "/off_value", FloatTensor.scalar(off));
    return node("OneHot", name, List.of(indices, d, onValue, offValue), ordered("T", Attrs.type(DataType.FLOAT),
        "TI", Attrs.type(dataType(indices)), "axis", Attrs.i(-1)), DataType.FLOAT);
  }

  /** {@code L2Loss}. */
  public String l2Loss(String name, String x) {
    return unary("L2Loss", name, x);
  }

  /** {@code SoftmaxCrossEntropyWithLogits(logits, labels)}; output 0 is the loss per row. */
  public String softmaxCrossEntropy(String name, String logits, String labels) {
    return op("SoftmaxCrossEntropyWithLogits", name, List.of(logits, labels), Map.of());
  }

  /** {@code SparseSoftmaxCrossEntropyWithLogits(logits, labels)} with integer labels. */
  public String sparseSoftmaxCrossEntropy(String name, String logits, String labels) {
    return op("SparseSoftmaxCrossEntropyWithLogits", name, List.of(logits, labels),
        Map.of("Tlabels", Attrs.type(dataType(labels))));
  }

  /**
   * TF1's {@code tf.nn.dropout(x, keep_prob)} as it appears in graphs: {@code NAME/Shape},
   * {@code NAME/random_uniform/RandomUniform}, {@code NAME/add} ({@code keep_prob + u}), {@code NAME/Floor}
   * (the keep mask), {@code NAME/div} ({@code x / keep_prob}) and {@code NAME/mul}.
   *
   * @param keepProb a float scalar tensor (usually a placeholder)
   * @return {@code NAME/mul}
   */
  public String dropout(String name, String x, String keepProb) {
    String shape = node("Shape", name + "/Shape", List.of(x), ordered("T", Attrs.type(dataType(x)),
        "out_type", Attrs.type(DataType.INT32)), DataType.INT32);
    String uniform = node("RandomUniform", name + "/random_uniform/RandomUniform", List.of(shape),
        ordered("T", Attrs.type(DataType.INT32), "dtype", Attrs.type(DataType.FLOAT), "seed", Attrs.i(0), "seed2", Attrs.i(0)),
        DataType.FLOAT);
    String mask = unary("Floor", name + "/Floor", binary("Add", name + "/add", keepProb, uniform));
    return binary("Mul", name + "/mul", binary("RealDiv", name + "/div", x, keepProb), mask);
  }

  /**
   * {@code tf.nn.sigmoid_cross_entropy_with_logits(labels, logits)} as TF 1.x composes it (its graph has no
   * single op): {@code max(x, 0) - x * z + log1p(exp(-|x|))} under {@code NAME/...}, the sum named
   * {@code NAME}.
   */
  public String sigmoidCrossEntropy(String name, String labels, String logits) {
    String zeros = unary("ZerosLike", name + "/zeros_like", logits);
    String positive = node("GreaterEqual", name + "/GreaterEqual", List.of(logits, zeros),
        Map.of("T", Attrs.type(dataType(logits))), DataType.BOOL);
    String relu = select(name + "/Select", positive, logits, zeros);
    String negAbs = select(name + "/Select_1", positive, unary("Neg", name + "/Neg", logits), logits);
    String linear = binary("Sub", name + "/sub", relu, binary("Mul", name + "/mul", logits, labels));
    return binary("Add", name, linear, unary("Log1p", name + "/Log1p", unary("Exp", name + "/Exp", negAbs)));
  }

  /** {@code Select(condition, t, e)}; {@code T} is the values' dtype, not the (bool) condition's. */
  public String select(String name, String condition, String t, String e) {
    DataType type = dataType(t);
    return node("Select", name, List.of(condition, t, e), Map.of("T", Attrs.type(type)), type);
  }

  /** A float scalar {@code Const}. */
  public String constant(String name, float value) {
    return constant(name, FloatTensor.scalar(value));
  }

  /** {@code NoOp} with control inputs (e.g. {@code init} over every {@code Assign}). */
  public String noOp(String name, List<String> controlInputs) {
    return node("NoOp", name, controlInputs.stream().map(n -> n.startsWith("^") ? n : "^" + n).toList(), Map.of(), null);
  }

  /** {@code init}: a {@code NoOp} running every variable's initializer, as {@code tf.global_variables_initializer()}. */
  public String initOp(String name) {
    return noOp(name, variables.stream().map(Variable::initializerName).toList());
  }

  /** The variables added so far, in order. */
  public List<Variable> variables() {
    return List.copyOf(variables);
  }

  /** Whether a node of that name exists. */
  public boolean contains(String name) {
    return nodes.containsKey(name);
  }

  /** The graph built so far. */
  public GraphDef build() {
    GraphDef.Builder graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(PRODUCER));
    nodes.values().forEach(node -> graph.addNode(node.build()));
    return graph.build();
  }

  /**
   * The frozen graph of what {@code outputNodes} need, variables replaced by {@code Const}s of
   * {@code values}; write it with {@link org.staticflow.runtime.graph.io.GraphFiles#write} as {@code .pb}
   * or {@code .pbtxt}.
   */
  public GraphDef freeze(Map<String, ? extends Tensor> values, List<String> outputNodes) {
    return GraphFreezer.freeze(build(), values, outputNodes);
  }

  /** Attributes in the given order (TensorFlow writes them sorted; so do we, for readable diffs). */
  static Map<String, AttrValue> ordered(Object... keyValues) {
    Map<String, AttrValue> attrs = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      attrs.put((String) keyValues[i], (AttrValue) keyValues[i + 1]);
    }
    return attrs;
  }

  private static AttrValue colocation(String variable) {
    return Attrs.strings("loc:@" + variable);
  }

  @Override
  public String toString() {
    return "GraphDefBuilder" + Arrays.toString(nodes.keySet().toArray());
  }
}
