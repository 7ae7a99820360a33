package org.staticflow.benchmarks.kernels;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's measured float peak through the Vector API: a loop of fused multiply-adds on
 * {@link #CHAINS} independent accumulators that live in registers (no loads or stores in the loop), on
 * the species the SIMD kernels use ({@code FloatVector.SPECIES_PREFERRED}). Enough independent chains
 * hide the FMA latency, so the loop runs at the FMA units' throughput. One operation is {@link #FLOPS}
 * floating-point operations ({@code ITERATIONS * CHAINS * 2 * lanes}); JMH sums the threads' throughput,
 * so the two-thread score is the two-core peak.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PeakFlopsBenchmark {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int CHAINS = 12;
  static final int ITERATIONS = 10_000;
  /** Floating-point operations per benchmark operation. */
  public static final double FLOPS = 2.0 * ITERATIONS * CHAINS * SPECIES.length();

  // Fields, not constants, so the JIT cannot fold the arithmetic; a*x + y with x < 1 converges, no overflow.
  float x = 0.999f;
  float y = 0.001f;
  float seed = 1f;

  @Benchmark
  @Threads(1)
  public float fmaOneThread() {
    return fmaLoop();
  }

  @Benchmark
  @Threads(2)
  public float fmaTwoThreads() {
    return fmaLoop();
  }

  private float fmaLoop() {
    return fmaLoop(x, y, seed);
  }

  /** One operation: {@link #FLOPS} floating-point operations, all in registers. */
  static float fmaLoop(float x, float y, float seed) {
    FloatVector vx = FloatVector.broadcast(SPECIES, x);
    FloatVector vy = FloatVector.broadcast(SPECIES, y);
    FloatVector a0 = FloatVector.broadcast(SPECIES, seed);
    FloatVector a1 = a0.add(vy);
    FloatVector a2 = a1.add(vy);
    FloatVector a3 = a2.add(vy);
    FloatVector a4 = a3.add(vy);
    FloatVector a5 = a4.add(vy);
    FloatVector a6 = a5.add(vy);
    FloatVector a7 = a6.add(vy);
    FloatVector a8 = a7.add(vy);
    FloatVector a9 = a8.add(vy);
    FloatVector a10 = a9.add(vy);
    FloatVector a11 = a10.add(vy);
    for (int i = 0; i < ITERATIONS; i++) {
      a0 = a0.fma(vx, vy);
      a1 = a1.fma(vx, vy);
      a2 = a2.fma(vx, vy);
      a3 = a3.fma(vx, vy);
      a4 = a4.fma(vx, vy);
      a5 = a5.fma(vx, vy);
      a6 = a6.fma(vx, vy);
      a7 = a7.fma(vx, vy);
      a8 = a8.fma(vx, vy);
      a9 = a9.fma(vx, vy);
      a10 = a10.fma(vx, vy);
      a11 = a11.fma(vx, vy);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
        .reduceLanes(VectorOperators.ADD);
  }
}
