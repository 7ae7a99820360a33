package org.staticflow.processor.testing;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.staticflow.processor.StaticflowProcessor;
import org.staticflow.runtime.model.CompiledModel;

/**
 * Compiles model sources with the processor in memory (compile-testing) and loads the generated classes,
 * so tests can run the forward pass they produce.
 */
public final class ModelCompiler {
  private ModelCompiler() {}

  /** A source file {@code test/<name>.java} made of {@code lines}. */
  public static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }

  /** Compiles with the processor and every lint warning enabled. */
  public static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  /** Compiles with the processor, every lint warning enabled, and extra javac {@code options}. */
  public static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(List.of("-Xlint:all,-processing"));
    all.addAll(options);
    return javac().withProcessors(new StaticflowProcessor()).withOptions(all).compile(sources);
  }

  /**
   * Compiles, requires success without warnings, and instantiates {@code test.Staticflow_<model>}.
   *
   * @throws AssertionError with javac's diagnostics when compilation fails or warns
   */
  public static CompiledModel compileAndLoad(String model, JavaFileObject... sources) {
    return compileAndLoad(model, List.of(), sources);
  }

  /** As {@link #compileAndLoad(String, JavaFileObject...)} with extra javac {@code options}. */
  public static CompiledModel compileAndLoad(String model, List<String> options, JavaFileObject... sources) {
    Compilation compilation = compile(options, sources);
    StringBuilder problems = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
          || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
        problems.append(d).append('\n');
      }
    }
    if (compilation.status() != Compilation.Status.SUCCESS || problems.length() > 0) {
      throw new AssertionError("compilation failed or warned:\n" + problems + generatedSources(compilation));
    }
    try {
      Class<?> type = new GeneratedClassLoader(compilation).loadClass("test." + "Staticflow_" + model);
      return (CompiledModel) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The text of every generated source, for failure messages and golden files. */
  public static String generatedSources(Compilation compilation) {
    StringBuilder text = new StringBuilder();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      try {
        text.append(file.getCharContent(true));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return text.toString();
  }

  /** Loads classes and resources from the compilation's in-memory class output. */
  private static final class GeneratedClassLoader extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();
    private final Map<String, JavaFileObject> resources = new HashMap<>();

    GeneratedClassLoader(Compilation compilation) {
      super(ModelCompiler.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(), path.length() - ".class".length())
              .replace('/', '.');
          classes.put(name, file);
        } else if (file.toUri().getPath().contains("CLASS_OUTPUT/")) {
          String path = file.toUri().getPath();
          resources.put(path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()), file);
        }
      }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      JavaFileObject file = resources.get(name);
      if (file == null) {
        return super.getResourceAsStream(name);
      }
      try {
        return file.openInputStream();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject file = classes.get(name);
      if (file == null) {
        throw new ClassNotFoundException(name + " not among " + classes.keySet());
      }
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
