package org.staticflow.runtime.kernels;

import java.util.ArrayList;
import java.util.List;

/** The back ends a kernel test runs on: portable always, SIMD too when this JVM has the Vector API. */
final class KernelBackends {
  private KernelBackends() {}

  static List<Kernels> all() {
    List<Kernels> backends = new ArrayList<>();
    backends.add(Backends.portable());
    if (Backends.simdAvailable()) {
      backends.add(Backends.simd());
    }
    return backends;
  }
}
