package org.staticflow.processor.testing;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes an action allocates on the calling thread once the JVM has settled. The SIMD kernels' vector
 * objects are only scalar-replaced once C2 has compiled the kernels, and the JVM occasionally charges a
 * few hundred bytes to a thread (a deoptimisation, a safepoint under load); so the action is measured in
 * rounds of five runs and the least round counts. Rounds go on until one allocates nothing, for at least
 * {@value #MIN_ROUNDS} rounds and at most {@value #PATIENCE_SECONDS} seconds: on a loaded machine C2's compile
 * queue can hold the kernels back for seconds, and until then every round allocates. Allocation on every
 * run shows in every round, so a leak still fails (after the patience runs out).
 */
public final class AllocationMeter {
  private static final int MIN_ROUNDS = 300;
  private static final long PATIENCE_SECONDS = 60;

  private AllocationMeter() {}

  /** The least bytes allocated by five runs of {@code action} over the rounds described above (0 stops early). */
  public static long steadyStateBytes(Runnable action) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 3; i++) {
      action.run();
    }
    long least = Long.MAX_VALUE;
    long deadline = System.nanoTime() + PATIENCE_SECONDS * 1_000_000_000L;
    for (int round = 0; least > 0 && (round < MIN_ROUNDS || System.nanoTime() < deadline); round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 5; i++) {
        action.run();
      }
      least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
    }
    return least;
  }
}
