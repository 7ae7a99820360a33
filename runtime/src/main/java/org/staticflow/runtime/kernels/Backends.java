package org.staticflow.runtime.kernels;

/**
 * Chooses the kernel back end once per JVM. Today only the portable back end exists; a SIMD back end on
 * the JDK Vector API will be picked here, at start-up, when {@code jdk.incubator.vector} is present.
 */
public final class Backends {
  private static final Kernels DEFAULT = new PortableKernels();

  private Backends() {}

  /** The back end generated models use. */
  public static Kernels get() {
    return DEFAULT;
  }
}
