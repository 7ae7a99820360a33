package org.staticflow.benchmarks.kernels;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * One TensorFlow op ({@code MatMul} or {@code Conv2D}) on two variables, run through TensorFlow Java's
 * {@link Session} as a target (its output is not copied back to Java). The operands are variables, not
 * constants, so Grappler cannot fold the op away; they are assigned once at set-up.
 */
final class TensorFlowKernel implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Operand<TFloat32> output;

  private TensorFlowKernel(float[] a, long[] aShape, float[] b, long[] bShape, Builder builder) {
    Ops tf = Ops.create(graph);
    Variable<TFloat32> va = tf.variable(org.tensorflow.ndarray.Shape.of(aShape), TFloat32.class);
    Variable<TFloat32> vb = tf.variable(org.tensorflow.ndarray.Shape.of(bShape), TFloat32.class);
    Placeholder<TFloat32> pa = tf.placeholder(TFloat32.class);
    Placeholder<TFloat32> pb = tf.placeholder(TFloat32.class);
    var assignA = tf.assign(va, pa);
    var assignB = tf.assign(vb, pb);
    output = builder.build(tf, va, vb);
    session = new Session(graph);
    try (TFloat32 ta = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(aShape), DataBuffers.of(a, true, false));
        TFloat32 tb = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(bShape), DataBuffers.of(b, true, false))) {
      session.runner().feed(pa, ta).feed(pb, tb).addTarget(assignA).addTarget(assignB).run().close();
    }
  }

  private interface Builder {
    Operand<TFloat32> build(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b);
  }

  /** {@code MatMul(a, b)} with the shape's transpositions. */
  static TensorFlowKernel matmul(GemmShape s, float[] a, float[] b) {
    long[] aShape = s.transposeA() ? new long[] {s.k(), s.m()} : new long[] {s.m(), s.k()};
    long[] bShape = s.transposeB() ? new long[] {s.n(), s.k()} : new long[] {s.k(), s.n()};
    return new TensorFlowKernel(a, aShape, b, bShape,
        (tf, x, y) -> tf.linalg.matMul(x, y, MatMul.transposeA(s.transposeA()), MatMul.transposeB(s.transposeB())));
  }

  /** {@code Conv2D(x, filter)}, NHWC, stride 1, SAME. */
  static TensorFlowKernel conv2d(ConvShape s, float[] x, float[] filter) {
    var g = s.geometry();
    long[] xShape = {g.batch(), g.inHeight(), g.inWidth(), g.inChannels()};
    long[] fShape = {g.kernelHeight(), g.kernelWidth(), g.inChannels(), g.outChannels()};
    return new TensorFlowKernel(x, xShape, filter, fShape,
        (tf, in, f) -> tf.nn.conv2d(in, f, List.of(1L, (long) g.strideHeight(), (long) g.strideWidth(), 1L), "SAME"));
  }

  /** Runs the op once. */
  void run() {
    session.runner().addTarget(output.op()).run().close();
  }

  /** Runs the op and copies its output into {@code out} (set-up checks only). */
  void runInto(float[] out) {
    try (Result result = session.runner().fetch(output).run()) {
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
