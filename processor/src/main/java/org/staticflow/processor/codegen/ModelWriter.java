package org.staticflow.processor.codegen;

import static org.staticflow.processor.codegen.RuntimeTypes.INITIALIZERS;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import org.staticflow.processor.discovery.LayerDecl;
import org.staticflow.processor.discovery.OutputDecl;
import org.staticflow.processor.discovery.ScopeDecl;
import org.staticflow.processor.discovery.VariableDecl;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Initializer;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.VariableDef;
import org.staticflow.processor.schedule.GradientBuffers;
import org.staticflow.processor.schedule.Schedule;

/** Writes {@code Staticflow_<Model>}: the class that implements a model interface. */
public final class ModelWriter {
  /** The prefix of generated class names. */
  public static final String PREFIX = "Staticflow_";

  private final ScopeDecl model;
  private final Graph graph;
  private final FieldNames names;
  private final OpEmitter ops;
  private final ClassName className;
  private final boolean generatedAvailable;
  private final GradientBuffers gradientBuffers;
  private final Schedule schedule;
  private final List<String> slotFields = new java.util.ArrayList<>();

  private ModelWriter(ScopeDecl model, Graph graph, String packageName, boolean generatedAvailable) {
    this.model = model;
    this.graph = graph;
    this.className = ClassName.get(packageName, PREFIX + model.type().getSimpleName());
    Set<String> reserved = new HashSet<>(Set.of("kernels", "rng", "batch", "variables", "b", "trainableVariables",
        "gradients"));
    this.names = new FieldNames(reserved);
    this.schedule = Schedule.of(graph);
    this.gradientBuffers = schedule.gradientBuffers();
    for (int i = 0; i < schedule.buffers().slots().size(); i++) {
      slotFields.add(names.unique("shared" + i));
    }
    this.ops = new OpEmitter(names, schedule, slotFields, graph::noteOf);
    this.generatedAvailable = generatedAvailable;
  }

  /**
   * The Java file for {@code model}.
   *
   * @param generatedAvailable whether {@code javax.annotation.processing.Generated} exists on the target
   */
  public static JavaFile write(ScopeDecl model, Graph graph, String packageName, boolean generatedAvailable) {
    return new ModelWriter(model, graph, packageName, generatedAvailable).file();
  }

