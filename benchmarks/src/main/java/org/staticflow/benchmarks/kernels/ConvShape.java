package org.staticflow.benchmarks.kernels;

import java.util.List;
import org.staticflow.runtime.kernels.WindowGeometry;

/** The MNIST CNN's convolutions (batch 100, SAME padding, stride 1), by benchmark parameter name. */
public record ConvShape(String name, WindowGeometry geometry) {
  public static final List<ConvShape> ALL =
      List.of(
          new ConvShape("cnn.conv1", WindowGeometry.of(100, 28, 28, 1, 5, 5, 32, 1, 1, true)),
          new ConvShape("cnn.conv2", WindowGeometry.of(100, 14, 14, 32, 5, 5, 64, 1, 1, true)));

  public static ConvShape named(String name) {
    return ALL.stream()
        .filter(s -> s.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no conv shape " + name));
  }

  /** Multiply-adds counted twice, padding included (as the im2col GEMM does them). */
  public double flops() {
    WindowGeometry g = geometry;
    return 2.0 * g.batch() * g.outHeight() * g.outWidth() * g.kernelHeight() * g.kernelWidth() * g.inChannels() * g.outChannels();
  }

  public String dims() {
    WindowGeometry g = geometry;
    return "[" + g.batch() + "," + g.inHeight() + "," + g.inWidth() + "," + g.inChannels() + "]*[" + g.kernelHeight() + ","
        + g.kernelWidth() + "," + g.inChannels() + "," + g.outChannels() + "] SAME";
  }
}
