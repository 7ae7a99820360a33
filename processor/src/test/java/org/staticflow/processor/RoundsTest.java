package org.staticflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;

/** A model whose layer type another processor generates in a later round is compiled once that type exists. */
class RoundsTest {

  /** Generates {@code test.GeneratedLayer}, a {@code @Layer}, in the first round. */
  private static final class LayerGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) {
        return false;
      }
      done = true;
      try (Writer out = processingEnv.getFiler().createSourceFile("test.GeneratedLayer").openWriter()) {
        out.write("package test;\n"
            + "import org.staticflow.annotations.*;\n"
            + "import org.staticflow.runtime.tensor.Tensor;\n"
            + "@Layer public interface GeneratedLayer {\n"
            + "  @Variable(shape = {2}, init = \"ones\") Tensor scale();\n"
            + "  @Output(\"v * scale\") Tensor apply(Tensor v);\n"
            + "}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }

  @Test
  void deferredUntilTheLayerTypeExists() {
    Compilation compilation = javac()
        .withProcessors(new LayerGenerator(), new StaticflowProcessor())
        .compile(ModelCompiler.source("UsesGenerated",
            "package test;",
            "import org.staticflow.annotations.*;",
            "import org.staticflow.runtime.tensor.Tensor;",
            "@Model public interface UsesGenerated {",
            "  @Input(shape = {-1, 2}) Tensor x();",
            "  @Layer GeneratedLayer layer();",
            "  @Output(\"layer(x)\") Tensor y();",
            "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Staticflow_UsesGenerated").isNotNull();
    assertEquals(1, compilation.generatedSourceFiles().stream()
        .filter(f -> f.getName().endsWith("Staticflow_UsesGenerated.java")).count());
  }
}
