package org.staticflow.runtime.graph.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.runtime.model.CompiledModel;

/**
 * A compiled model in TensorFlow's graph forms, from the description its generated class writes
 * ({@link CompiledModel#describe}):
 *
 * <pre>{@code
 * GraphDef frozen = ModelGraphs.freeze(model, List.of("layer2/add"));          // weights as Consts
 * GraphFiles.write(Path.of("model.pb"), frozen);
 * Saver saver = Saver.builder(model.variableTensors()).metaGraph(ModelGraphs.metaGraph(model)).build();
 * ModelGraphs.savedModel(model, Path.of("export/1"), Map.of("x", "x-input:0"), Map.of("logits", "layer2/add:0"));
 * }</pre>
 */
public final class ModelGraphs {
  private ModelGraphs() {}

  /** The model's graph builder, with the model's nodes and variables added. */
  public static GraphDefBuilder describe(CompiledModel model) {
    GraphDefBuilder graph = new GraphDefBuilder();
    model.describe(graph);
    return graph;
  }

  /** The model's {@code GraphDef}, variables as TF1 {@code VariableV2} nodes. */
  public static GraphDef graphDef(CompiledModel model) {
    return describe(model).build();
  }

  /**
   * The frozen graph of what {@code outputNodes} need, each variable a {@code Const} of its current value
   * ({@code tf.graph_util.convert_variables_to_constants}).
   */
  public static GraphDef freeze(CompiledModel model, List<String> outputNodes) {
    return describe(model).freeze(model.variableTensors(), outputNodes);
  }

  /**
   * The meta graph a {@code Saver} writes next to a checkpoint ({@code PREFIX.meta}): the graph, a
   * {@code saver_def} TensorFlow restores the checkpoint through, and the variable collections.
   */
  public static MetaGraphDef metaGraph(CompiledModel model) {
    return MetaGraphExport.metaGraph(describe(model));
  }

  /**
   * Writes a SavedModel (tag {@code serve}, signature {@code serving_default}) holding the variables'
   * current values.
   *
   * @param inputs signature key to tensor name ({@code x} to {@code x-input:0})
   * @param outputs signature key to tensor name
   */
  public static void savedModel(CompiledModel model, Path directory, Map<String, String> inputs,
      Map<String, String> outputs) throws IOException {
    SavedModelExport.write(directory, describe(model), model.variableTensors(), inputs, outputs);
  }
}