  private JavaFile file() {
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ClassName.get(model.type()))
        .addSuperinterface(trainable() ? RuntimeTypes.TRAINABLE_MODEL : RuntimeTypes.COMPILED_MODEL)
        .addJavadoc("The compiled model {@link $T}: $L nodes, $L variables.\n", ClassName.get(model.type()),
            graph.nodes().size(), graph.variables().size());
    if (trainable()) {
      type.addJavadoc("\n<p>Trainable: {@link #computeGradients()} runs the forward pass, the total loss {@code $L} and a\n"
          + "backward pass of $L nodes that computes the gradients of $L trainable variables.\n",
          graph.totalLoss().name(), graph.nodes().stream().filter(graph::isBackward).count(), graph.gradients().size());
    }
    if (generatedAvailable) {
      type.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", "org.staticflow.processor.StaticflowProcessor").build());
    }
    type.addField(FieldSpec.builder(RuntimeTypes.KERNELS, "kernels", Modifier.PRIVATE, Modifier.FINAL)
        .initializer("$T.get()", RuntimeTypes.BACKENDS).build());
    type.addField(FieldSpec.builder(RuntimeTypes.RNG, "rng", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Draws dropout masks.\n").initializer("new $T(0L)", RuntimeTypes.RNG).build());
    type.addField(FieldSpec.builder(TypeName.INT, "batch", Modifier.PRIVATE).initializer("-1").build());

    List<CodeBlock> registry = new java.util.ArrayList<>();
    for (Node node : graph.nodes()) {
      if (node.op() instanceof Op.Variable v) {
        String field = names.of(node);
        type.addField(FieldSpec.builder(RuntimeTypes.tensorClass(node.type().dtype()), field, Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("Variable {@code $L}.\n", v.variable().name())
            .initializer(OpEmitter.newBuffer(node.type())).build());
      } else if (node.op() instanceof Op.Const c) {
        type.addField(FieldSpec.builder(RuntimeTypes.tensorClass(node.type().dtype()), names.of(node), Modifier.PRIVATE,
            Modifier.FINAL).initializer("$T.scalar($L)", RuntimeTypes.tensorClass(node.type().dtype()),
                literal(c.value(), node.type().dtype())).build());
      } else {
        ops.emit(node, graph.isBackward(node));
      }
    }
    for (VariableDef variable : graph.variables()) {
      Node node = variableNode(variable);
      registry.add(CodeBlock.of("new $T($S, $T.of($L), $T.$L, $L, $N)", RuntimeTypes.VARIABLE_ENTRY, variable.name(),
          RuntimeTypes.SHAPE, Dims.list(variable.type().dims()), RuntimeTypes.DATA_TYPE,
          variable.type().dtype().runtimeConstant(), variable.trainable(), names.of(node)));
    }
    CodeBlock list = CodeBlock.join(registry, ",\n");
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.VARIABLE_ENTRY),
            "variables", Modifier.PRIVATE, Modifier.FINAL)
        .initializer(CodeBlock.of("$T.of(\n$>$L$<)", List.class, list)).build());
    CodeBlock.Builder slots = CodeBlock.builder();
    for (int i = 0; i < slotFields.size(); i++) {
      org.staticflow.processor.ir.TensorType slot = schedule.buffers().slots().get(i);
      type.addField(FieldSpec.builder(RuntimeTypes.arrayOf(slot.dtype()),
              slotFields.get(i), Modifier.PRIVATE)
          .addJavadoc("Storage shared by values whose lifetimes do not overlap: $L.\n", sharing(i)).build());
      slots.addStatement("$N = new $L[$L]", slotFields.get(i), slot.dtype().javaElement(), Dims.product(slot.dims()));
    }
    ops.fields().forEach(type::addField);
    if (trainable()) {
      addGradientFields(type);
    }

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("A model with variables initialised from seed 0 and batch size 1.\n")
        .addStatement("initializeVariables(0L)")
        .addStatement("batchSize(1)").build());
    type.addMethod(initializeVariables());
    type.addMethod(override("seed", TypeName.VOID).addParameter(TypeName.LONG, "seed").addStatement("rng.reseed(seed)").build());
    type.addMethod(override("batchSize", TypeName.VOID)
        .addParameter(TypeName.INT, "batchSize")
        .beginControlFlow("if (batchSize < 0)")
        .addStatement("throw new $T($S + batchSize)", IllegalArgumentException.class, "negative batch size: ")
        .endControlFlow()
        .beginControlFlow("if (batchSize == batch)")
        .addStatement("return")
        .endControlFlow()
        .addStatement("batch = batchSize")
        .addStatement("int b = batchSize")
        .addCode(slots.build())
        .addCode(ops.allocate.build())
        .build());
    type.addMethod(override("batchSize", TypeName.INT).addStatement("return batch").build());
    type.addMethod(override("forward", TypeName.VOID)
        .addStatement("int b = batch")
        .addCode(ops.forward.build())
        .build());
    List<Node> predicted = outputsOnly();
    if (predicted.size() < ops.forwardCode.size()) {
      CodeBlock.Builder predict = CodeBlock.builder();
      predicted.forEach(node -> predict.add(ops.forwardCode.get(node)));
      type.addMethod(override("predict", TypeName.VOID)
          .addJavadoc("The outputs' kernels only, in {@code forward()}'s order: no loss.\n")
          .addStatement("int b = batch")
          .addCode(predict.build())
          .build());
    }
    type.addMethod(override("variables", ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.VARIABLE_ENTRY))
        .addStatement("return variables").build());
    if (trainable()) {
      addTrainingMethods(type);
    }
    type.addMethod(lookup("input", graph.inputs()));
    type.addMethod(lookup("output", graph.outputs()));
    type.addMethod(GraphDescription.method(graph, names));
    addAccessors(type, className, model, "");
    return JavaFile.builder(className.packageName(), type.build())
        .addFileComment("Generated by the Staticflow model compiler from $L. Do not edit.", model.type().getQualifiedName())
        .skipJavaLangImports(true)
        .build();
  }

  /** The names of the nodes stored in slot {@code slot}, in execution order. */
  private String sharing(int slot) {
    return String.join(", ", graph.nodes().stream()
        .filter(n -> Integer.valueOf(slot).equals(schedule.buffers().slot(n)))
        .map(n -> "{@code " + n.name() + "}").toList());
  }

  private boolean trainable() {
    return graph.totalLoss() != null;
  }

  /**
   * The gradient buffers that are not a gradient node's own (zeros, or copies of a shared or viewed node), then
   * the lists {@code gradients} and {@code trainableVariables}.
   */
  private void addGradientFields(TypeSpec.Builder type) {
    List<CodeBlock> buffers = new java.util.ArrayList<>();
    List<CodeBlock> entries = new java.util.ArrayList<>();
    for (Map.Entry<VariableDef, Node> entry : graph.gradients().entrySet()) {
      VariableDef variable = entry.getKey();
      String field = gradientField(variable);
      if (!gradientBuffers.owns(variable)) {
        type.addField(FieldSpec.builder(RuntimeTypes.FLOAT_TENSOR, field, Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc(entry.getValue() == null
                ? CodeBlock.of("d loss / d {@code $L}: always zero (no path from the variable to the loss carries a"
                    + " gradient).\n", variable.name())
                : CodeBlock.of("d loss / d {@code $L}, copied from {@code $L} at the end of the backward pass.\n",
                    variable.name(), entry.getValue().name()))
            .initializer(OpEmitter.newBuffer(variable.type())).build());
      }
      buffers.add(CodeBlock.of("$N", field));
      int position = graph.variables().indexOf(variable);
      entries.add(CodeBlock.of("variables.get($L)", position));
    }
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.FLOAT_TENSOR),
            "gradients", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("The gradient buffers, parallel to {@code trainableVariables}.\n")
        .initializer(CodeBlock.of("$T.of(\n$>$L$<)", List.class, CodeBlock.join(buffers, ",\n"))).build());
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.VARIABLE_ENTRY),
            "trainableVariables", Modifier.PRIVATE, Modifier.FINAL)
        .initializer(CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(entries, ", "))).build());
  }

  /** The field that {@link TrainableModel#gradients()} exposes for {@code variable}. */
  private String gradientField(VariableDef variable) {
    if (gradientBuffers.owns(variable)) {
      return names.of(graph.gradients().get(variable));
    }
    return gradientFieldNames.computeIfAbsent(variable,
        v -> names.unique(FieldNames.sanitize(v.name()) + "_gradient"));
  }

  private final Map<VariableDef, String> gradientFieldNames = new java.util.HashMap<>();

  private void addTrainingMethods(TypeSpec.Builder type) {
    type.addMethod(override("trainableVariables", ParameterizedTypeName.get(ClassName.get(List.class),
        RuntimeTypes.VARIABLE_ENTRY)).addStatement("return trainableVariables").build());
    type.addMethod(override("computeGradients", TypeName.VOID)
        .addStatement("forward()")
        .addStatement("backward()").build());
    MethodSpec.Builder backward = MethodSpec.methodBuilder("backward").addModifiers(Modifier.PRIVATE)
        .addJavadoc("The backward pass: d $L / d every trainable variable, from the values of the latest forward pass.\n",
            graph.totalLoss().name())
        .addStatement("int b = batch")
        .addCode(ops.backward.build());
    for (Map.Entry<VariableDef, Node> entry : graph.gradients().entrySet()) {
      Node node = entry.getValue();
      if (node != null && !gradientBuffers.owns(entry.getKey())) {
        backward.addCode("// d loss / d $L is $L, shared or a view: copied into a buffer of its own\n",
            entry.getKey().name(), node.name());
        backward.addStatement("kernels.copy($N.data(), $N.data(), $L)", names.of(node), gradientField(entry.getKey()),
            Dims.product(entry.getKey().type().dims()));
      }
    }
    type.addMethod(backward.build());
    type.addMethod(override("gradients", ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.FLOAT_TENSOR))
        .addStatement("return gradients").build());
    MethodSpec.Builder gradient = override("gradient", RuntimeTypes.FLOAT_TENSOR).addParameter(String.class, "name");
    gradient.beginControlFlow("switch (name)");
    for (VariableDef variable : graph.gradients().keySet()) {
      gradient.addStatement("case $S: return $N", variable.name(), gradientField(variable));
    }
    gradient.addStatement("default: throw new $T($S + name)", IllegalArgumentException.class, "no trainable variable named ");
    gradient.endControlFlow();
    type.addMethod(gradient.build());
    if (graph.gradients().containsValue(null)) {
      MethodSpec.Builder has = override("hasGradient", TypeName.BOOLEAN).addParameter(String.class, "name");
      has.beginControlFlow("switch (name)");
      for (Map.Entry<VariableDef, Node> entry : graph.gradients().entrySet()) {
        has.addStatement("case $S: return $L", entry.getKey().name(), entry.getValue() != null);
      }
      has.addStatement("default: throw new $T($S + name)", IllegalArgumentException.class, "no trainable variable named ");
      has.endControlFlow();
      type.addMethod(has.build());
    }
    type.addMethod(override("totalLoss", TypeName.FLOAT).addStatement("return $N.data()[0]", names.of(graph.totalLoss())).build());
  }

  private MethodSpec initializeVariables() {
    MethodSpec.Builder method = override("initializeVariables", TypeName.VOID).addParameter(TypeName.LONG, "seed")
        .addStatement("$T init = new $T(seed)", RuntimeTypes.RNG, RuntimeTypes.RNG);
    for (VariableDef variable : graph.variables()) {
      String data = names.of(variableNode(variable)) + ".data()";
      DType dtype = variable.type().dtype();
      Initializer init = variable.initializer();
      if (init instanceof Initializer.Constant c) {
        method.addStatement("$T.constant($L, $L)", INITIALIZERS, data, literal(c.value(), dtype));
      } else if (init instanceof Initializer.RandomUniform u) {
        method.addStatement("$T.randomUniform($L, $Lf, $Lf, init)", INITIALIZERS, data, (float) u.min(), (float) u.max());
      } else if (init instanceof Initializer.RandomNormal n) {
        method.addStatement("$T.randomNormal($L, $Lf, $Lf, init)", INITIALIZERS, data, (float) n.mean(), (float) n.stddev());
      } else if (init instanceof Initializer.TruncatedNormal n) {
        method.addStatement("$T.truncatedNormal($L, $Lf, $Lf, init)", INITIALIZERS, data, (float) n.mean(), (float) n.stddev());
      } else if (init instanceof Initializer.GlorotUniform g) {
        method.addStatement("$T.glorotUniform($L, $L, $L, init)", INITIALIZERS, data, g.fanIn(), g.fanOut());
      } else if (init instanceof Initializer.Embedded e) {
        method.addStatement("$T.embedded($T.class, $S, $LL, $L)", INITIALIZERS, className,
            weightsResource(model.type()), e.offset(), data);
      }
    }
    return method.build();
  }

  private MethodSpec lookup(String kind, Map<String, Node> entries) {
    MethodSpec.Builder method = override(kind, RuntimeTypes.TENSOR).addParameter(String.class, "name");
    method.beginControlFlow("switch (name)");
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    for (Map.Entry<String, Node> entry : entries.entrySet()) {
      // Inputs answer to their node name (as a TensorFlow feed) and to their member name.
      if (kind.equals("input")) {
        keys.add(entry.getValue().name());
      }
      keys.add(entry.getKey());
    }
    for (String key : keys) {
      Node node = entries.containsKey(key) && !kind.equals("input") ? entries.get(key) : inputNamed(entries, key);
      method.addStatement("case $S: return $N", key, names.of(node));
    }
    method.addStatement("default: throw new $T($S + name)", IllegalArgumentException.class, "no " + kind + " named ");
    method.endControlFlow();
    return method.build();
  }

  /** The input whose node name is {@code key}, else the one whose member name is. */
  private static Node inputNamed(Map<String, Node> inputs, String key) {
    return inputs.values().stream().filter(n -> n.name().equals(key)).findFirst().orElseGet(() -> inputs.get(key));
  }

  /** Implements the member methods of a model or layer interface. */
  private void addAccessors(TypeSpec.Builder type, ClassName typeName, ScopeDecl scope, String pathPrefix) {
    for (var input : scope.inputs()) {
      type.addMethod(accessor(input.member()).addStatement("return $N", names.of(graph.inputs().get(name(input.member())))).build());
    }
    for (VariableDecl variable : scope.variables()) {
      Node node = graph.nodes().stream()
          .filter(n -> n.op() instanceof Op.Variable v && v.variable().accessorPath().equals(path(pathPrefix, variable.member())))
          .findFirst().orElseThrow();
      type.addMethod(accessor(variable.member()).addStatement("return $N", names.of(node)).build());
    }
    for (OutputDecl output : scope.outputs()) {
      if (output.isFunction()) {
        MethodSpec.Builder function = accessor(output.member())
            .addJavadoc("Inlined wherever the layer is applied, where its parameter shapes are known; it has no shapes\n"
                + "of its own to run on, so calling it directly is unsupported.\n");
        for (VariableElement parameter : output.member().getParameters()) {
          function.addParameter(ParameterSpec.builder(RuntimeTypes.TENSOR, parameter.getSimpleName().toString()).build());
        }
        function.addStatement("throw new $T($S)", UnsupportedOperationException.class,
            "layer functions run only inside the compiled forward pass; call forward() and read the model outputs");
        type.addMethod(function.build());
      } else {
        Node node = graph.outputs().get(pathPrefix + output.memberName());
        type.addMethod(accessor(output.member()).addStatement("return $N", names.of(node)).build());
      }
    }
    for (LayerDecl layer : scope.layers()) {
      String member = name(layer.member());
      String nested = names.unique(Character.toUpperCase(member.charAt(0)) + member.substring(1) + "Scope");
      String field = names.unique(member + "Scope");
      TypeSpec.Builder layerType = TypeSpec.classBuilder(nested)
          .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
          .addSuperinterface(ClassName.get(layer.layer().type()))
          .addJavadoc("Layer member {@code $L()} in variable scope {@code $L}.\n", member, layer.scopeName());
      ClassName nestedName = typeName.nestedClass(nested);
      addAccessors(layerType, nestedName, layer.layer(), pathPrefix + member + ".");
      type.addType(layerType.build());
      type.addField(FieldSpec.builder(nestedName, field, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $T()", nestedName).build());
      type.addMethod(accessor(layer.member()).addStatement("return $N", field).build());
    }
  }

  private static List<String> path(String pathPrefix, ExecutableElement member) {
    String full = pathPrefix + name(member);
    return List.of(full.split("\\."));
  }

  private Node variableNode(VariableDef variable) {
    return graph.nodes().stream()
        .filter(n -> n.op() instanceof Op.Variable v && v.variable() == variable)
        .findFirst().orElseThrow();
  }

  private static MethodSpec.Builder accessor(ExecutableElement member) {
    return MethodSpec.methodBuilder(name(member))
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.get(member.getReturnType()));
  }

  /**
   * The forward nodes with code that the outputs (not the losses) depend on, in graph order. Running a subset of
   * the forward kernels in the same order is safe with shared buffers: a kept kernel reads only kept values, and
   * between a value's write and its read the subset writes no slot the full pass does not.
   */
  private List<Node> outputsOnly() {
    List<Node> outputs = new java.util.ArrayList<>();
    graph.outputs().forEach((member, node) -> {
      if (!graph.losses().contains(member)) {
        outputs.add(node);
      }
    });
    Set<Node> needed = Graph.ancestors(outputs);
    return graph.nodes().stream().filter(needed::contains).filter(ops.forwardCode::containsKey).toList();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }

  private static String name(ExecutableElement member) {
    return member.getSimpleName().toString();
  }

  private static String literal(double value, DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> (float) value + "f";
      case INT32 -> Integer.toString((int) value);
      case INT64 -> (long) value + "L";
      case BOOL -> Boolean.toString(value != 0);
    };
  }

  /** The resource holding the embedded constants of graph model {@code model}, next to its class. */
  public static String weightsResource(TypeElement model) {
    return PREFIX + model.getSimpleName() + ".weights";
  }

  /** The package of {@code type}. */
  public static String packageOf(TypeElement type, javax.lang.model.util.Elements elements) {
    return elements.getPackageOf(type).getQualifiedName().toString();
  }
}
