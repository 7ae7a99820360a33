package org.staticflow.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Proves that saves are atomic: a separate JVM ({@link CrashingSaveLoop}) saves a 128 MiB tensor over and
 * over and is killed with SIGKILL at a chosen moment of a save; afterwards the state file must name a
 * complete checkpoint, every checkpoint it lists must restore with exactly the values of its step, and a
 * new saver must be able to carry on in the same directory.
 *
 * <p>The kill moments are chosen by what the test observes (lines the child prints, files appearing), not
 * by timing, and the assertions hold wherever the kill lands, so the test cannot be flaky. For the moments
 * "while the data file is being written" the test also demands proof that the kill really landed there:
 * the child's temporary data file must still be on disk afterwards. Should the child outrun the test's
 * polling, the save is simply retried with the next step, and the whole run up to three times.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a hung child only; nothing asserts time
class SaverCrashTest {
  private static final int ELEMENTS = 32 << 20; // int32: 128 MiB
  private static final long DATA_BYTES = 8 + 4L * ELEMENTS; // global_step (int64) + weights
  private static final int MAX_TO_KEEP = 2;
  private static final int SAVES = 25;
  /** The kill is armed once this many saves have completed, so there is a previous checkpoint to lose. */
  private static final long ARM_AFTER = 2;
  private static final String PREFIX_NAME = "model.ckpt";

  /** When, within the armed save, the child is killed. */
  enum KillPoint {
    /** As soon as the child says it starts saving. */
    ON_SAVING_LINE(false),
    /** A quarter of the data written to the temporary data file. */
    DATA_QUARTER_WRITTEN(true),
    /** Three quarters of the data written. */
    DATA_THREE_QUARTERS_WRITTEN(true),
    /** The data file renamed into place (the index possibly not yet). */
    DATA_RENAMED(false),
    /** The index renamed into place (the state file possibly not yet updated). */
    INDEX_RENAMED(false),
    /** The state file names the new checkpoint (the oldest one possibly being deleted). */
    STATE_FILE_REPLACED(false);

    final boolean provesMidWrite;

    KillPoint(boolean provesMidWrite) {
      this.provesMidWrite = provesMidWrite;
    }
  }

  /** What a killed run left behind, as seen by the test. */
  private record Outcome(
      boolean killed,
      long armedStep,
      long lastSaving,
      long lastSaved,
      long tempDataBytes,
      String armedStepFiles) {}

  @ParameterizedTest
  @EnumSource(KillPoint.class)
  void killedMidSaveLeavesLatestCheckpointCompleteAndRestorable(KillPoint point, @TempDir Path base)
      throws Exception {
    List<Outcome> attempts = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      Path dir = base.resolve("attempt-" + attempt);
      Files.createDirectories(dir);
      Outcome outcome = runAndKill(dir, point);
      attempts.add(outcome);
      System.out.println("SaverCrashTest " + point + " attempt " + attempt + ": " + outcome);
      if (!outcome.killed()) {
        continue;
      }
      verifyDirectory(dir, outcome);
      if (!point.provesMidWrite || outcome.tempDataBytes() >= 0) {
        return;
      }
      Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    fail("the child was never killed at " + point + " in 3 runs: " + attempts);
  }

