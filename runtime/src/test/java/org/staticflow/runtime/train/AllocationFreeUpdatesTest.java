package org.staticflow.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;

/** After warm-up, optimizer updates, schedules and moving-average updates allocate nothing. */
class AllocationFreeUpdatesTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Bytes allocated by {@code repetitions} runs after warm-up. The JVM itself occasionally charges a few
   * hundred bytes to a thread (a deoptimisation, a safepoint under load), so the measurement is repeated
   * and the smallest figure kept: an action that allocates per run allocates in every attempt.
   */
  private static long allocatedBy(Runnable action, int repetitions) {
    for (int i = 0; i < repetitions; i++) {
      action.run(); // warm-up
    }
    long thread = Thread.currentThread().getId();
    long least = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 5 && least > 0; attempt++) {
      long before = THREADS.getThreadAllocatedBytes(thread);
      for (int i = 0; i < repetitions; i++) {
        action.run();
      }
      least = Math.min(least, THREADS.getThreadAllocatedBytes(thread) - before);
    }
    return least;
  }

  @Test
  void everyOptimizerAndTheMovingAverageUpdateWithoutAllocating() {
    LearningRate decaying = LearningRates.exponentialDecay(0.8f, 100, 0.99f, true);
    List<Optimizer> optimizers = List.of(
        new GradientDescentOptimizer(decaying),
        new MomentumOptimizer(decaying, 0.9f, true),
        new AdamOptimizer(LearningRate.constant(1e-4f)),
        new RMSPropOptimizer(decaying, 0.9f, 0.5f, 1e-10f, true),
        new AdagradOptimizer(LearningRates.polynomialDecay(0.1f, 100, 0.01f, 1f, true)));
    FloatTensor weights = FloatTensor.zeros(Shape.of(20, 30));
    FloatTensor biases = FloatTensor.zeros(Shape.of(30));
    List<FloatTensor> gradients = List.of(FloatTensor.zeros(Shape.of(20, 30)), FloatTensor.zeros(Shape.of(30)));
    java.util.Arrays.fill(gradients.get(0).data(), 0.01f);
    for (Optimizer optimizer : optimizers) {
      BoundOptimizer bound = optimizer.bind(List.of("w", "b"), List.of(weights, biases));
      long[] step = {0};
      assertEquals(0, allocatedBy(() -> bound.apply(gradients, step[0]++), 20_000), optimizer.name());
    }
    ExponentialMovingAverage average = new ExponentialMovingAverage(0.99f);
    average.apply(List.of("w", "b"), List.of(weights, biases));
    long[] n = {0};
    assertEquals(0, allocatedBy(() -> average.update(n[0]++), 20_000), "ExponentialMovingAverage");
  }

  /** Variables large enough to be split across the kernel threads ({@code ParallelRanges}) allocate nothing too. */
  @Test
  void updatesSplitAcrossThreadsDoNotAllocate() {
    FloatTensor weights = FloatTensor.zeros(Shape.of(300, 400));
    FloatTensor gradient = FloatTensor.zeros(Shape.of(300, 400));
    java.util.Arrays.fill(gradient.data(), 0.01f);
    List<FloatTensor> gradients = List.of(gradient);
    for (Optimizer optimizer : List.of(new GradientDescentOptimizer(LearningRate.constant(0.1f)),
        new AdamOptimizer(LearningRate.constant(1e-4f)))) {
      BoundOptimizer bound = optimizer.bind(List.of("w"), List.of(weights));
      long[] step = {0};
      assertEquals(0, allocatedBy(() -> bound.apply(gradients, step[0]++), 2_000), optimizer.name());
    }
    ExponentialMovingAverage average = new ExponentialMovingAverage(0.99f);
    average.apply(List.of("w"), List.of(weights));
    long[] n = {0};
    assertEquals(0, allocatedBy(() -> average.update(n[0]++), 2_000), "ExponentialMovingAverage");
  }
}
