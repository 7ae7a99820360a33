package org.staticflow.processor.graphimport;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.TextFormat;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.proto.GraphDef;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * {@code @Model(graph = ...)}: a CNN frozen by TensorFlow is compiled at build time and computes what
 * TensorFlow computes; graphs the compiler cannot compile are compile errors on the annotation.
 */
class GraphModelTest {
  private static final int BATCH = 3;

  @TempDir static Path resources;
  private static byte[] cnnGraph;
  private static float[] images;
  private static float[] expectedSoftmax;
  private static long[] expectedArgMax;

  @BeforeAll
  static void freezeCnnInTensorFlow() throws IOException {
    Random random = new Random(7);
    images = new float[BATCH * 784];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      new TensorFlowGraphs(graph, 42).mnistCnn();
      cnnGraph = graph.toGraphDef().toByteArray();
      expectedSoftmax = TensorFlowGraphs.runFloat(session, "inputs/x_input", images, BATCH, 784, "Softmax");
      expectedArgMax = TensorFlowGraphs.runLong(session, "inputs/x_input", images, BATCH, 784, "ArgMax");
    }
    Files.createDirectories(resources.resolve("models"));
    Files.write(resources.resolve("models/cnn.pb"), cnnGraph);
    Files.writeString(resources.resolve("models/cnn.pbtxt"),
        TextFormat.printer().printToString(GraphDef.parseFrom(cnnGraph)), StandardCharsets.UTF_8);
  }

  private static JavaFileObject graphModel(String annotation, String... members) {
    String[] lines = new String[5 + members.length];
    lines[0] = "package test;";
    lines[1] = "import org.staticflow.annotations.*;";
    lines[2] = annotation;
    lines[3] = "public interface Frozen {";
    System.arraycopy(members, 0, lines, 4, members.length);
    lines[lines.length - 1] = "}";
    return ModelCompiler.source("Frozen", lines);
  }

  private static List<String> resourcePath() {
    return List.of("-Astaticflow.resourcePath=" + resources);
  }

  private static CompiledModel compileCnn(String file) {
    return ModelCompiler.compileAndLoad("Frozen", resourcePath(), graphModel(
        "@Model(graph = \"models/" + file + "\", inputs = \"inputs/x_input\", outputs = {\"Softmax\", \"ArgMax\"})"));
  }

  @Test
  void frozenCnnComputesWhatTensorFlowComputes() {
    assertMatchesTensorFlow(compileCnn("cnn.pb"));
  }

  @Test
  void textFormatGraphCompilesToTheSameModel() {
    assertMatchesTensorFlow(compileCnn("cnn.pbtxt"));
  }

  private static void assertMatchesTensorFlow(CompiledModel model) {
    model.batchSize(BATCH);
    System.arraycopy(images, 0, ((FloatTensor) model.input("inputs/x_input")).data(), 0, images.length);
    model.forward();
    float[] softmax = ((FloatTensor) model.output("Softmax")).data();
    assertEquals(expectedSoftmax.length, softmax.length);
    for (int i = 0; i < softmax.length; i++) {
      assertEquals(expectedSoftmax[i], softmax[i], 1e-5 * Math.max(1, Math.abs(expectedSoftmax[i])), "Softmax[" + i + "]");
    }
    assertArrayEquals(expectedArgMax, ((LongTensor) model.output("ArgMax")).data());
  }

  @Test
  void constantsBecomeNonTrainableVariablesNamedAfterTheirNodes() {
    CompiledModel model = compileCnn("cnn.pb");
    List<String> names = model.variables().stream().map(VariableEntry::name).toList();
    assertEquals(List.of("conv_layer_1/W_conv_1", "conv_layer_1/b_conv_1", "conv_layer_2/W_conv_2", "conv_layer_2/b_conv_2",
        "fc_layer_1/W_fc_1", "fc_layer_1/b_fc_1", "fc_layer_2/W_fc_2", "fc_layer_2/b_fc_2"), names);
    for (VariableEntry variable : model.variables()) {
      assertFalse(variable.trainable(), variable.name());
    }
    assertArrayEquals(new long[] {5, 5, 1, 8}, model.variables().get(0).shape().dims());
    // Re-initialising restores the frozen values, whatever the seed.
    float[] before = ((FloatTensor) model.variables().get(4).value()).data().clone();
    model.initializeVariables(99);
    assertArrayEquals(before, ((FloatTensor) model.variables().get(4).value()).data());
  }

  @Test
  void otherBatchSizesRun() {
    CompiledModel model = compileCnn("cnn.pb");
    model.batchSize(1);
    System.arraycopy(images, 784, ((FloatTensor) model.input("inputs/x_input")).data(), 0, 784);
    model.forward();
    assertEquals(expectedArgMax[1], ((LongTensor) model.output("ArgMax")).data()[0]);
  }

  private static void assertError(JavaFileObject source, String message, int line) {
    Compilation compilation = ModelCompiler.compile(resourcePath(), source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(line);
  }

  @Test
  void unsupportedOpsAreListedWithTheirNodes() throws IOException {
    Files.writeString(resources.resolve("unsupported.pbtxt"), """
        node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "shape" value { shape { dim { size: -1 } dim { size: 4 } } } } }
        node { name: "rounding/Floor" op: "Floor" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
        node { name: "wave/Sin" op: "Sin" input: "rounding/Floor" attr { key: "T" value { type: DT_FLOAT } } }
        node { name: "out" op: "Relu" input: "wave/Sin" attr { key: "T" value { type: DT_FLOAT } } }
        """);
    assertError(graphModel("@Model(graph = \"unsupported.pbtxt\", inputs = \"x\", outputs = \"out\")"),
        "[Staticflow/UnsupportedOp] the graph uses ops the compiler does not implement: wave/Sin (Sin),"
            + " rounding/Floor (Floor)", 3);
  }

  @Test
  void shapeErrorsNameTheNode() throws IOException {
    Files.writeString(resources.resolve("mismatch.pbtxt"), """
        node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "shape" value { shape { dim { size: -1 } dim { size: 4 } } } } }
        node { name: "w" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 3 } dim { size: 2 } }
                                                     float_val: 0.5 } } } }
        node { name: "layer/MatMul" op: "MatMul" input: "x" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
        """);
    assertError(graphModel("@Model(graph = \"mismatch.pbtxt\", inputs = \"x\", outputs = \"layer/MatMul\")"),
        "[Staticflow/ShapeMismatch] node layer/MatMul (MatMul): ", 3);
  }

  @Test
  void missingGraphFileSaysWhereItLooked() {
    assertError(graphModel("@Model(graph = \"models/none.pb\", inputs = \"x\", outputs = \"y\")"),
        "[Staticflow/GraphNotFound] graph file models/none.pb not found; looked in " + resources, 3);
  }

  @Test
  void fileThatIsNotAGraphIsRejected() throws IOException {
    Files.write(resources.resolve("garbage.pb"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01});
    assertError(graphModel("@Model(graph = \"garbage.pb\", inputs = \"x\", outputs = \"y\")"),
        "[Staticflow/GraphNotFound] graph file garbage.pb is not a TensorFlow GraphDef", 3);
  }

  @Test
  void unknownOutputSuggestsTheClosestNode() {
    assertError(graphModel("@Model(graph = \"models/cnn.pb\", inputs = \"inputs/x_input\", outputs = \"argmax\")"),
        "[Staticflow/UnknownName] output argmax is not a node of the graph; did you mean ArgMax?", 3);
  }

  @Test
  void inputMustBeAPlaceholder() {
    assertError(graphModel("@Model(graph = \"models/cnn.pb\", inputs = \"Softmax\", outputs = \"ArgMax\")"),
        "[Staticflow/InvalidGraph] input Softmax must be a Placeholder node, found Softmax", 3);
  }

  @Test
  void placeholdersTheOutputsNeedMustBeInputs() {
    assertError(graphModel("@Model(graph = \"models/cnn.pb\", outputs = \"ArgMax\")"),
        "[Staticflow/InvalidGraph] the outputs need Placeholder inputs/x_input, which is not among the inputs", 3);
  }

  @Test
  void graphModelsDeclareNoMembers() {
    assertError(graphModel("@Model(graph = \"models/cnn.pb\", inputs = \"inputs/x_input\", outputs = \"ArgMax\")",
            "  org.staticflow.runtime.tensor.Tensor logits();"),
        "[Staticflow/InvalidDeclaration] @Model(graph = ...) Frozen declares logits(); a graph model has no members", 5);
  }

  @Test
  void graphModelsNeedOutputs() {
    assertError(graphModel("@Model(graph = \"models/cnn.pb\", inputs = \"inputs/x_input\")"),
        "[Staticflow/NoOutputs] @Model(graph = ...) Frozen names no outputs", 3);
  }
}