  private Outcome runAndKill(Path dir, KillPoint point) throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashingSaveLoop.class.getName(),
                dir.toString(),
                Integer.toString(ELEMENTS),
                Integer.toString(MAX_TO_KEEP),
                Integer.toString(SAVES))
            .redirectErrorStream(true)
            .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    StringBuilder transcript = new StringBuilder();
    Thread pump = new Thread(() -> pumpLines(child, lines), "crash-child-output");
    pump.start();
    long lastSaving = 0;
    long lastSaved = 0;
    long armed = -1;
    boolean killed = false;
    boolean finished = false;
    try {
      while (!killed && !finished) {
        String line;
        while (!killed && (line = lines.poll()) != null) {
          transcript.append(line).append('\n');
          if (line.equals("EOF")) {
            finished = true;
          } else if (line.startsWith("SAVING ")) {
            lastSaving = Long.parseLong(line.substring(7));
            if (armed < 0 && lastSaved >= ARM_AFTER) {
              armed = lastSaving;
              if (point == KillPoint.ON_SAVING_LINE) {
                child.destroyForcibly();
                killed = true;
              }
            }
          } else if (line.startsWith("SAVED ")) {
            lastSaved = Long.parseLong(line.substring(6));
            if (lastSaved == armed) {
              armed = -1; // the moment was missed in this save; try again in the next
            }
          }
        }
        if (!killed && !finished && armed > 0 && reached(dir, point, armed)) {
          child.destroyForcibly();
          killed = true;
        }
        if (!killed && !finished) {
          Thread.sleep(1);
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
      pump.join();
    }
    // Lines the child printed before it died are still in the pipe.
    for (String line : lines) {
      transcript.append(line).append('\n');
      if (line.startsWith("SAVING ")) {
        lastSaving = Long.parseLong(line.substring(7));
      } else if (line.startsWith("SAVED ")) {
        lastSaved = Long.parseLong(line.substring(6));
      }
    }
    if (!transcript.toString().contains("SAVED 1")) {
      fail("child did not save its first checkpoint; its output:\n" + transcript);
    }
    long tempBytes = killed && armed > 0 ? tempDataBytes(dir, armed) : -1;
    return new Outcome(killed, armed, lastSaving, lastSaved, tempBytes, describeFiles(dir, armed));
  }

  private static void pumpLines(Process child, BlockingQueue<String> lines) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("output pump failed: " + e);
    }
    lines.add("EOF");
  }

  private static boolean reached(Path dir, KillPoint point, long step) throws IOException {
    String prefix = PREFIX_NAME + "-" + step;
    return switch (point) {
      case ON_SAVING_LINE -> true;
      case DATA_QUARTER_WRITTEN -> tempDataBytes(dir, step) >= DATA_BYTES / 4;
      case DATA_THREE_QUARTERS_WRITTEN -> tempDataBytes(dir, step) >= DATA_BYTES * 3 / 4;
      case DATA_RENAMED -> Files.exists(dir.resolve(prefix + ".data-00000-of-00001"));
      case INDEX_RENAMED -> Files.exists(dir.resolve(prefix + ".index"));
      case STATE_FILE_REPLACED ->
          Checkpoints.getCheckpointState(dir)
              .map(state -> state.modelCheckpointPath().getFileName().toString().equals(prefix))
              .orElse(false);
    };
  }

  /** Size of the temporary data file of {@code step}'s save, or -1 if there is none. */
  private static long tempDataBytes(Path dir, long step) throws IOException {
    String tempName = PREFIX_NAME + "-" + step + ".data-00000-of-00001.tempstate";
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().startsWith(tempName)) {
          try {
            return Files.size(file);
          } catch (NoSuchFileException e) {
            return -1; // renamed into place just now
          }
        }
      }
    }
    return -1;
  }

  /** Which files of the armed save exist after the kill, and what the state file names: for the log. */
  private static String describeFiles(Path dir, long step) throws IOException {
    String prefix = PREFIX_NAME + "-" + step;
    return "data " + Files.exists(dir.resolve(prefix + ".data-00000-of-00001"))
        + ", index " + Files.exists(dir.resolve(prefix + ".index"))
        + ", state names " + Checkpoints.getCheckpointState(dir).map(s -> s.modelCheckpointPath().getFileName()).orElse(null);
  }

  private static void verifyDirectory(Path dir, Outcome outcome) throws IOException {
    assertTrue(outcome.lastSaved() >= ARM_AFTER, outcome.toString());
    CheckpointState state =
        Checkpoints.getCheckpointState(dir).orElseThrow(() -> new AssertionError("state file lost: " + outcome));
    Path latest =
        Checkpoints.latestCheckpoint(dir)
            .orElseThrow(() -> new AssertionError("state file names an incomplete checkpoint: " + state));
    long latestStep = stepOf(latest);
    // The state file is replaced before SAVED is printed and after SAVING.
    assertTrue(
        outcome.lastSaved() <= latestStep && latestStep <= outcome.lastSaving(),
        "latest checkpoint " + latest + " outside the saves the child reported: " + outcome);
    assertEquals(latest, state.allModelCheckpointPaths().get(state.allModelCheckpointPaths().size() - 1));
    assertTrue(state.allModelCheckpointPaths().size() <= MAX_TO_KEEP, state.toString());

    IntTensor weights = IntTensor.of(Shape.of(ELEMENTS), new int[ELEMENTS]);
    LongTensor globalStep = LongTensor.scalar(-1);
    Map<String, Tensor> variables = new LinkedHashMap<>();
    variables.put("weights", weights);
    variables.put("global_step", globalStep);
    Saver saver = Saver.builder(variables).maxToKeep(MAX_TO_KEEP).build();
    for (Path listed : state.allModelCheckpointPaths()) {
      long step = stepOf(listed);
      saver.restore(listed); // checks every tensor's CRC32C
      assertEquals(step, globalStep.data()[0], listed.toString());
      assertValues(weights, step, listed);
    }

    // Carry on where the killed run stopped: the next save works and becomes the latest.
    saver.restore(latest);
    saver.recoverLastCheckpoints(state.allModelCheckpointPaths());
    globalStep.data()[0] = latestStep + 100;
    Path next = saver.save(dir.resolve(PREFIX_NAME), latestStep + 100);
    assertEquals(next, Checkpoints.latestCheckpoint(dir).orElseThrow());
    java.util.Arrays.fill(weights.data(), 0);
    saver.restore(next);
    assertValues(weights, latestStep, next);
    assertEquals(
        List.of(latest, next),
        Checkpoints.getCheckpointState(dir).orElseThrow().allModelCheckpointPaths());
  }

  private static void assertValues(IntTensor weights, long step, Path checkpoint) {
    int[] data = weights.data();
    for (int i = 0; i < data.length; i++) {
      if (data[i] != CrashingSaveLoop.value(step, i)) {
        fail(checkpoint + ": element " + i + " is " + data[i] + ", expected " + CrashingSaveLoop.value(step, i));
      }
    }
  }

  private static long stepOf(Path prefix) {
    String name = prefix.getFileName().toString();
    return Long.parseLong(name.substring(name.lastIndexOf('-') + 1));
  }
}
