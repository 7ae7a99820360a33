package org.staticflow.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.SavedModel;
import org.staticflow.runtime.graph.savedmodel.ModelBundle;
import org.staticflow.runtime.graph.savedmodel.SignatureRunner;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.testing.SharedFiles;

/** The TensorFlow-written SavedModels and meta graphs of the serving test data, good and broken. */
class SavedModelFixturesTest {
  @TempDir Path dir;

  private static Path model(String name) {
    return SharedFiles.servingFixture("servables/tensorflow/testdata/" + name + "/00000123");
  }

  private static final FloatTensor X = FloatTensor.of(Shape.of(3, 1), 1, 2, 5);

  @Test
  void halfPlusTwoComputesHalfXPlusTwo() throws Exception {
    ModelBundle bundle = ModelBundle.loadSavedModel(model("saved_model_half_plus_two_cpu"));
    assertEquals(List.of("classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default"),
        List.copyOf(bundle.signatures().keySet()));
    assertEquals(FloatTensor.scalar(0.5f), bundle.variables().get("a"));
    assertEquals(FloatTensor.scalar(2f), bundle.variables().get("b"));
    SignatureRunner serving = bundle.signature("serving_default");
    assertEquals("x:0", serving.signature().inputs().get("x").tensorName());
    assertEquals("DT_FLOAT[?,1]", serving.signature().inputs().get("x").spec().toString());
    assertEquals(Map.of("y", FloatTensor.of(Shape.of(3, 1), 2.5f, 3f, 4.5f)), serving.run(Map.of("x", X)));
    // y3 = a2 * x2 + c2 with a2 = 0.5, c2 = 3.
    assertEquals(Map.of("outputs", FloatTensor.of(Shape.of(3, 1), 3.5f, 4f, 5.5f)),
        bundle.signature("regress_x2_to_y3").run(Map.of("inputs", X)));
  }

  @Test
  void theMklExportWithResourceVariablesAndConvolutionsComputesTheSame() throws Exception {
    ModelBundle bundle = ModelBundle.loadSavedModel(model("saved_model_half_plus_two_mkl"));
    assertEquals(Map.of("y", FloatTensor.of(Shape.of(3, 1), 2.5f, 3f, 4.5f)),
        bundle.signature("serving_default").run(Map.of("x", X)));
  }

  @Test
  void theMetaGraphPlusCheckpointComputesTheSame() throws Exception {
    SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(model("saved_model_half_plus_two_cpu").resolve("saved_model.pb")));
    Path meta = dir.resolve("model.meta");
    Files.write(meta, saved.getMetaGraphs(0).toByteArray());
    ModelBundle bundle = ModelBundle.loadMetaGraph(meta, model("saved_model_half_plus_two_cpu").resolve("variables/variables"));
    FloatTensor y = (FloatTensor) bundle.load(Map.of("x:0", org.staticflow.runtime.graph.interpreter.TensorSpec.of(
        org.staticflow.runtime.tensor.DataType.FLOAT, -1, 1)), List.of("y:0")).newSession().run(Map.of("x:0", X), "y:0");
    assertEquals(FloatTensor.of(Shape.of(3, 1), 2.5f, 3f, 4.5f), y);
  }

  @Test
  void signaturesThatParseExamplesNameTheUnsupportedOp() throws Exception {
    ModelBundle bundle = ModelBundle.loadSavedModel(model("saved_model_half_plus_two_cpu"));
    GraphException e = assertThrows(GraphException.class, () -> bundle.signature("classify_x_to_y"));
    assertTrue(e.getMessage().contains("signature 'classify_x_to_y': unsupported op type ParseExample in 1 node: "
        + "ParseExample/ParseExample (ParseExample)"), e.getMessage());
  }

  @Test
  void counterModelReadsItsVariableButCannotIncrementIt() throws Exception {
    ModelBundle bundle = ModelBundle.loadSavedModel(model("saved_model_counter"));
    assertEquals(Map.of("output", FloatTensor.scalar(0f)), bundle.signature("get_counter").run(Map.of()));
    GraphException e = assertThrows(GraphException.class, () -> bundle.signature("incr_counter"));
    assertTrue(e.getMessage().contains("AssignAdd"), e.getMessage());
  }

  @Test
  void aTensorFlow2SavedModelIsNamedAsSuch() throws Exception {
    ModelBundle bundle = ModelBundle.loadSavedModel(model("saved_model_half_plus_two_tf2_cpu"));
    GraphException e = assertThrows(GraphException.class, () -> bundle.signature("serving_default"));
    assertTrue(e.getMessage().contains("signature 'serving_default' calls TensorFlow 2 graph functions"), e.getMessage());
    assertTrue(e.getMessage().contains("StatefulPartitionedCall_5 (StatefulPartitionedCall)"), e.getMessage());
  }

  @Test
  void brokenAndOddDirectoriesFailClearly() throws Exception {
    Path keras = SharedFiles.servingFixture("servables/tensorflow/testdata/tf_text_regression/01");
    GraphException noModel = assertThrows(GraphException.class, () -> ModelBundle.loadSavedModel(keras));
    assertEquals(keras + ": not a SavedModel directory (no saved_model.pb or saved_model.pbtxt)", noModel.getMessage());

    GraphException tags = assertThrows(GraphException.class,
        () -> ModelBundle.loadSavedModel(model("saved_model_half_plus_two_cpu"), "serve", "gpu"));
    assertTrue(tags.getMessage().endsWith("no meta graph tagged [serve, gpu] (available: [serve])"), tags.getMessage());

    ModelBundle bundle = ModelBundle.loadSavedModel(model("saved_model_half_plus_two_cpu"));
    GraphException signature = assertThrows(GraphException.class, () -> bundle.signature("predict"));
    assertTrue(signature.getMessage().endsWith("no signature 'predict' (available: classify_x_to_y, regress_x2_to_y3, "
        + "regress_x_to_y, regress_x_to_y2, serving_default)"), signature.getMessage());
    GraphException input = assertThrows(GraphException.class, () -> bundle.signature("serving_default").run(Map.of()));
    assertEquals("signature 'serving_default': input 'x' (DT_FLOAT[?,1]) is missing", input.getMessage());

    // The legacy session bundle and the deliberately broken export both hold V1 checkpoints.
    Path session = SharedFiles.servingFixture("session_bundle/testdata/half_plus_two/00000123");
    GraphException v1 = assertThrows(GraphException.class,
        () -> ModelBundle.loadMetaGraph(session.resolve("export.meta"), session.resolve("export-00000-of-00001")));
    assertTrue(v1.getMessage().contains("cannot restore the variables") && v1.getMessage().contains("V1"), v1.getMessage());
    Path bad = SharedFiles.servingFixture("servables/tensorflow/testdata/bad_half_plus_two/00000123");
    GraphException broken = assertThrows(GraphException.class,
        () -> ModelBundle.loadMetaGraph(bad.resolve("export.meta"), bad.resolve("export")));
    assertTrue(broken.getMessage().contains("V1"), broken.getMessage());
  }
}
