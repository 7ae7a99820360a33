package org.staticflow.benchmarks.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.staticflow.processor.StaticflowProcessor;

/**
 * What compiling a model costs a build: javac on the seed CNN's source ({@link BenchCnn}) with the
 * Staticflow processor ({@code processor}), and the same compilation without annotation processing
 * ({@code none}, javac alone); the difference is the processor's share, including compiling the class it
 * generates. Each sample is one whole in-process compilation in a warm JVM, as in a build daemon.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ProcessorBenchmark {
  @Param({"processor", "none"})
  public String processing;

  private String source;
  private Path output;
  private JavaCompiler javac;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    try (InputStream in = ProcessorBenchmark.class.getResourceAsStream("BenchCnn.java")) {
      if (in == null) {
        throw new IllegalStateException("BenchCnn.java is not packaged as a resource of the benchmarks jar");
      }
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    output = Files.createTempDirectory("staticflow-processor-benchmark");
    javac = ToolProvider.getSystemJavaCompiler();
  }

  @Benchmark
  public boolean compile() {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>(List.of("--release", "17", "-d", output.toString(), "-s", output.toString(),
          "-classpath", System.getProperty("java.class.path")));
      if (processing.equals("none")) {
        options.add("-proc:none");
      }
      JavaCompiler.CompilationTask task = javac.getTask(Writer.nullWriter(), files, diagnostics, options, null,
          List.of(new Source(source)));
      if (processing.equals("processor")) {
        task.setProcessors(List.of(new StaticflowProcessor()));
      }
      if (!task.call()) {
        throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (var paths = Files.walk(output)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** The model source, in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String text) {
      super(java.net.URI.create("string:///org/staticflow/benchmarks/models/BenchCnn.java"), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
