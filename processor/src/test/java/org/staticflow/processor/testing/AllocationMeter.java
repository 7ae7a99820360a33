package org.staticflow.processor.testing;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes an action allocates on the calling thread once the JVM has settled. The SIMD kernels' vector
 * objects are only scalar-replaced once C2 has compiled the kernels, and the JVM occasionally charges a
 * few hundred bytes to a thread (a deoptimisation, a safepoint under load); so the action is measured in
 * rounds of five runs, up to {@value #ROUNDS} rounds, and the least round counts. Allocation on every run
 * shows in every round, so a leak still fails.
 */
public final class AllocationMeter {
  private static final int ROUNDS = 300;

  private AllocationMeter() {}

  /** The least bytes allocated by five runs of {@code action}, over up to {@value #ROUNDS} rounds (0 stops early). */
  public static long steadyStateBytes(Runnable action) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 3; i++) {
      action.run();
    }
    long least = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS && least > 0; round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 5; i++) {
        action.run();
      }
      least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
    }
    return least;
  }
}
