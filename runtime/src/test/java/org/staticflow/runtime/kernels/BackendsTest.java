package org.staticflow.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which back end a JVM gets, with and without the Vector API module and the forcing property. */
class BackendsTest {

  @Test
  void simdExactlyWhenTheModuleIsPresentUnlessForced() {
    assertEquals("simd", Backends.choose(null, true));
    assertEquals("portable", Backends.choose(null, false));
    assertEquals("simd", Backends.choose(" ", true));
    assertEquals("portable", Backends.choose("portable", true));
    assertEquals("simd", Backends.choose("SIMD", false), "forcing is honoured; creating it then fails loudly");
    assertThrows(IllegalArgumentException.class, () -> Backends.choose("fast", true));
  }

  @Test
  void thisTestRunHasTheVectorModuleSoSimdIsTested() {
    assertTrue(Backends.simdAvailable(), "surefire must run with --add-modules jdk.incubator.vector");
    assertEquals("simd", Backends.name());
    assertEquals("simd", Backends.simd().toString());
    assertEquals("portable", Backends.portable().toString());
  }

  @Test
  void aJvmWithoutTheFlagGetsThePortableBackEnd() throws Exception {
    assertEquals("portable", backendOfFreshJvm());
    assertEquals("simd", backendOfFreshJvm("--add-modules", "jdk.incubator.vector"));
    assertEquals("portable", backendOfFreshJvm("--add-modules", "jdk.incubator.vector", "-D" + Backends.PROPERTY + "=portable"));
  }

  @Test
  void forcingSimdWithoutTheModuleFailsAtStartUp() throws Exception {
    String output = runFreshJvm("-D" + Backends.PROPERTY + "=simd");
    assertTrue(output.contains("--add-modules jdk.incubator.vector"), output);
  }

  /** Prints the back end name; run in a fresh JVM by the tests above. */
  public static void main(String[] args) {
    System.out.println("backend=" + Backends.name());
  }

  private static String backendOfFreshJvm(String... jvmArgs) throws IOException, InterruptedException {
    String output = runFreshJvm(jvmArgs);
    for (String line : output.split("\\R")) {
      if (line.startsWith("backend=")) {
        return line.substring("backend=".length());
      }
    }
    throw new AssertionError("no back end reported:\n" + output);
  }

  private static String runFreshJvm(String... jvmArgs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmArgs));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BackendsTest.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] bytes = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
