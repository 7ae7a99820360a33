/**
 * Compute kernels of the forward pass, behind one back-end interface ({@link
 * org.staticflow.runtime.kernels.Kernels}).
 *
 * <p>Common contract of every kernel: tensors are dense row-major primitive arrays; the caller passes
 * the output buffer, already of the right length; a kernel allocates nothing and keeps no state between
 * calls. Shapes travel either as explicit {@code int} sizes or as a plan object ({@link
 * org.staticflow.runtime.kernels.Broadcast}, {@link org.staticflow.runtime.kernels.ConvGeometry}, ...)
 * built once per batch size by the generated code. Unless a kernel says otherwise, the output must not
 * alias an input.
 */
package org.staticflow.runtime.kernels;
