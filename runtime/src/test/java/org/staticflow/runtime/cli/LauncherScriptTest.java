package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;
import picocli.CommandLine;

/**
 * Runs the real {@code ./staticflow} launcher as a separate process. Tests run before the jars are
 * packaged, so the launcher is pointed at this test run's classes through {@code STATICFLOW_CLASSPATH}; what
 * is checked is the script itself: it works from any directory and through a symlink, passes arguments
 * with spaces and quotes through unchanged, and returns the tool's exit status and streams.
 */
class LauncherScriptTest {
  private static Path script;
  private static String classPath;

  @TempDir Path dir;

  @BeforeAll
  static void locate() throws URISyntaxException {
    Path moduleDir = Path.of("").toAbsolutePath();
    script = moduleDir.resolveSibling("staticflow");
    if (!Files.isRegularFile(script)) {
      script = moduleDir.resolve("staticflow"); // run from the repository root
    }
    assertTrue(Files.isExecutable(script), "launcher not found or not executable: " + script);
    List<String> entries = new ArrayList<>();
    for (Class<?> type :
        new Class<?>[] {
          StaticflowCli.class, CommandLine.class, BundleEntryProto.class, com.google.protobuf.Message.class,
          SnappyDecompressor.class,
          // The graph commands run kernels, whose matrix products are EJML's.
          org.ejml.data.FMatrix1Row.class, org.ejml.dense.row.CommonOps_FDRM.class
        }) {
      entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    classPath = String.join(File.pathSeparator, entries);
  }

  private record Run(int status, String out, String err) {}

  private Run launch(Path launcher, Path workingDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    builder.environment().put("STATICFLOW_CLASSPATH", classPath);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("JAVA_OPTS");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        withoutIncubatorWarning(Files.readString(err, StandardCharsets.UTF_8)));
  }

  /**
   * The launcher starts the JVM with the Vector API module for the SIMD kernels, and the JVM says so once on
   * standard error; the tool's own error output is what follows.
   */
  private static String withoutIncubatorWarning(String err) {
    String warning = "WARNING: Using incubator modules: jdk.incubator.vector\n";
    assertTrue(err.startsWith(warning), () -> "the launcher should start the JVM with the Vector API: " + err);
    return err.substring(warning.length());
  }

  @Test
  void passesArgumentsWithSpacesAndQuotesAndReturnsTheStatus() throws Exception {
    Path checkpointDir = Files.createDirectories(dir.resolve("my models/it's here"));
    Path prefix = Cli.write(checkpointDir.resolve("model ckpt"), Map.of("w", FloatTensor.of(Shape.of(2), 1, 2)));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    Run list = launch(script, elsewhere, "ckpt", "list", prefix.toString());
    assertEquals(0, list.status(), list::toString);
    assertEquals("w  float32  [2]\n", list.out());
    assertEquals("", list.err());

    Path other = Cli.write(checkpointDir.resolve("other"), Map.of("w", FloatTensor.of(Shape.of(2), 1, 3)));
    Run diff = launch(script, elsewhere, "ckpt", "diff", prefix.toString(), other.toString());
    assertEquals(1, diff.status(), diff::toString);

    Run missing = launch(script, elsewhere, "ckpt", "show", prefix.toString(), "no such key");
    assertEquals(2, missing.status(), missing::toString);
    assertEquals("staticflow: Key no such key not found in checkpoint " + prefix + "\n", missing.err());
    assertEquals("", missing.out());
  }

  @Test
  void worksThroughASymlinkFromAnotherDirectory() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("sf"), script);
    Run help = launch(link, dir, "--help");
    assertEquals(0, help.status(), help::toString);
    assertTrue(help.out().startsWith("Usage: staticflow [-hV] [--verbose] [COMMAND]"), help::toString);
    assertTrue(help.out().contains("ckpt    Inspect and rewrite TensorFlow checkpoints."), help::toString);

    Run usage = launch(link, dir, "ckpt", "list");
    assertEquals(2, usage.status(), usage::toString);
    assertTrue(usage.err().startsWith("staticflow: Missing required parameter: 'PREFIX'\n"), usage::toString);
  }

  @Test
  void runsTheGraphCommands() throws Exception {
    Path saved = org.staticflow.runtime.testing.SharedFiles.servingFixture(
        "servables/tensorflow/testdata/saved_model_half_plus_two_cpu/00000123");
    Path json = dir.resolve("x values.json");
    Files.writeString(json, "{\"dtype\": \"DT_FLOAT\", \"shape\": [2, 1], \"values\": [0, 2]}");
    Run run = launch(script, dir, "graph", "run", saved.toString(), "--feed", "x:0=" + json, "--fetch", "y:0");
    assertEquals(0, run.status(), run::toString);
    assertEquals("{\"dtype\": \"DT_FLOAT\", \"shape\": [2, 1], \"values\": [2.0, 3.0]}\n", run.out());
    Run list = launch(script, dir, "graph", "list", saved.toString());
    assertEquals(0, list.status(), list::toString);
    assertTrue(list.out().startsWith("a/initial_value Const\na VariableV2\n"), list::toString);
  }
}
