package org.staticflow.benchmarks.kernels;

/** Set-up check shared by the kernel benchmarks: an engine's result must match the reference, or the numbers are void. */
final class KernelCheck {
  private KernelCheck() {}

  static void assertClose(String what, float[] expected, float[] actual) {
    double worst = 0;
    double scale = 1e-6;
    for (float v : expected) scale = Math.max(scale, Math.abs(v));
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    if (!(worst <= 1e-4 * scale)) {
      throw new IllegalStateException(what + " disagrees with the portable kernels: max |diff| " + worst + " at scale " + scale);
    }
  }

  static float[] values(long seed, int n) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (random.nextDouble() * 2 - 1);
    return v;
  }
}
