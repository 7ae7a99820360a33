package org.staticflow.runtime.kernels;

/**
 * Runs element-wise work over {@code [0, n)} in ranges on the kernels' persistent worker threads and the
 * caller, for the memory-bound per-element updates of optimizers, whose large variables (the 784x500 weights
 * of an MNIST MLP) cost as much as a matrix product when one core walks them. Work smaller than
 * {@link #MIN_RANGE} elements per thread runs on the caller alone, since a hand-off costs microseconds.
 *
 * <p>The body must treat each element independently: ranges run concurrently, in any order. Allocates
 * nothing (the body is the caller's object, reused between calls).
 */
public final class ParallelRanges {
  /** Work on the elements {@code [from, to)}. */
  @FunctionalInterface
  public interface Body {
    void run(int from, int to);
  }

  /** The least number of elements worth handing to another thread. */
  public static final int MIN_RANGE = 1 << 15;

  private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);

  private ParallelRanges() {}

  /** Runs {@code body} over {@code [0, n)}, split in ranges of at least {@link #MIN_RANGE} elements. */
  public static void run(int n, Body body) {
    WorkerPool pool = WorkerPool.shared();
    int ranges = Math.min(pool.parallelism(), n / MIN_RANGE);
    if (ranges <= 1) {
      body.run(0, n);
      return;
    }
    Split split = SPLITS.get();
    split.body = body;
    split.n = n;
    split.ranges = ranges;
    try {
      pool.invoke(split, ranges);
    } finally {
      split.body = null; // never keep the caller's arrays reachable
    }
  }

  /** Range {@code c} of {@code ranges} equal parts of {@code [0, n)}. */
  private static final class Split implements WorkerPool.Task {
    Body body;
    int n;
    int ranges;

    @Override
    public void run(int chunk) {
      body.run((int) ((long) n * chunk / ranges), (int) ((long) n * (chunk + 1) / ranges));
    }
  }
}
