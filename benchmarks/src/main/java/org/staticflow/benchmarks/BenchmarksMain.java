package org.staticflow.benchmarks;

import java.util.Arrays;
import org.staticflow.benchmarks.kernels.KernelBenchmarkMain;
import org.staticflow.benchmarks.models.ModelBenchmarkMain;

/**
 * The entry point of {@code benchmarks.jar}: runs one suite, or all of them one after the other in this
 * process, each printing its Staticflow/TensorFlow table and writing its JSON.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx4g -jar benchmarks/target/benchmarks.jar [SUITE [OPTIONS]]
 *   models       training steps and inference of the MNIST MLP and CNN, allocation per step, processor time
 *   kernels      GEMM and conv2d GFLOP/s against TensorFlow and the measured peak
 *   checkpoints  checkpoint save and restore throughput
 *   all          the three in turn, each given OPTIONS (those all three take: --forks N, --warmup N, --iterations N; the default)
 * </pre>
 */
public final class BenchmarksMain {
  private BenchmarksMain() {}

  public static void main(String[] args) throws Exception {
    String suite = args.length == 0 ? "all" : args[0];
    String[] options = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
    switch (suite) {
      case "models" -> ModelBenchmarkMain.main(options);
      case "kernels" -> KernelBenchmarkMain.main(options);
      case "checkpoints" -> CheckpointBenchmarkMain.main(options);
      case "all" -> {
        ModelBenchmarkMain.main(options);
        KernelBenchmarkMain.main(options);
        CheckpointBenchmarkMain.main(options);
      }
      default -> {
        System.err.println("unknown suite " + suite + "; expected models, kernels, checkpoints or all");
        System.exit(2);
      }
    }
  }
}
