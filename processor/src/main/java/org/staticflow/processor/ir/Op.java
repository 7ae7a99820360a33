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

  /**
   * Per-row softmax cross entropy; inputs are labels then logits. {@code labelsGradient}: whether the labels
   * are differentiated ({@code softmax_cross_entropy_with_logits_v2}) or held constant (TF1's
   * {@code softmax_cross_entropy_with_logits} wraps them in {@code stop_gradient}).
   */
  record SoftmaxCrossEntropy(boolean labelsGradient) implements Op {
    /** The v1 function: labels get no gradient. */
    public SoftmaxCrossEntropy() {
      this(false);
    }

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

  // Gradient ops, added by reverse-mode differentiation. Each takes the upstream gradient {@code dy} last.

  /** {@code dx = dy * f'(x)} for a unary function; inputs {@code x}, {@code y = f(x)}, {@code dy}. */
  record UnaryGrad(UnaryKind kind) implements Op {
    public String typeName() { return kind.tfName() + "Grad"; }
  }

  /**
   * The share of {@code dy} that {@code maximum}/{@code minimum} routes to operand {@code operand} (0 or 1), in
   * the broadcast shape; inputs {@code a}, {@code b}, {@code dy}. Ties go to the first operand, as in
   * TensorFlow ({@code x >= y} selects x for maximum, {@code x <= y} for minimum).
   */
  record ExtremumGrad(BinaryKind kind, int operand) implements Op {
    public String typeName() { return "Select"; }
  }

  /**
   * The gradient of a reduction over {@code axes} with respect to its input: {@code dy} spread back over the
   * reduced axes (divided by the group size for a mean; for a maximum, shared equally by the elements equal to
   * the maximum). Inputs {@code dy} for sum and mean, {@code x}, {@code y}, {@code dy} for max.
   */
  record ReduceGrad(ReduceKind kind, int[] axes) implements Op {
    public String typeName() { return kind.tfName() + "Grad"; }
  }

  /** Softmax (or log-softmax) gradient over the last axis; inputs {@code y}, {@code dy}. */
  record SoftmaxGrad(boolean log) implements Op {
    public String typeName() { return log ? "LogSoftmaxGrad" : "SoftmaxGrad"; }
  }

  /** {@code Conv2DBackpropInput}: inputs {@code filter}, {@code dy}; the result has the input's type. */
  record Conv2DBackpropInput(int[] strides, boolean same) implements Op {
    public String typeName() { return "Conv2DBackpropInput"; }
  }

  /** {@code Conv2DBackpropFilter}: inputs {@code x}, {@code dy}; the result has the filter's type. */
  record Conv2DBackpropFilter(int[] strides, boolean same) implements Op {
    public String typeName() { return "Conv2DBackpropFilter"; }
  }

  /** Pooling gradient: inputs {@code x}, {@code y}, {@code dy} for max pooling, {@code dy} for average pooling. */
  record PoolGrad(boolean max, int[] ksize, int[] strides, boolean same) implements Op {
    public String typeName() { return max ? "MaxPoolGrad" : "AvgPoolGrad"; }
  }

  /** Dropout gradient with the forward pass's mask: inputs the dropout node, {@code keep_prob}, {@code dy}. */
  record DropoutGrad() implements Op {
    public String typeName() { return "DropoutGrad"; }
  }

  /** The slice {@code [begin, begin + size)} of axis {@code axis} (size from the node's type); input {@code dy}. */
  record Slice(int axis, int begin) implements Op {
    public String typeName() { return "Slice"; }
  }

  /**
   * Gradient of a fused cross entropy with respect to the logits: {@code dy[r] * (softmax(logits) - labels)}
   * (softmax, sparse softmax with one-hot labels) or {@code dy * (sigmoid(logits) - labels)}; inputs labels,
   * logits, {@code dy}.
   */
  record CrossEntropyGrad(Kind kind) implements Op {
    public String typeName() { return kind.tfName; }

    /** Which cross entropy. */
    public enum Kind {
      SOFTMAX("SoftmaxCrossEntropyWithLogitsGrad"),
      SPARSE_SOFTMAX("SparseSoftmaxCrossEntropyWithLogitsGrad"),
      SIGMOID("SigmoidCrossEntropyWithLogitsGrad");

      private final String tfName;

      Kind(String tfName) {
        this.tfName = tfName;
      }
    }
  }
}
