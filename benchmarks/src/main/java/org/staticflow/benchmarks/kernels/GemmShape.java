package org.staticflow.benchmarks.kernels;

import java.util.List;

/**
 * A matrix product {@code [m,k] x [k,n]} of the MNIST models (batch 100), by the name the benchmarks use
 * as their parameter. Backward products are the ones a training step runs: {@code dW = x^T · dy}
 * ({@code transposeA}) and {@code dx = dy · W^T} ({@code transposeB}). The CNN's convolutions appear as
 * the GEMM of their im2col form: {@code [batch*outH*outW, kH*kW*inC] x [kH*kW*inC, outC]}.
 */
public record GemmShape(String name, int m, int k, int n, boolean transposeA, boolean transposeB) {
  /** All shapes, MLP (784-500-10) first, then the CNN's (conv 5x5x1x32 on 28x28, 5x5x32x64 on 14x14, dense 3136-1024-10). */
  public static final List<GemmShape> ALL =
      List.of(
          new GemmShape("mlp.fc1", 100, 784, 500, false, false),
          new GemmShape("mlp.fc2", 100, 500, 10, false, false),
          new GemmShape("mlp.fc2.dW", 500, 100, 10, true, false),
          new GemmShape("mlp.fc2.dx", 100, 10, 500, false, true),
          new GemmShape("mlp.fc1.dW", 784, 100, 500, true, false),
          new GemmShape("cnn.conv1", 100 * 28 * 28, 25, 32, false, false),
          new GemmShape("cnn.conv2", 100 * 14 * 14, 800, 64, false, false),
          new GemmShape("cnn.fc1", 100, 3136, 1024, false, false),
          new GemmShape("cnn.fc1.dW", 3136, 100, 1024, true, false),
          new GemmShape("cnn.fc1.dx", 100, 1024, 3136, false, true));

  /** The shape of this name. */
  public static GemmShape named(String name) {
    return ALL.stream()
        .filter(s -> s.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no GEMM shape " + name));
  }

  /** Floating-point operations of one product: {@code 2mkn}. */
  public double flops() {
    return 2.0 * m * k * n;
  }

  /** Human-readable dimensions, e.g. {@code [100x784]x[784x500]}, with {@code ^T} on stored-transposed operands. */
  public String dims() {
    return "[" + m + "x" + k + "]" + (transposeA ? "^T" : "") + "x[" + k + "x" + n + "]" + (transposeB ? "^T" : "");
  }
}
