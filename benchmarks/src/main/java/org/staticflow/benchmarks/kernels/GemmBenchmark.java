package org.staticflow.benchmarks.kernels;

import java.util.concurrent.TimeUnit;
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
import org.staticflow.runtime.kernels.Backends;
import org.staticflow.runtime.kernels.Kernels;

/**
 * One matrix product of a {@link GemmShape} per operation: Staticflow's SIMD back end, its portable back
 * end (EJML), and TensorFlow's {@code MatMul} (Eigen/oneDNN through TensorFlow Java). Operations per
 * second times {@link GemmShape#flops()} is GFLOP/s. Each engine's result is checked against the portable
 * kernels at set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GemmBenchmark {
  @Param({"mlp.fc1", "mlp.fc2", "mlp.fc2.dW", "mlp.fc2.dx", "mlp.fc1.dW", "cnn.conv1", "cnn.conv2", "cnn.fc1", "cnn.fc1.dW", "cnn.fc1.dx"})
  public String shape;

  /** {@code simd}, {@code portable} or {@code tensorflow}. */
  @Param({"simd", "portable", "tensorflow"})
  public String engine;

  private GemmShape s;
  private float[] a;
  private float[] b;
  private float[] out;
  private Kernels kernels;
  private TensorFlowKernel tensorflow;

  @Setup(Level.Trial)
  public void setUp() {
    s = GemmShape.named(shape);
    a = KernelCheck.values(1, s.m() * s.k());
    b = KernelCheck.values(2, s.k() * s.n());
    out = new float[s.m() * s.n()];
    float[] expected = new float[out.length];
    Backends.portable().matmul(a, b, expected, s.m(), s.k(), s.n(), s.transposeA(), s.transposeB());
    switch (engine) {
      case "simd" -> kernels = Backends.simd();
      case "portable" -> kernels = Backends.portable();
      case "tensorflow" -> tensorflow = TensorFlowKernel.matmul(s, a, b);
      default -> throw new IllegalArgumentException(engine);
    }
    if (tensorflow != null) {
      tensorflow.runInto(out);
    } else {
      matmul();
    }
    KernelCheck.assertClose(engine + " " + shape, expected, out);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (tensorflow != null) {
      tensorflow.close();
    }
  }

  @Benchmark
  public void matmul() {
    if (tensorflow != null) {
      tensorflow.run();
    } else {
      kernels.matmul(a, b, out, s.m(), s.k(), s.n(), s.transposeA(), s.transposeB());
    }
  }
}
