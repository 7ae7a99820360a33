package org.staticflow.runtime.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Runs the SIMD back end's element-wise kernels, bias and activation, reductions and pooling on the {@link
 * WorkerPool} when they are large. The work is split so that no result depends on the split: element-wise work
 * by elements, rows or output rows (each output is computed by one thread, from the same inputs, by the same
 * operations), sums by outer index or by blocks of whole vector columns (each output's sum runs on one thread,
 * in the portable order). So the parallel results are bit-for-bit those of one thread.
 *
 * <p>How large is large was measured on two cores (a VM, where waking a worker that idled between calls costs
 * some 10-20 us): streaming work (a few vector operations per element: most kernels here) gains from
 * {@value #STREAMING} elements on, as much as it loses below; the portable transcendental functions (some 20 ns
 * an element) from {@code 2 *} {@link ParallelRanges#MIN_RANGE}.
 *
 * <p>{@code unaryGradColumnSums} stays on one thread (see {@link #unaryGradColumnSums}).
 *
 * <p>One instance per calling thread (see {@link #CALLS}): it is the pool task, its fields describe the call in
 * progress and are cleared after it, so a call allocates nothing and keeps no array reachable.
 */
final class SimdParallel implements WorkerPool.Task {
  private static final int VL = FloatVector.SPECIES_PREFERRED.length();

  /** Chunks per thread: more than one, so a thread that runs while another is descheduled takes more. */
  private static final int CHUNKS_PER_THREAD = 4;

  /** Elements from which streaming work is split. */
  static final long STREAMING = 8L * ParallelRanges.MIN_RANGE;

  /** Elements from which compute-bound work (the portable transcendental functions) is split. */
  static final long COMPUTING = 2L * ParallelRanges.MIN_RANGE;

  private static final int UNARY = 0;
  private static final int UNARY_GRAD = 1;
  private static final int BINARY = 2;
  private static final int BIAS_ACTIVATION = 3;
  private static final int REDUCE_COLUMNS = 4;
  private static final int REDUCE_OUTER = 5;
  private static final int POOL = 6;
  private static final int MAX_POOL_GRAD = 7;
  private static final int SCALED_ADD = 8;
  private static final int L2_BLOCKS = 9;

  private static final ThreadLocal<SimdParallel> CALLS = ThreadLocal.withInitial(SimdParallel::new);

  private final WorkerPool pool = WorkerPool.shared();

  // The call in progress.
  private int kind;
  private int units;
  private int chunks;
  private UnaryOp unaryOp;
  private BinaryOp binaryOp;
  private Broadcast plan;
  private WindowGeometry geometry;
  private float[] a;
  private float[] b;
  private float[] c;
  private float[] d;
  private int n;
  private int rows;
  private int cols;
  private int axis;
  private int run;
  private boolean flag;
  private boolean aScalar;
  private boolean bScalar;
  private float scale;
  /** Block sums of {@link #l2Loss}, grown on demand and reused. */
  private double[] partials = new double[0];

  private SimdParallel() {}

  /**
   * How many chunks {@code elements} of work in {@code units} indivisible parts run in: 1 (the caller alone)
   * below {@code threshold} elements or with one thread, else a few per thread, at most one per unit and one
   * per {@link ParallelRanges#MIN_RANGE} elements.
   */
  private int chunks(long elements, long threshold, int units) {
    int threads = pool.parallelism();
    if (threads < 2 || elements < threshold || units < 2) {
      return 1;
    }
    return (int) Math.min(units, Math.min(elements / ParallelRanges.MIN_RANGE, (long) CHUNKS_PER_THREAD * threads));
  }

  /** {@code out[i] = op(x[i])}, vectorised where {@link SimdElementwise#hasUnary}, else the portable loop. */
  static void unary(UnaryOp op, float[] x, float[] out, int n) {
    SimdParallel call = CALLS.get();
    int vectors = (n + VL - 1) / VL;
    int chunks = call.chunks(n, SimdElementwise.hasUnary(op) ? STREAMING : COMPUTING, vectors);
    if (chunks == 1) {
      unaryRange(op, x, out, 0, n);
      return;
    }
    call.unaryOp = op;
    call.a = x;
    call.b = out;
    call.n = n;
    call.invoke(UNARY, vectors, chunks);
  }

  private static void unaryRange(UnaryOp op, float[] x, float[] out, int from, int to) {
    if (!SimdElementwise.unary(op, x, out, from, to)) {
      PortableKernels.unaryRange(op, x, out, from, to);
    }
  }

  /** {@link Kernels#unaryGrad}, vectorised where {@link SimdElementwise#hasUnaryGrad}, else the portable loop. */
  static void unaryGrad(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, int n) {
    SimdParallel call = CALLS.get();
    int vectors = (n + VL - 1) / VL;
    int chunks = call.chunks(n, STREAMING, vectors);
    if (chunks == 1) {
      unaryGradRange(op, x, y, dy, dx, 0, n);
      return;
    }
    call.unaryOp = op;
    call.a = x;
    call.b = y;
    call.c = dy;
    call.d = dx;
    call.n = n;
    call.invoke(UNARY_GRAD, vectors, chunks);
  }

  private static void unaryGradRange(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
    if (!SimdElementwise.unaryGrad(op, x, dy, dx, from, to)) {
      PortableKernels.unaryGradRange(op, x, y, dy, dx, from, to);
    }
  }

  /** {@link SimdElementwise#binaryRange} over the whole output ({@code plan.size() > 0} elements). */
  static void binary(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan, int axis, int run,
      boolean aScalar, boolean bScalar) {
    SimdParallel call = CALLS.get();
    int size = plan.size();
    int vectors = (size + VL - 1) / VL;
    int chunks = call.chunks(size, STREAMING, vectors);
    if (chunks == 1) {
      SimdElementwise.binaryRange(op, a, b, out, plan, axis, run, aScalar, bScalar, 0, size);
      return;
    }
    call.binaryOp = op;
    call.a = a;
    call.b = b;
    call.c = out;
    call.plan = plan;
    call.axis = axis;
    call.run = run;
    call.aScalar = aScalar;
    call.bScalar = bScalar;
    call.n = size;
    call.invoke(BINARY, vectors, chunks);
  }

  /**
   * {@link Kernels#l2Loss}: the blocks of {@link PortableKernels#l2BlockSum} summed on the threads, then added in
   * block order on the caller, so the result is the portable one whatever the split.
   */
  static void l2Loss(float[] x, float[] out, int n) {
    SimdParallel call = CALLS.get();
    int blocks = (n + PortableKernels.L2_BLOCK - 1) / PortableKernels.L2_BLOCK;
    int chunks = call.chunks(n, STREAMING, blocks);
    double sum = 0;
    if (chunks == 1) {
      for (int from = 0; from < n; from += PortableKernels.L2_BLOCK) {
        sum += SimdElementwise.l2BlockSum(x, from, Math.min(from + PortableKernels.L2_BLOCK, n));
      }
    } else {
      if (call.partials.length < blocks) {
        call.partials = new double[blocks];
      }
      call.a = x;
      call.n = n;
      call.invoke(L2_BLOCKS, blocks, chunks);
      for (int block = 0; block < blocks; block++) {
        sum += call.partials[block];
      }
    }
    out[0] = (float) (sum / 2);
  }

  /** {@link Kernels#scaledAdd} with the scale read, split by elements. */
  static void scaledAdd(float[] x, float scale, float[] y, float[] out, int n) {
    SimdParallel call = CALLS.get();
    int vectors = (n + VL - 1) / VL;
    int chunks = call.chunks(n, STREAMING, vectors);
    if (chunks == 1) {
      SimdElementwise.scaledAdd(x, scale, y, out, 0, n);
      return;
    }
    call.a = x;
    call.scale = scale;
    call.b = y;
    call.c = out;
    call.n = n;
    call.invoke(SCALED_ADD, vectors, chunks);
  }

  /** {@link Kernels#biasActivation}, split by rows. */
  static void biasActivation(UnaryOp op, float[] x, float[] bias, float[] out, int rows, int cols) {
    SimdParallel call = CALLS.get();
    long threshold = SimdElementwise.hasUnary(op) ? STREAMING : COMPUTING;
    int chunks = call.chunks((long) rows * cols, threshold, rows);
    if (chunks == 1) {
      SimdElementwise.biasActivation(op, x, bias, out, cols, 0, rows);
      return;
    }
    call.unaryOp = op;
    call.a = x;
    call.b = bias;
    call.c = out;
    call.cols = cols;
    call.invoke(BIAS_ACTIVATION, rows, chunks);
  }

  /**
   * {@link Kernels#unaryGradColumnSums}: for {@code RELU} and {@code RELU6}, one pass on the calling thread ({@link
   * SimdElementwise#unaryGradColumnSums}), whatever the size; the other ops compute the gradient, then the
   * column sums, each split when large.
   *
   * <p>Why one thread: each column's sum is a chain through all rows in order, so only the gradient can be
   * split, not the sums. Split by blocks of columns, threads write the same cache lines of {@code dx} (a row is
   * rarely a whole number of cache lines, or aligned to one), and the pass got slower than on one thread.
   * Split by rows, with the first rows' sums fused on one thread while the others compute the rest of the
   * gradient and the sums then continued over the rest of {@code dx}, it was no faster either (from 15%
   * faster to 15% slower than one thread at the CNN sizes, 100x28x28 by 32 and 100x14x14 by 64): the
   * continuation reads back what the other core wrote. The one pass is as fast as the gradient split over
   * the threads followed by the sums, and faster than both on one thread.
   */
  static void unaryGradColumnSums(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx, float[] sums, int rows, int cols) {
    if (SimdElementwise.hasUnaryGrad(op)) {
      SimdElementwise.unaryGradColumnSums(op, x, dy, dx, sums, rows, cols);
      return;
    }
    unaryGrad(op, x, y, dy, dx, rows * cols);
    java.util.Arrays.fill(sums, 0, cols, 0f);
    reduceBlocked(false, dx, sums, 1, rows, cols);
  }

  /**
   * {@code out[o, j] += x[o, m, j]} (or max) over {@code m} in increasing order (the portable {@code
   * reduceBlocked}): vector columns where the rows are at least a vector wide, otherwise the portable loop;
   * large ones split by outer index, or, with one outer index, by blocks of at least two vector columns (each
   * thread reads the cache lines of its columns: narrower blocks would make both read nearly all of them).
   */
  static void reduceBlocked(boolean max, float[] x, float[] out, int outer, int mid, int inner) {
    SimdParallel call = CALLS.get();
    long elements = (long) outer * mid * inner;
    int vectorColumns = inner / VL;
    boolean byColumns = outer < 2;
    // The portable loop (rows narrower than a vector) is a chain of dependent scalar operations: compute-bound.
    long threshold = vectorColumns > 0 ? STREAMING : COMPUTING;
    int chunks = byColumns
        ? Math.min(call.chunks(elements, threshold, vectorColumns / 2), call.pool.parallelism())
        : call.chunks(elements, threshold, outer);
    if (chunks == 1) {
      if (vectorColumns > 0) {
        SimdElementwise.reduceColumns(max, x, out, 0, outer, mid, inner, 0, inner);
      } else {
        PortableKernels.reduceBlockedRange(max, x, out, 0, outer, mid, inner);
      }
      return;
    }
    call.flag = max;
    call.a = x;
    call.b = out;
    call.n = outer;
    call.rows = mid;
    call.cols = inner;
    call.invoke(byColumns ? REDUCE_COLUMNS : REDUCE_OUTER, byColumns ? vectorColumns : outer, chunks);
  }

  /** Max or average pooling, split by output rows. */
  static void pool(float[] x, float[] out, WindowGeometry g, boolean max) {
    SimdParallel call = CALLS.get();
    int outputRows = g.batch() * g.outHeight();
    long elements = Math.max((long) g.batch() * g.inHeight() * g.inWidth(), (long) outputRows * g.outWidth()) * g.inChannels();
    int chunks = call.chunks(elements, STREAMING, outputRows);
    if (chunks == 1) {
      SimdPooling.pool(x, out, g, max, 0, outputRows);
      return;
    }
    call.a = x;
    call.b = out;
    call.geometry = g;
    call.flag = max;
    call.invoke(POOL, outputRows, chunks);
  }

  /** {@link SimdPooling#maxPoolGrad2x2} (a {@link SimdPooling#tiles2x2} geometry), split by output rows. */
  static void maxPoolGrad2x2(float[] x, float[] dy, float[] dx, WindowGeometry g) {
    SimdParallel call = CALLS.get();
    int outputRows = g.batch() * g.outHeight();
    int chunks = call.chunks((long) g.batch() * g.inHeight() * g.inWidth() * g.inChannels(), STREAMING, outputRows);
    if (chunks == 1) {
      SimdPooling.maxPoolGrad2x2(x, dy, dx, g, 0, outputRows);
      return;
    }
    call.a = x;
    call.b = dy;
    call.c = dx;
    call.geometry = g;
    call.invoke(MAX_POOL_GRAD, outputRows, chunks);
  }

  private void invoke(int kind, int units, int chunks) {
    this.kind = kind;
    this.units = units;
    this.chunks = chunks;
    try {
      pool.invoke(this, chunks);
    } finally {
      // Keep no reference to the caller's arrays between calls.
      a = b = c = d = null;
      plan = null;
      geometry = null;
    }
  }

  @Override
  public void run(int chunk) {
    int u0 = (int) ((long) units * chunk / chunks);
    int u1 = (int) ((long) units * (chunk + 1) / chunks);
    switch (kind) {
      case UNARY -> unaryRange(unaryOp, a, b, u0 * VL, Math.min(u1 * VL, n));
      case UNARY_GRAD -> unaryGradRange(unaryOp, a, b, c, d, u0 * VL, Math.min(u1 * VL, n));
      case BINARY -> SimdElementwise.binaryRange(binaryOp, a, b, c, plan, axis, run, aScalar, bScalar, u0 * VL, Math.min(u1 * VL, n));
      case BIAS_ACTIVATION -> SimdElementwise.biasActivation(unaryOp, a, b, c, cols, u0, u1);
      case REDUCE_COLUMNS -> SimdElementwise.reduceColumns(flag, a, b, 0, n, rows, cols, u0 * VL, columnEnd(u1));
      case REDUCE_OUTER -> {
        if (cols >= VL) {
          SimdElementwise.reduceColumns(flag, a, b, u0, u1, rows, cols, 0, cols);
        } else {
          PortableKernels.reduceBlockedRange(flag, a, b, u0, u1, rows, cols);
        }
      }
      case POOL -> SimdPooling.pool(a, b, geometry, flag, u0, u1);
      case MAX_POOL_GRAD -> SimdPooling.maxPoolGrad2x2(a, b, c, geometry, u0, u1);
      case SCALED_ADD -> SimdElementwise.scaledAdd(a, scale, b, c, u0 * VL, Math.min(u1 * VL, n));
      case L2_BLOCKS -> {
        for (int block = u0; block < u1; block++) {
          int from = block * PortableKernels.L2_BLOCK;
          partials[block] = SimdElementwise.l2BlockSum(a, from, Math.min(from + PortableKernels.L2_BLOCK, n));
        }
      }
      default -> throw new IllegalStateException("kind " + kind);
    }
  }

  /** The end of a block of vector columns ending at vector column {@code u1}: the last block takes the tail. */
  private int columnEnd(int u1) {
    return u1 == units ? cols : u1 * VL;
  }
}
