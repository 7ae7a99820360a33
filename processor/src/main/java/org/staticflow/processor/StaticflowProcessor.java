package org.staticflow.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import org.staticflow.processor.codegen.ModelWriter;
import org.staticflow.processor.codegen.ReservedNames;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.diagnostics.Reporter;
import org.staticflow.processor.discovery.Deferred;
import org.staticflow.processor.discovery.Names;
import org.staticflow.processor.discovery.GraphModelDecl;
import org.staticflow.processor.discovery.GraphModelReader;
import org.staticflow.processor.discovery.ScopeDecl;
import org.staticflow.processor.graphimport.GraphDefLowering;
import org.staticflow.processor.graphimport.GraphFiles;
import org.staticflow.processor.graphimport.ImportedGraph;
import org.staticflow.processor.codegen.WeightsResource;
import org.staticflow.processor.discovery.ScopeReader;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.lowering.GraphBuilder;
import org.staticflow.processor.passes.CommonSubexpressionElimination;
import org.staticflow.processor.passes.DeadNodeElimination;
import org.staticflow.processor.passes.autodiff.Differentiation;
import org.staticflow.processor.discovery.OutputDecl;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles every {@code @Model} interface into {@code Staticflow_<Model>}. Models that refer to types not
 * generated yet are retried in later rounds. User errors are reported on the element and annotation
 * value; anything unexpected is reported with its stack trace instead of crashing javac.
 */
@AutoService(Processor.class)
public final class StaticflowProcessor extends AbstractProcessor {
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Names.MODEL, Names.LAYER);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(GraphFiles.RESOURCE_PATH_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    List<TypeElement> models = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        models.add(type);
      }
    }
    deferred.clear();
    TypeElement modelAnnotation = processingEnv.getElementUtils().getTypeElement(Names.MODEL);
    if (modelAnnotation != null) {
      for (Element element : round.getElementsAnnotatedWith(modelAnnotation)) {
        if (element instanceof TypeElement type && !models.contains(type)) {
          models.add(type);
        }
      }
    }
    for (TypeElement model : models) {
      compile(model, reporter, round.processingOver());
    }
    return false;
  }

  private void compile(TypeElement model, Reporter reporter, boolean lastRound) {
    try {
      // Member names that the generated class uses itself are rejected on either kind of model.
      ReservedNames.check(model);
      ScopeDecl scope;
      Graph graph;
      float[] weights = null;
      if (GraphModelReader.isGraphModel(model)) {
        GraphModelDecl decl = GraphModelReader.read(model);
        GraphFiles files = new GraphFiles(processingEnv.getFiler(), processingEnv.getOptions().get(GraphFiles.RESOURCE_PATH_OPTION));
        ImportedGraph imported = GraphDefLowering.lower(decl, files.read(decl.graph(), decl.graphLocation()));
        scope = decl.asScope();
        graph = imported.graph();
        weights = imported.weights();
      } else {
        scope = new ScopeReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils()).readModel(model);
        graph = GraphBuilder.build(scope);
      }
      CommonSubexpressionElimination.run(graph);
      DeadNodeElimination.run(graph);
      Map<String, Location> losses = new HashMap<>();
      scope.outputs().stream().filter(OutputDecl::loss).forEach(output -> losses.put(output.memberName(), output.location()));
      Differentiation.run(graph, losses);
      // Again, over the gradient nodes: the backward pass shares values with the forward pass and itself.
      CommonSubexpressionElimination.run(graph);
      DeadNodeElimination.run(graph);
      boolean generated = processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null;
      String packageName = ModelWriter.packageOf(model, processingEnv.getElementUtils());
      JavaFile file = ModelWriter.write(scope, graph, packageName, generated);
      try {
        file.writeTo(processingEnv.getFiler());
        if (weights != null) {
          WeightsResource.write(processingEnv.getFiler(), packageName, ModelWriter.weightsResource(model), weights, model);
        }
      } catch (FilerException clash) {
        throw new CompileError(DiagnosticId.InvalidDeclaration,
            Messages.cannotWrite(file.packageName() + "." + file.typeSpec().name(), clash.getMessage()),
            Location.of(model));
      }
    } catch (CompileError error) {
      reporter.report(error);
    } catch (Deferred missing) {
      if (lastRound) {
        processingEnv.getMessager().printMessage(Kind.ERROR,
            "[Staticflow/InvalidDeclaration] " + Messages.unresolvedType(missing.getMessage()), model);
      } else {
        deferred.add(model.getQualifiedName().toString());
      }
    } catch (IOException | RuntimeException | StackOverflowError bug) {
      reporter.internal(model, bug);
    }
  }
}
