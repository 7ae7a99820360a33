package org.staticflow.benchmarks.models;

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

/**
 * Training steps and inferences of the MNIST MLP and CNN ({@link Workloads}), Staticflow against TensorFlow,
 * each configuration in its own JVM. The forks run with {@code --add-modules jdk.incubator.vector}, so
 * Staticflow uses its SIMD kernels where the runtime has them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class ModelBenchmark {
  @Param({"mlp-train", "mlp-infer-1", "mlp-infer-100", "cnn-train", "cnn-infer-1", "cnn-infer-100"})
  public String workload;

  @Param({"staticflow", "tensorflow"})
  public String engine;

  private Workload run;

  @Setup(Level.Trial)
  public void setUp() {
    run = Workloads.create(workload, engine);
  }

  @Benchmark
  public float step() {
    return run.run();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    run.close();
  }
}
