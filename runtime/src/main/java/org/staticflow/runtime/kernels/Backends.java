package org.staticflow.runtime.kernels;

import java.util.Locale;

/**
 * Chooses the kernel back end once per JVM, at class initialisation:
 *
 * <ul>
 *   <li>{@code simd} ({@code SimdKernels}, on {@code jdk.incubator.vector}) when that module is in the
 *       boot layer, i.e. the JVM was started with {@code --add-modules jdk.incubator.vector};
 *   <li>{@code portable} ({@link PortableKernels}) otherwise: same results, no JVM flag, slower.
 * </ul>
 *
 * <p>The system property {@value #PROPERTY} ({@code simd} or {@code portable}) forces one (tests and
 * benchmarks use it); forcing {@code simd} without the module fails at start-up rather than silently
 * running the slow path. The SIMD class is loaded reflectively, so this class, and every caller, links
 * and runs on a JVM without the module.
 */
public final class Backends {
  /** System property that forces a back end: {@code simd} or {@code portable}. */
  public static final String PROPERTY = "staticflow.kernels";

  /** The name of the Vector API module the SIMD back end needs. */
  public static final String VECTOR_MODULE = "jdk.incubator.vector";

  private static final String SIMD_CLASS = "org.staticflow.runtime.kernels.SimdKernels";

  private static final Kernels DEFAULT = create(choose(System.getProperty(PROPERTY), simdAvailable()));

  private Backends() {}

  /** The back end generated models use. */
  public static Kernels get() {
    return DEFAULT;
  }

  /** {@code "simd"} or {@code "portable"}: which back end {@link #get()} returns. */
  public static String name() {
    return nameOf(DEFAULT);
  }

  /** {@code "simd"} or {@code "portable"} for a back end instance. */
  public static String nameOf(Kernels kernels) {
    return kernels.getClass().getName().equals(SIMD_CLASS) ? "simd" : "portable";
  }

  /** Whether the SIMD back end can run here: {@value #VECTOR_MODULE} is in the boot layer. */
  public static boolean simdAvailable() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /** A new portable back end. */
  public static Kernels portable() {
    return new PortableKernels();
  }

  /**
   * A new SIMD back end.
   *
   * @throws IllegalStateException if {@value #VECTOR_MODULE} is not in the boot layer
   */
  public static Kernels simd() {
    if (!simdAvailable()) {
      throw new IllegalStateException(
          "the SIMD kernels need the JVM flag --add-modules " + VECTOR_MODULE);
    }
    try {
      return (Kernels) Class.forName(SIMD_CLASS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load the SIMD kernels", e);
    }
  }

  /**
   * The back end to use for a value of {@value #PROPERTY} ({@code null} when unset) and the module's
   * presence: the forced one if any, else SIMD exactly when available.
   *
   * @throws IllegalArgumentException for a value other than {@code simd} or {@code portable}
   */
  static String choose(String property, boolean simdAvailable) {
    if (property == null || property.isBlank()) {
      return simdAvailable ? "simd" : "portable";
    }
    String forced = property.trim().toLowerCase(Locale.ROOT);
    if (!forced.equals("simd") && !forced.equals("portable")) {
      throw new IllegalArgumentException(
          PROPERTY + " must be simd or portable, not " + property);
    }
    return forced;
  }

  private static Kernels create(String name) {
    return name.equals("simd") ? simd() : portable();
  }
}
