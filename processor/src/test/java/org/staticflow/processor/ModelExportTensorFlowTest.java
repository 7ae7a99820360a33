package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.runtime.checkpoint.Saver;
import org.staticflow.runtime.graph.export.ModelGraphs;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.tensor.FloatTensor;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The graphs a compiled model describes of itself run in TensorFlow and compute what the generated Java
 * forward pass computes (1e-5 relative): the frozen graph (binary and text), the SavedModel loaded by
 * TensorFlow's loader, and the {@code .meta} graph imported with the checkpoint restored through its
 * {@code saver_def}. For the MNIST MLP of DESIGN §4 and the TF1 MNIST CNN (dropout with keep_prob 1).
 */
class ModelExportTensorFlowTest {
  private static final int BATCH = 3;

  @TempDir Path dir;

  /** A compiled model with trained-looking weights, its inputs filled and forward run. */
  private record Case(String label, CompiledModel model, String input, String outputNode, String outputMember, boolean keepProb) {
    float[] x() {
      return ((FloatTensor) model.input(input)).data();
    }

    float[] expected() {
      return ((FloatTensor) model.output(outputMember)).data();
    }
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    CompiledModel mlp = ModelCompiler.compileAndLoad("MnistMlp",
        ModelCompiler.source("MnistMlp", MnistMlpTest.MLP));
    cases.add(prepare(new Case("mlp", mlp, "x-input", "layer2/add", "logits", false)));
    CompiledModel cnn = ModelCompiler.compileAndLoad("MnistCnn",
        ModelCompiler.source("MnistCnn", MnistCnnTest.CNN));
    cases.add(prepare(new Case("cnn", cnn, "inputs/x_input", "fc_layer_2/logits_output", "logits", true)));
    return cases;
  }

  private static Case prepare(Case c) {
    c.model().initializeVariables(11);
    c.model().batchSize(BATCH);
    Random random = new Random(5);
    float[] x = c.x();
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    if (c.keepProb()) {
      ((FloatTensor) c.model().input("keep_prob")).data()[0] = 1f;
    }
    c.model().forward();
    return c;
  }

  @Test
  void frozenGraphsRunInTensorFlow() throws Exception {
    for (Case c : cases()) {
      GraphDef frozen = ModelGraphs.freeze(c.model(), List.of(c.outputNode()));
      assertTrue(frozen.getNodeList().stream().noneMatch(n -> n.getOp().equals("VariableV2")), c.label());
      for (String file : List.of("frozen.pb", "frozen.pbtxt")) {
        Path path = dir.resolve(c.label() + "-" + file);
        GraphFiles.write(path, frozen);
        try (Graph graph = new Graph()) {
          graph.importGraphDef(org.tensorflow.proto.GraphDef.parseFrom(GraphFiles.readGraphDef(path).toByteArray()));
          try (Session session = new Session(graph)) {
            assertClose(c, run(session, c, c.outputNode()), file);
          }
        }
      }
    }
  }

  @Test
  void savedModelLoadsInTensorFlow() throws Exception {
    for (Case c : cases()) {
      Path export = dir.resolve(c.label() + "-export");
      ModelGraphs.savedModel(c.model(), export, Map.of("x", c.input() + ":0"), Map.of("y", c.outputNode() + ":0"));
      try (SavedModelBundle bundle = SavedModelBundle.load(export.toString(), "serve")) {
        assertClose(c, run(bundle.session(), c, c.outputNode()), "SavedModel");
      }
    }
  }

  @Test
  void metaGraphWithCheckpointRestoresInTensorFlow() throws Exception {
    for (Case c : cases()) {
      MetaGraphDef meta = ModelGraphs.metaGraph(c.model());
      Path prefix = Saver.builder(c.model().variableTensors()).metaGraph(meta).build()
          .save(Files.createDirectories(dir.resolve(c.label())).resolve("model.ckpt"), 7);
      org.tensorflow.proto.MetaGraphDef tfMeta =
          org.tensorflow.proto.MetaGraphDef.parseFrom(Files.readAllBytes(Path.of(prefix + ".meta")));
      try (Graph graph = new Graph()) {
        graph.importGraphDef(tfMeta.getGraphDef());
        try (Session session = new Session(graph); TString file = TString.scalarOf(prefix.toString())) {
          session.runner().feed(tfMeta.getSaverDef().getFilenameTensorName(), file)
              .addTarget(tfMeta.getSaverDef().getRestoreOpName()).run().close();
          assertClose(c, run(session, c, c.outputNode()), ".meta + checkpoint");
        }
      }
    }
  }

  private static float[] run(Session session, Case c, String fetch) {
    long[] dims = {BATCH, 784};
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(c.x(), true, false))) {
      Session.Runner runner = session.runner().feed(c.input(), x);
      TFloat32 keep = c.keepProb() ? TFloat32.scalarOf(1f) : null;
      try {
        if (keep != null) {
          runner.feed("keep_prob", keep);
        }
        try (Result result = runner.fetch(fetch).run()) {
          TFloat32 out = (TFloat32) result.get(0);
          float[] values = new float[(int) out.shape().size()];
          out.copyTo(DataBuffers.of(values, false, false));
          return values;
        }
      } finally {
        if (keep != null) {
          keep.close();
        }
      }
    }
  }

  /**
   * Norm-wise relative difference at most 1e-5: the logits are sums of thousands of products, which
   * TensorFlow's kernels and Staticflow's add in different orders, so single elements near zero differ
   * relatively more than the vector does.
   */
  private static void assertClose(Case c, float[] tensorflow, String what) {
    float[] expected = c.expected();
    assertEquals(expected.length, tensorflow.length, c.label() + " " + what);
    double difference = 0;
    double norm = 0;
    for (int i = 0; i < expected.length; i++) {
      difference += (expected[i] - (double) tensorflow[i]) * (expected[i] - (double) tensorflow[i]);
      norm += (double) expected[i] * expected[i];
    }
    double relative = Math.sqrt(difference / norm);
    assertTrue(relative <= 1e-5, c.label() + " " + what + ": norm-wise relative difference " + relative);
  }
}
