/**
 * Compute kernels, behind one back-end interface ({@link org.staticflow.runtime.kernels.Kernels}).
 *
 * <p>Common contract of every kernel: tensors are dense row-major primitive arrays; the caller passes
 * the output buffer, already of the right length; a kernel allocates nothing and keeps no state between
 * calls. Shapes travel either as explicit {@code int} sizes or as a plan object ({@link
 * org.staticflow.runtime.kernels.Broadcast}, {@link org.staticflow.runtime.kernels.WindowGeometry}, ...)
 * built once per batch size by the generated code. Unless a kernel says otherwise, the output must not
 * alias an input.
 *
 * <h2>Back ends and the JVM flag</h2>
 *
 * <p>Two back ends implement the interface; {@link org.staticflow.runtime.kernels.Backends#get()} picks
 * one when the JVM starts:
 *
 * <ul>
 *   <li><b>SIMD</b> ({@code SimdKernels}), on the JDK Vector API: packed, cache- and register-blocked
 *       matrix products, convolution as a product over the im2col view of the input (never stored),
 *       vectorised pooling, element-wise kernels and softmax; large products, convolutions, element-wise
 *       kernels, reductions and pooling use all cores through a persistent pool of worker threads (with
 *       the same results as on one). It is used when the JVM runs with
 *       <pre>--add-modules jdk.incubator.vector</pre>
 *       (for example {@code java --add-modules jdk.incubator.vector -jar app.jar}, or {@code
 *       JAVA_TOOL_OPTIONS=--add-modules=jdk.incubator.vector}; for Maven tests, surefire's {@code
 *       argLine}). The JVM then prints {@code WARNING: Using incubator modules: jdk.incubator.vector}
 *       once at start-up; that is expected.
 *   <li><b>Portable</b> ({@link org.staticflow.runtime.kernels.PortableKernels}): EJML for matrix
 *       products, plain loops elsewhere. Without the flag this is what runs: the same results (products
 *       and convolutions differ by float rounding only; every other kernel is bit-for-bit the same), no
 *       warning, nothing to configure, but matrix products and convolutions are roughly 10 to 50 times
 *       slower.
 * </ul>
 *
 * <p>The system property {@code -Dstaticflow.kernels=simd} or {@code =portable} forces one back end
 * (forcing {@code simd} without the module fails at start-up instead of silently running slowly);
 * {@code -Dstaticflow.kernels.threads=N} caps the threads a kernel call uses (default: the available
 * processors). {@link org.staticflow.runtime.kernels.Backends#name()} says which back end is running.
 */
package org.staticflow.runtime.kernels;
