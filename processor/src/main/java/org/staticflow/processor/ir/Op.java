package org.staticflow.processor.ir;

/**
 * The operation of a node, with its static attributes. {@link #typeName()} is the TensorFlow op type
 * (used for default node names and for graph export).
 */
public sealed interface Op {
  String typeName();

  /** A model input ({@code Placeholder}). */
  record Placeholder() implements Op {
    public String typeName() { return "Placeholder"; }
  }

  /** A variable ({@code VariableV2}); the node's value is the variable's current value. */
  record Variable(VariableDef variable) implements Op {
    public String typeName() { return "VariableV2"; }
  }

  /** A scalar constant. */
  record Const(double value) implements Op {
    public String typeName() { return "Const"; }
  }

  /** Element-wise function of one tensor. */
  record Unary(UnaryKind kind) implements Op {
    public String typeName() { return kind.tfName(); }
  }

  /** Element-wise function of two tensors with broadcasting. */
  record Binary(BinaryKind kind) implements Op {
    public String typeName() { return kind.tfName(); }
  }

  /** {@code x + bias} where bias has the size of x's last dimension. */
  record BiasAdd() implements Op {
    public String typeName() { return "BiasAdd"; }
  }

  /** Element-wise equality, result {@code bool}. */
  record Equal() implements Op {
    public String typeName() { return "Equal"; }
  }

  /** Matrix product of two rank-2 tensors. */
  record MatMul(boolean transposeA, boolean transposeB) implements Op {
    public String typeName() { return "MatMul"; }
  }

  /** Softmax (or log-softmax) over the last axis. */
  record Softmax(boolean log) implements Op {
    public String typeName() { return log ? "LogSoftmax" : "Softmax"; }
  }

  /** Same elements, new shape; {@code dims} may hold {@link TensorType#BATCH}. */
  record Reshape(int[] dims) implements Op {
    public String typeName() { return "Reshape"; }
  }

  /** Axis permutation. */
  record Transpose(int[] perm) implements Op {
    public String typeName() { return "Transpose"; }
  }

  /** Concatenation of the inputs along {@code axis}. */
  record Concat(int axis) implements Op {
    public String typeName() { return "ConcatV2"; }
  }

  /** Reduction over {@code axes} (all axes when empty). */
  record Reduce(ReduceKind kind, int[] axes, boolean keepDims) implements Op {
    public String typeName() { return kind.tfName(); }
  }

  /** Index of the maximum along {@code axis}, as {@code int64}. */
  record ArgMax(int axis) implements Op {
    public String typeName() { return "ArgMax"; }
  }

  /** Element type conversion. */
  record Cast(DType to) implements Op {
    public String typeName() { return "Cast"; }
  }

  /** One-hot encoding along a new last axis. */
  record OneHot(int depth, double on, double off) implements Op {
    public String typeName() { return "OneHot"; }
  }

  /** 2-D convolution, NHWC; {@code strides} are the 4 TensorFlow strides. */
  record Conv2D(int[] strides, boolean same) implements Op {
    public String typeName() { return "Conv2D"; }
  }

  /** Max or average pooling, NHWC. */
  record Pool(boolean max, int[] ksize, int[] strides, boolean same) implements Op {
    public String typeName() { return max ? "MaxPool" : "AvgPool"; }
  }

  /** TF1 dropout; inputs are {@code x} and the scalar {@code keep_prob}. */
  record Dropout() implements Op {
    public String typeName() { return "Dropout"; }
  }

  /** Identity: the same value under another name. */
  record Identity() implements Op {
    public String typeName() { return "Identity"; }
  }

  /** Identity that cuts the gradient. */
  record StopGradient() implements Op {
    public String typeName() { return "StopGradient"; }
  }

  /** {@code sum(x^2) / 2}. */
  record L2Loss() implements Op {
    public String typeName() { return "L2Loss"; }
  }

  /** Per-row softmax cross entropy; inputs are labels then logits. */
  record SoftmaxCrossEntropy() implements Op {
    public String typeName() { return "SoftmaxCrossEntropyWithLogits"; }
  }

  /** Per-row sparse softmax cross entropy; inputs are integer labels then logits. */
  record SparseSoftmaxCrossEntropy() implements Op {
    public String typeName() { return "SparseSoftmaxCrossEntropyWithLogits"; }
  }

  /** Element-wise sigmoid cross entropy; inputs are labels then logits. */
  record SigmoidCrossEntropy() implements Op {
    public String typeName() { return "logistic_loss"; }
  }
}
