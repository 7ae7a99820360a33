package org.staticflow.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, the SIMD back end's hot kernels allocate nothing, on the calling thread or on the kernel worker threads
 * (packing buffers are per-thread scratch, grown once). Sizes include products large enough to run on
 * several threads. (The portable back end is not held to this for products: EJML's {@code multTransAB}
 * allocates a transposed copy.)
 */
class KernelAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Bytes allocated by the caller and the kernel workers: the least over attempts of {@code repetitions} calls,
   * repeated until one allocates nothing or {@link #PATIENCE_NANOS} have passed (JVM noise, see
   * AllocationFreeUpdatesTest). Code that C2 has not compiled yet boxes every vector, and on a busy machine the
   * JIT can take seconds to get to a kernel; a kernel that allocates in its compiled form allocates in every
   * attempt and fails.
   */
  private static long allocatedBy(Runnable action, int repetitions) {
    for (int i = 0; i < repetitions; i++) {
      action.run();
    }
    long least = Long.MAX_VALUE;
    long start = System.nanoTime();
    for (int attempt = 0; least > 0 && (attempt < 5 || System.nanoTime() - start < PATIENCE_NANOS); attempt++) {
      if (attempt > 0) {
        pause(Math.min(100L * attempt, 500L));
      }
      long[] ids = threadIds();
      long before = allocated(ids);
      for (int i = 0; i < repetitions; i++) {
        action.run();
      }
      least = Math.min(least, allocated(ids) - before);
    }
    return least;
  }

  /** How long {@link #allocatedBy} keeps trying for an attempt that allocates nothing. */
  private static final long PATIENCE_NANOS = 30_000_000_000L;

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long[] threadIds() {
    List<Long> ids = new ArrayList<>();
    ids.add(Thread.currentThread().getId());
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("staticflow-kernels-")) {
        ids.add(t.getId());
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  /** One thread at a time: the array-taking variant would itself allocate on this thread. */
  private static long allocated(long[] ids) {
    long s = 0;
    for (long id : ids) s += Math.max(THREADS.getThreadAllocatedBytes(id), 0);
    return s;
  }

  @Test
  void hotKernelsDoNotAllocate() {
    Kernels kernels = Backends.simd();
    float[] a = new float[100 * 784];
    float[] b = new float[784 * 500];
    float[] c = new float[100 * 500];
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, c, 100, 784, 500, false, false), 50), "large matmul");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, c, b, 784, 100, 500, true, true), 50), "large matmul, both transposed");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, c, 7, 9, 13, false, false), 20_000), "small matmul");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, c, 100, 500, 10, false, false), 1000), "narrow output");
    float[] wide = new float[301 * 1001];
    assertEquals(0, allocatedBy(() -> kernels.matmul(b, a, c, 1003, 300, 10, false, false), 200), "narrow output, on every core");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, wide, 301, 10, 1001, false, true), 200), "shallow, B transposed, larger");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, c, 500, 100, 10, true, false), 1000), "narrow output, A transposed");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, c, 100, 10, 500, false, true), 1000), "shallow, B transposed");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, c, 13, 7, 3, false, false), 20_000), "narrow output, one thread");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, c, 1, 784, 500, false, false), 1000), "one-row matmul");
    assertEquals(0, allocatedBy(() -> kernels.matmul(a, b, c, 1, 500, 100, false, true), 1000), "one-row matmul, B transposed");
    WindowGeometry g = WindowGeometry.of(4, 14, 14, 8, 5, 5, 16, 1, 1, true);
    float[] x = new float[4 * 14 * 14 * 8];
    float[] f = new float[5 * 5 * 8 * 16];
    float[] y = new float[4 * 14 * 14 * 16];
    assertEquals(0, allocatedBy(() -> kernels.conv2d(x, f, y, g), 20), "conv2d");
    assertEquals(0, allocatedBy(() -> kernels.conv2dBackpropFilter(x, y, f, g), 20), "conv2dBackpropFilter");
    assertEquals(0, allocatedBy(() -> kernels.conv2dBackpropInput(y, f, x, g), 20), "conv2dBackpropInput");
    WindowGeometry strided = WindowGeometry.of(4, 28, 28, 8, 5, 5, 16, 2, 2, true);
    float[] stridedInput = new float[4 * 28 * 28 * 8];
    assertEquals(0, allocatedBy(() -> kernels.conv2dBackpropInput(y, f, stridedInput, strided), 200),
        "conv2dBackpropInput, stride 2 (col2im in blocks)");
    // A model's convolutions take turns: per-geometry state (padded inputs, patch offsets) must not be rebuilt,
    // even after many other geometries (earlier models, other tests in this JVM) have been seen.
    for (int size = 3; size < 3 + 2 * 16; size++) {
      WindowGeometry seen = WindowGeometry.of(1, size, size, 1, 3, 3, 1, 1, 1, true);
      kernels.conv2d(new float[size * size], new float[9], new float[size * size], seen);
      kernels.conv2dBackpropInput(new float[size * size], new float[9], new float[size * size], seen);
    }
    WindowGeometry other = WindowGeometry.of(4, 7, 7, 16, 3, 3, 8, 1, 1, true);
    float[] x2 = new float[4 * 7 * 7 * 16];
    float[] f2 = new float[3 * 3 * 16 * 8];
    float[] y2 = new float[4 * 7 * 7 * 8];
    assertEquals(0, allocatedBy(() -> {
      kernels.conv2d(x, f, y, g);
      kernels.conv2d(x2, f2, y2, other);
      kernels.conv2dBackpropFilter(x, y, f, g);
      kernels.conv2dBackpropFilter(x2, y2, f2, other);
      kernels.conv2dBackpropInput(y, f, x, g);
      kernels.conv2dBackpropInput(y2, f2, x2, other);
    }, 20), "convolutions of two geometries in turn");
    WindowGeometry p = WindowGeometry.of(4, 14, 14, 16, 2, 2, 16, 2, 2, true);
    float[] pooled = new float[4 * 7 * 7 * 16];
    assertEquals(0, allocatedBy(() -> kernels.maxPool(y, pooled, p), 3000), "maxPool");
    assertEquals(0, allocatedBy(() -> kernels.maxPoolGrad(y, pooled, pooled, y, p), 3000), "maxPoolGrad");
    assertEquals(0, allocatedBy(() -> kernels.avgPoolGrad(pooled, y, p), 3000), "avgPoolGrad");
    WindowGeometry overlapping = WindowGeometry.of(4, 14, 14, 16, 3, 3, 16, 2, 2, true);
    assertEquals(0, allocatedBy(() -> kernels.maxPoolGrad(y, pooled, pooled, y, overlapping), 3000),
        "maxPoolGrad, overlapping 3x3 windows");
    Broadcast bias = Broadcast.of(new int[] {100, 500}, new int[] {500});
    float[] units = new float[500];
    // Several operators through the same call sites, so no profile makes the operator look constant.
    Broadcast same = Broadcast.of(new int[] {100, 500}, new int[] {100, 500});
    Broadcast column = Broadcast.of(new int[] {100, 500}, new int[] {100, 1});
    float[] rows = new float[100];
    Broadcast stretched = Broadcast.of(new int[] {500}, new int[] {100, 500});
    assertEquals(0, allocatedBy(() -> {
      kernels.binary(BinaryOp.ADD, c, units, c, bias);
      kernels.binary(BinaryOp.MUL, c, c, c, same);
      kernels.binary(BinaryOp.MAXIMUM, c, rows, c, column);
      kernels.binary(BinaryOp.SUB, units, c, c, stretched);
    }, 1000), "binary");
    assertEquals(0, allocatedBy(() -> {
      kernels.unary(UnaryOp.RELU, c, c, c.length);
      kernels.unary(UnaryOp.NEG, c, c, c.length);
      kernels.unary(UnaryOp.SQRT, c, c, c.length);
      kernels.unary(UnaryOp.RELU6, c, c, c.length);
    }, 1000), "unary");
    assertEquals(0, allocatedBy(() -> kernels.softmax(c, c, 100, 500), 100), "softmax");
    ReducePlan biasGradient = ReducePlan.of(new int[] {100, 500}, 0);
    ReducePlan rowSums = ReducePlan.of(new int[] {100, 500}, 1);
    assertEquals(0, allocatedBy(() -> {
      kernels.reduce(ReduceOp.SUM, c, units, biasGradient);
      kernels.reduce(ReduceOp.MAX, c, rows, rowSums);
      kernels.reduceGrad(ReduceOp.MEAN, units, c, biasGradient);
    }, 1000), "reduce");
    assertEquals(0, allocatedBy(() -> {
      kernels.unaryGrad(UnaryOp.RELU, c, c, c, c, c.length);
      kernels.unaryGrad(UnaryOp.RELU6, c, c, c, c, c.length);
    }, 1000), "unaryGrad");
    // The fused layer tails, every op through the same call sites, at an MLP layer's size and at batch 1.
    float[] dx = new float[100 * 500];
    UnaryOp[] ops = UnaryOp.values(); // values() allocates a copy
    assertEquals(0, allocatedBy(() -> {
      for (UnaryOp op : ops) {
        kernels.biasActivation(op, c, units, dx, 100, 500);
        kernels.biasActivation(op, c, units, dx, 1, 500);
        kernels.unaryGradColumnSums(op, c, c, c, dx, units, 100, 500);
        kernels.unaryGradColumnSums(op, c, c, dx, dx, units, 1, 500);
      }
    }, 200), "biasActivation and unaryGradColumnSums");
    float[] scale = {1e-4f};
    assertEquals(0, allocatedBy(() -> kernels.scaledAdd(c, scale, dx, dx, 100 * 500), 1000), "scaledAdd");
  }

  /**
   * The element-wise kernels at the sizes where the SIMD back end splits them over the kernel threads (a CNN's
   * 100x28x28x32 convolution output, its 100x14x14x64 one): no allocation on the caller or the workers either.
   */
  @Test
  void parallelElementwiseKernelsDoNotAllocate() {
    Kernels kernels = Backends.simd();
    int rows = 100 * 28 * 28;
    float[] x = new float[rows * 32];
    float[] y = new float[rows * 32];
    float[] dy = new float[rows * 32];
    float[] channels = new float[32];
    float[] wide = new float[64];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 13) - 6;
      dy[i] = (i % 7) - 3;
    }
    assertEquals(0, allocatedBy(() -> {
      kernels.biasActivation(UnaryOp.RELU, x, channels, y, rows, 32);
      kernels.biasActivation(UnaryOp.RELU6, x, channels, y, rows, 32);
      kernels.biasActivation(UnaryOp.RELU, x, wide, y, rows / 4, 64);
      kernels.biasActivation(UnaryOp.TANH, x, channels, y, 2100, 32);
      kernels.biasActivation(UnaryOp.NEG, x, channels, y, 9000, 32);
    }, 20), "parallel biasActivation");
    float[] scale = {1e-4f};
    assertEquals(0, allocatedBy(() -> kernels.scaledAdd(x, scale, dy, y, 392_000), 200), "parallel scaledAdd");
    assertEquals(0, allocatedBy(() -> {
      kernels.l2Loss(x, channels, 392_000);
      kernels.l2Loss(x, channels, 5_003);
    }, 200), "l2Loss, parallel and not");
    assertEquals(0, allocatedBy(() -> {
      kernels.unaryGradColumnSums(UnaryOp.RELU, x, y, dy, y, channels, rows, 32);
      kernels.unaryGradColumnSums(UnaryOp.RELU6, x, y, dy, y, channels, rows, 32);
      kernels.unaryGradColumnSums(UnaryOp.RELU, x, y, dy, y, wide, rows / 4, 64);
      kernels.unaryGradColumnSums(UnaryOp.RELU, x, y, dy, y, channels, 4100, 16);
      kernels.unaryGradColumnSums(UnaryOp.SIGMOID, x, y, dy, y, wide, 19_600, 64);
    }, 20), "unaryGradColumnSums at CNN sizes");
    assertEquals(0, allocatedBy(() -> {
      kernels.unary(UnaryOp.RELU, x, y, x.length);
      kernels.unary(UnaryOp.RELU6, y, y, y.length);
      kernels.unary(UnaryOp.NEG, x, y, x.length);
      kernels.unary(UnaryOp.TANH, x, y, 200_000);
      kernels.unaryGrad(UnaryOp.RELU, x, y, dy, y, x.length);
      kernels.unaryGrad(UnaryOp.RELU6, x, y, dy, y, x.length);
      kernels.unaryGrad(UnaryOp.SIGMOID, x, y, dy, y, 300_000);
    }, 20), "parallel unary and unaryGrad");
    Broadcast bias = Broadcast.of(new int[] {rows, 32}, new int[] {32});
    Broadcast same = Broadcast.of(new int[] {rows, 32}, new int[] {rows, 32});
    Broadcast scalar = Broadcast.of(new int[] {rows, 32}, new int[] {});
    assertEquals(0, allocatedBy(() -> {
      kernels.binary(BinaryOp.ADD, x, channels, y, bias);
      kernels.binary(BinaryOp.MUL, x, dy, y, same);
      kernels.binary(BinaryOp.MAXIMUM, x, channels, y, scalar);
      kernels.binary(BinaryOp.SUB, y, dy, y, same);
    }, 20), "parallel binary");
    ReducePlan channelSums = ReducePlan.of(new int[] {rows, 32}, 0);
    ReducePlan wideSums = ReducePlan.of(new int[] {rows / 4, 64}, 0);
    ReducePlan rowMax = ReducePlan.of(new int[] {rows, 32}, 1); // rows narrower than a vector: the portable loop
    float[] perRow = new float[rows];
    assertEquals(0, allocatedBy(() -> {
      kernels.reduce(ReduceOp.SUM, x, channels, channelSums);
      kernels.reduce(ReduceOp.MAX, x, wide, wideSums);
      kernels.reduce(ReduceOp.MAX, x, perRow, rowMax);
      kernels.reduce(ReduceOp.SUM, x, perRow, rowMax);
    }, 20), "parallel reduce");
    WindowGeometry p = WindowGeometry.of(100, 28, 28, 32, 2, 2, 32, 2, 2, true);
    float[] pooled = new float[100 * 14 * 14 * 32];
    assertEquals(0, allocatedBy(() -> {
      kernels.maxPool(x, pooled, p);
      kernels.avgPool(x, pooled, p);
      kernels.maxPoolGrad(x, pooled, pooled, y, p);
    }, 20), "parallel pooling");
  }
}
