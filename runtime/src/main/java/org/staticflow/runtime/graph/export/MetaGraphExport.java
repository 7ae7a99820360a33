package org.staticflow.runtime.graph.export;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.staticflow.proto.CollectionDef;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.proto.NodeDef;
import org.staticflow.proto.OpDef;
import org.staticflow.proto.OpList;
import org.staticflow.proto.SaverDef;
import org.staticflow.proto.VariableDef;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;

/**
 * Builds the {@code MetaGraphDef} TF1's {@code Saver} writes as {@code PREFIX.meta}: the graph with the
 * Saver's own nodes ({@code save/Const}, {@code save/SaveV2}, {@code save/RestoreV2}, one
 * {@code save/Assign_k} per variable, {@code save/restore_all}), {@code meta_info_def} with the stripped op
 * list, the {@code saver_def} naming those nodes, and the {@code variables} and {@code trainable_variables}
 * collections of serialized {@code VariableDef}s. TensorFlow restores a checkpoint into the imported graph
 * by running {@code restore_op_name} with {@code filename_tensor_name} fed the prefix.
 */
public final class MetaGraphExport {
  private MetaGraphExport() {}

  private static final String OPS_RESOURCE = "ops.pbtxt";
  private static Map<String, OpDef> opDefs;

  /**
   * The meta graph of {@code graph}'s model. The Saver's nodes are added to the builder (once; a second
   * call reuses them). A graph without variables gets no saver, as TF1 refuses to build one.
   */
  public static MetaGraphDef metaGraph(GraphDefBuilder graph) {
    List<GraphDefBuilder.Variable> variables = new ArrayList<>(graph.variables());
    variables.sort(Comparator.comparing(GraphDefBuilder.Variable::name, MetaGraphExport::compareUtf8));
    MetaGraphDef.Builder meta = MetaGraphDef.newBuilder();
    if (!variables.isEmpty()) {
      meta.setSaverDef(addSaver(graph, variables));
    }
    GraphDef def = graph.build();
    meta.setGraphDef(def);
    meta.setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().setStrippedOpList(strippedOpList(def)));
    CollectionDef.BytesList.Builder all = CollectionDef.BytesList.newBuilder();
    CollectionDef.BytesList.Builder trainable = CollectionDef.BytesList.newBuilder();
    for (GraphDefBuilder.Variable variable : graph.variables()) {
      VariableDef def2 = VariableDef.newBuilder()
          .setVariableName(variable.tensorName())
          .setInitializerName(variable.initializerName())
          .setSnapshotName(variable.snapshotName())
          .setInitialValueName(variable.initialValueName())
          .setTrainable(variable.trainable())
          .build();
      all.addValue(def2.toByteString());
      if (variable.trainable()) {
        trainable.addValue(def2.toByteString());
      }
    }
    if (!graph.variables().isEmpty()) {
      meta.putCollectionDef("variables", CollectionDef.newBuilder().setBytesList(all).build());
    }
    if (trainable.getValueCount() > 0) {
      meta.putCollectionDef("trainable_variables", CollectionDef.newBuilder().setBytesList(trainable).build());
    }
    return meta.build();
  }

  /** The OpDefs of the op types {@code graph} uses, sorted by name, as {@code meta_info_def.stripped_op_list}. */
  public static OpList strippedOpList(GraphDef graph) {
    Map<String, OpDef> known = opDefs();
    OpList.Builder list = OpList.newBuilder();
    TreeSet<String> used = new TreeSet<>();
    for (NodeDef node : graph.getNodeList()) {
      used.add(node.getOp());
    }
    for (String op : used) {
      OpDef def = known.get(op);
      if (def != null) {
        list.addOp(def);
      }
    }
    return list.build();
  }

  /** Adds the nodes of TF1's default (V2, unsharded) Saver and returns its {@code SaverDef}. */
  private static SaverDef addSaver(GraphDefBuilder g, List<GraphDefBuilder.Variable> variables) {
    SaverDef saverDef = SaverDef.newBuilder()
        .setFilenameTensorName("save/Const:0")
        .setSaveTensorName("save/control_dependency:0")
        .setRestoreOpName("save/restore_all")
        .setMaxToKeep(5)
        .setKeepCheckpointEveryNHours(10000f)
        .setVersion(SaverDef.CheckpointFormatVersion.V2)
        .build();
    if (g.contains("save/restore_all")) {
      return saverDef;
    }
    int n = variables.size();
    String[] names = variables.stream().map(GraphDefBuilder.Variable::name).toArray(String[]::new);
    String[] slices = new String[n];
    java.util.Arrays.fill(slices, "");
    DataType[] types = variables.stream().map(GraphDefBuilder.Variable::dataType).toArray(DataType[]::new);
    g.constant("save/filename/input", StringTensor.of(Shape.scalar(), "model"));
    g.node("PlaceholderWithDefault", "save/filename", List.of("save/filename/input"),
        GraphDefBuilder.ordered("dtype", Attrs.type(DataType.STRING), "shape", Attrs.shape()), DataType.STRING);
    g.node("PlaceholderWithDefault", "save/Const", List.of("save/filename"),
        GraphDefBuilder.ordered("dtype", Attrs.type(DataType.STRING), "shape", Attrs.shape()), DataType.STRING);
    g.constant("save/SaveV2/tensor_names", StringTensor.of(Shape.of(n), names));
    g.constant("save/SaveV2/shape_and_slices", StringTensor.of(Shape.of(n), slices));
    List<String> saveInputs = new ArrayList<>(List.of("save/Const", "save/SaveV2/tensor_names", "save/SaveV2/shape_and_slices"));
    saveInputs.addAll(List.of(names));
    g.node("SaveV2", "save/SaveV2", saveInputs, Map.of("dtypes", Attrs.types(types)), null);
    g.node("Identity", "save/control_dependency", List.of("save/Const", "^save/SaveV2"),
        GraphDefBuilder.ordered("T", Attrs.type(DataType.STRING), "_class", Attrs.strings("loc:@save/Const")), DataType.STRING);
    g.constant("save/RestoreV2/tensor_names", StringTensor.of(Shape.of(n), names));
    g.constant("save/RestoreV2/shape_and_slices", StringTensor.of(Shape.of(n), slices));
    g.node("RestoreV2", "save/RestoreV2", List.of("save/Const", "save/RestoreV2/tensor_names", "save/RestoreV2/shape_and_slices"),
        Map.of("dtypes", Attrs.types(types)), null);
    List<String> assigns = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      String name = k == 0 ? "save/Assign" : "save/Assign_" + k;
      g.node("Assign", name, List.of(names[k], k == 0 ? "save/RestoreV2" : "save/RestoreV2:" + k),
          GraphDefBuilder.ordered("T", Attrs.type(types[k]), "_class", Attrs.strings("loc:@" + names[k]),
              "use_locking", Attrs.b(true), "validate_shape", Attrs.b(true)), types[k]);
      assigns.add(name);
    }
    g.noOp("save/restore_all", assigns);
    return saverDef;
  }

  /** TensorFlow sorts saveables by name as byte strings. */
  private static int compareUtf8(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  private static synchronized Map<String, OpDef> opDefs() {
    if (opDefs == null) {
      try (InputStream in = MetaGraphExport.class.getResourceAsStream(OPS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + OPS_RESOURCE + " is missing from the runtime jar");
        }
        OpList.Builder list = OpList.newBuilder();
        TextFormat.merge(new String(in.readAllBytes(), StandardCharsets.UTF_8), list);
        Map<String, OpDef> byName = new TreeMap<>();
        list.getOpList().forEach(op -> byName.put(op.getName(), op));
        opDefs = byName;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return opDefs;
  }
}
