package org.staticflow.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.proto.GraphDef;
import org.staticflow.runtime.graph.interpreter.LoadedGraph;
import org.staticflow.runtime.graph.interpreter.OpRegistry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/**
 * Every op the interpreter implements, built in one TensorFlow graph and run on both sides: each fetched
 * tensor must match TensorFlow's.
 */
class GraphOpsTest {
  private final List<String> fetches = new ArrayList<>();

  private Output<?> fetch(Output<?> output) {
    fetches.add(output.op().name() + ":" + output.index());
    return output;
  }

  private byte[] buildGraph() {
    try (Graph graph = new Graph()) {
      TfGraphBuilder b = new TfGraphBuilder(graph, 11);
      Output<?> x = b.placeholder("x", -1, 6);
      Output<?> y = b.placeholder("y", -1, 6);
      for (String unary : List.of("Square", "Sqrt", "Exp", "Log", "Neg", "Sigmoid", "Tanh", "Relu", "Softmax", "LogSoftmax", "L2Loss")) {
        fetch(b.op(unary, unary, x));
      }
      Output<?> centered = fetch(b.op("Sub", "centered", x, b.scalar("half", 0.5f)));
      fetch(b.op("Abs", "Abs", centered));
      Output<?> scaled = fetch(b.op("Mul", "scaled", x, b.scalar("ten", 10f)));
      fetch(b.op("Relu6", "Relu6", scaled));
      fetch(b.op("Floor", "Floor", scaled));
      for (String binary : List.of("Maximum", "Minimum", "RealDiv", "AddV2", "Add")) {
        fetch(b.op(binary, binary, x, y));
      }
      fetch(b.op("Mul", "broadcast_mul", x, b.weights("row", 1f, 6)));
      fetch(b.op("Transpose", "Transpose", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tperm", DataType.DT_INT32),
          x, b.ints("perm", 1, 0)));
      fetch(b.listOp("ConcatV2", "concat", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32),
          new Output<?>[] {x, y}, b.scalar("concat/axis", 1)));
      fetch(b.op("Sum", "Sum", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32), x, b.ints("Sum/axes", 1)));
      fetch(b.op("Max", "Max", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32), x, b.scalar("Max/axis", 0)));
      fetch(b.op("Mean", "Mean", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32).setAttr("keep_dims", true),
          x, b.ints("Mean/axes", 0, 1)));
      fetch(b.op("ArgMax", "ArgMax32", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32)
          .setAttr("output_type", DataType.DT_INT32), x, b.scalar("ArgMax32/dimension", 0)));
      Output<?> ax = b.op("ArgMax", "ArgMax_x", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32)
          .setAttr("output_type", DataType.DT_INT64), x, b.scalar("one", 1));
      Output<?> ay = b.op("ArgMax", "ArgMax_y", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32)
          .setAttr("output_type", DataType.DT_INT64), y, b.scalar("one_1", 1));
      Output<?> equal = b.op("Equal", "Equal", a -> a.setAttr("T", DataType.DT_INT64), ax, ay);
      fetch(b.op("Cast", "Cast", a -> a.setAttr("SrcT", DataType.DT_BOOL).setAttr("DstT", DataType.DT_FLOAT), equal));
      Output<?> greater = b.op("Greater", "Greater", x, y);
      fetch(b.op("Cast", "Cast_1", a -> a.setAttr("SrcT", DataType.DT_BOOL).setAttr("DstT", DataType.DT_FLOAT), greater));
      fetch(b.op("Cast", "Cast_2", a -> a.setAttr("SrcT", DataType.DT_FLOAT).setAttr("DstT", DataType.DT_INT32), scaled));
      fetch(b.op("OneHot", "OneHot", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("TI", DataType.DT_INT64).setAttr("axis", -1L),
          ax, b.scalar("depth", 6), b.scalar("on", 1f), b.scalar("off", 0f)));
      Output<?> labels = b.op("Softmax", "labels", y);
      Output<?> xent = b.op("SoftmaxCrossEntropyWithLogits", "xent", x, labels);
      fetch(xent);
      fetches.add("xent:1");
      Output<?> sparse = b.op("SparseSoftmaxCrossEntropyWithLogits", "sparse_xent",
          a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tlabels", DataType.DT_INT64), x, ay);
      fetch(sparse);
      fetches.add("sparse_xent:1");
      Output<?> reshaped = b.op("Reshape", "Reshape", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tshape", DataType.DT_INT32),
          x, b.ints("Reshape/shape", -1, 1, 6));
      fetch(b.op("Squeeze", "Squeeze", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("squeeze_dims", new long[] {1}), reshaped));
      fetch(b.op("ExpandDims", "ExpandDims", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tdim", DataType.DT_INT32),
          x, b.scalar("ExpandDims/dim", -1)));
      fetch(b.op("Shape", "Shape", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("out_type", DataType.DT_INT32), x));
      fetch(b.listOp("Pack", "stack", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("axis", 1L), new Output<?>[] {x, y}));
      fetch(b.op("StridedSlice", "strided_slice", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Index", DataType.DT_INT32)
          .setAttr("begin_mask", 0L).setAttr("end_mask", 2L).setAttr("shrink_axis_mask", 0L),
          x, b.ints("ss/begin", 1, -1), b.ints("ss/end", 3, 0), b.ints("ss/strides", 1, -2)));
      fetch(b.op("StridedSlice", "strided_slice_1", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Index", DataType.DT_INT32)
          .setAttr("shrink_axis_mask", 1L), x, b.ints("ss1/begin", -1, 2), b.ints("ss1/end", 0, 5), b.ints("ss1/strides", 1, 1)));
      // tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=centered), as TF 1.x composes it.
      Output<?> zeros = b.op("ZerosLike", "logistic_loss/zeros_like", centered);
      Output<?> cond = b.op("GreaterEqual", "logistic_loss/GreaterEqual", centered, zeros);
      Output<?> relu = b.op("Select", "logistic_loss/Select", cond, centered, zeros);
      Output<?> negAbs = b.op("SelectV2", "logistic_loss/Select_1", cond, b.op("Neg", "logistic_loss/Neg", centered), centered);
      Output<?> sub = b.op("Sub", "logistic_loss/sub", relu, b.op("Mul", "logistic_loss/mul", centered, y));
      fetch(b.op("Add", "logistic_loss", sub, b.op("Log1p", "logistic_loss/Log1p", b.op("Exp", "logistic_loss/Exp", negAbs))));
      fetch(b.op("Min", "Min", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32), x, b.ints("Min/axes", 0)));
      fetch(b.op("Prod", "Prod", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tidx", DataType.DT_INT32).setAttr("keep_dims", true),
          x, b.ints("Prod/axes", 1)));
      fetch(b.op("Rsqrt", "Rsqrt", x));
      Output<?> image = b.op("Reshape", "image", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("Tshape", DataType.DT_INT32),
          x, b.ints("image/shape", -1, 2, 1, 3));
      Output<?> variance = b.op("Square", "bn/variance", b.weights("bn/v", 1f, 3));
      fetch(b.op("FusedBatchNormV3", "bn/FusedBatchNormV3", a -> a.setAttr("T", DataType.DT_FLOAT).setAttr("U", DataType.DT_FLOAT)
          .setAttr("epsilon", 0.001f).setAttr("is_training", false).setAttr("data_format", "NHWC"),
          image, b.weights("bn/gamma", 1f, 3), b.weights("bn/beta", 1f, 3), b.weights("bn/mean", 1f, 3), variance));
      fetch(b.op("Identity", "Identity", b.op("StopGradient", "StopGradient", x)));
      return graph.toGraphDef().toByteArray();
    }
  }

  @Test
  void everyOpMatchesTensorFlow() throws Exception {
    byte[] bytes = buildGraph();
    FloatTensor x = GraphInterpreterTest.randomInput(21, 4, 6);
    FloatTensor y = GraphInterpreterTest.randomInput(22, 4, 6);
    Map<String, FloatTensor> feeds = Map.of("x", x, "y", y);
    List<Tensor> expected = TfRun.run(bytes, feeds, fetches);
    List<Tensor> actual = LoadedGraph.load(GraphDef.parseFrom(bytes)).newSession().run(feeds, fetches);
    for (int i = 0; i < fetches.size(); i++) {
      Close.assertClose(expected.get(i), actual.get(i), fetches.get(i));
    }
    assertEquals(fetches.size(), actual.size());
  }

  @Test
  void theRegistryCoversTheIssuesOpList() {
    List<String> required = List.of("Placeholder", "Const", "Identity", "Reshape", "Conv2D", "BiasAdd", "Add", "AddV2", "Sub",
        "Mul", "RealDiv", "MatMul", "Relu", "MaxPool", "AvgPool", "Softmax", "ArgMax", "Shape", "RandomUniform", "Floor",
        "Cast", "Equal", "Mean", "Squeeze", "ConcatV2", "VariableV2", "VarHandleOp", "ReadVariableOp", "NoOp", "StopGradient",
        "Square", "Sqrt", "Exp", "Log", "Abs", "Maximum", "Minimum", "Relu6", "Sigmoid", "Tanh", "LogSoftmax", "Transpose",
        "Sum", "Max", "OneHot", "StridedSlice", "ZerosLike", "Select", "SelectV2", "Log1p", "GreaterEqual", "Min", "Prod", "Rsqrt", "FusedBatchNorm", "FusedBatchNormV3", "L2Loss", "SoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits");
    List<String> missing = required.stream().filter(op -> !OpRegistry.standard().opTypes().contains(op)).toList();
    assertEquals(List.of(), missing);
  }
}
