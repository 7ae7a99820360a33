package org.staticflow.runtime.graph.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.proto.SavedModel;
import org.staticflow.proto.SignatureDef;
import org.staticflow.proto.TensorInfo;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.TensorName;
import org.staticflow.runtime.graph.io.GraphFiles;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Writes a TF1 SavedModel directory as {@code tf.saved_model.builder.SavedModelBuilder} does:
 * {@code saved_model.pb} (one meta graph tagged {@code serve} with a {@code serving_default} predict
 * signature) and the variables as the V2 bundle {@code variables/variables}. TensorFlow Serving and
 * {@code SavedModelBundle.load(dir, "serve")} load it and restore the variables through the saver.
 */
public final class SavedModelExport {
  private SavedModelExport() {}

  /** The signature key TensorFlow Serving uses by default. */
  public static final String SERVING_DEFAULT = "serving_default";

  /**
   * Writes the SavedModel.
   *
   * @param directory the export directory; must not exist yet or be empty (TensorFlow refuses to
   *     overwrite an export)
   * @param graph the model's graph (its Saver nodes are added)
   * @param values the variables' values by name, written to {@code variables/}
   * @param inputs signature input key to tensor name ({@code x} → {@code x-input:0})
   * @param outputs signature output key to tensor name
   */
  public static void write(Path directory, GraphDefBuilder graph, Map<String, ? extends Tensor> values,
      Map<String, String> inputs, Map<String, String> outputs) throws IOException {
    if (Files.exists(directory)) {
      try (var entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          throw new GraphException(directory + ": export directory already exists and is not empty");
        }
      }
    }
    MetaGraphDef base = MetaGraphExport.metaGraph(graph);
    SignatureDef.Builder signature = SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict");
    inputs.forEach((key, tensor) -> signature.putInputs(key, info(graph, base.getGraphDef(), tensor)));
    outputs.forEach((key, tensor) -> signature.putOutputs(key, info(graph, base.getGraphDef(), tensor)));
    MetaGraphDef meta = base.toBuilder()
        .setMetaInfoDef(base.getMetaInfoDef().toBuilder().addTags("serve"))
        .putSignatureDef(SERVING_DEFAULT, signature.build())
        .build();
    Files.createDirectories(directory.resolve("variables"));
    if (!graph.variables().isEmpty()) {
      writeVariables(directory.resolve("variables").resolve("variables"), graph.variables(), values);
    }
    GraphFiles.write(directory.resolve("saved_model.pb"),
        SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build());
  }

  private static void writeVariables(Path prefix, List<GraphDefBuilder.Variable> variables,
      Map<String, ? extends Tensor> values) throws IOException {
    // Keys in byte order, as TensorFlow's Saver writes them.
    Map<String, Tensor> sorted = new TreeMap<>();
    for (GraphDefBuilder.Variable variable : variables) {
      Tensor value = values.get(variable.name());
      if (value == null) {
        throw new GraphException("no value for variable '" + variable.name() + "'");
      }
      if (value.dataType() != variable.dataType() || !value.shape().equals(variable.shape())) {
        throw new GraphException("variable '" + variable.name() + "' is " + variable.dataType().protoName()
            + variable.shape() + " but its value is " + value.dataType().protoName() + value.shape());
      }
      sorted.put(variable.name(), value);
    }
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      for (Map.Entry<String, Tensor> entry : sorted.entrySet()) {
        writer.add(entry.getKey(), entry.getValue());
      }
      writer.finish();
    }
  }

  /** A {@code TensorInfo}: the tensor's name and dtype, and its shape where a placeholder declares it. */
  private static TensorInfo info(GraphDefBuilder graph, GraphDef def, String tensor) {
    TensorName name = TensorName.parse(tensor);
    TensorInfo.Builder info = TensorInfo.newBuilder().setName(name.toString())
        .setDtypeValue(graph.dataType(tensor).number());
    TensorShapeProto shape = TensorShapeProto.newBuilder().setUnknownRank(true).build();
    for (NodeDef node : def.getNodeList()) {
      if (node.getName().equals(name.node()) && node.getOp().equals("Placeholder") && node.containsAttr("shape")) {
        shape = node.getAttrOrThrow("shape").getShape();
      }
    }
    return info.setTensorShape(shape).build();
  }
}
