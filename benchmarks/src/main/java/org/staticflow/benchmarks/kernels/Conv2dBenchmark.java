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
 * One forward 2-D convolution of a {@link ConvShape} per operation: Staticflow SIMD (im2col packed on the
 * fly into the GEMM), portable (direct loops), TensorFlow {@code Conv2D}. Checked against the portable
 * kernels at set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class Conv2dBenchmark {
  @Param({"cnn.conv1", "cnn.conv2"})
  public String conv;

  @Param({"simd", "portable", "tensorflow"})
  public String engine;

  private ConvShape s;
  private float[] x;
  private float[] filter;
  private float[] out;
  private Kernels kernels;
  private TensorFlowKernel tensorflow;

  @Setup(Level.Trial)
  public void setUp() {
    s = ConvShape.named(conv);
    var g = s.geometry();
    x = KernelCheck.values(3, g.batch() * g.inHeight() * g.inWidth() * g.inChannels());
    filter = KernelCheck.values(4, g.kernelHeight() * g.kernelWidth() * g.inChannels() * g.outChannels());
    out = new float[g.batch() * g.outHeight() * g.outWidth() * g.outChannels()];
    float[] expected = new float[out.length];
    Backends.portable().conv2d(x, filter, expected, g);
    switch (engine) {
      case "simd" -> kernels = Backends.simd();
      case "portable" -> kernels = Backends.portable();
      case "tensorflow" -> tensorflow = TensorFlowKernel.conv2d(s, x, filter);
      default -> throw new IllegalArgumentException(engine);
    }
    if (tensorflow != null) {
      tensorflow.runInto(out);
    } else {
      conv2d();
    }
    KernelCheck.assertClose(engine + " " + conv, expected, out);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (tensorflow != null) {
      tensorflow.close();
    }
  }

  @Benchmark
  public void conv2d() {
    if (tensorflow != null) {
      tensorflow.run();
    } else {
      kernels.conv2d(x, filter, out, s.geometry());
    }
  }
}
