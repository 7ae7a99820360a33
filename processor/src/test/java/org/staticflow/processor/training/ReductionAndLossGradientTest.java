package org.staticflow.processor.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.staticflow.processor.training.GradientCheck.DISTINCT;
import static org.staticflow.processor.training.GradientCheck.model;

import org.junit.jupiter.api.Test;
import org.staticflow.runtime.model.TrainableModel;
import org.staticflow.runtime.tensor.FloatTensor;

/** Finite-difference checks of reductions, softmax, the fused losses, regularizers and summed losses. */
class ReductionAndLossGradientTest {

  @Test
  void reduceSum() {
    model("SumAll").variable("v", 3, 4).loss("square(reduce_sum(v))").check();
    model("SumAxis").variable("v", 3, 4).input("w", 3).loss("reduce_sum(reduce_sum(v, axis=1) * w)").check();
    model("SumKeep").variable("v", 2, 3, 4).input("w", 1, 3, 1)
        .loss("reduce_sum(square(reduce_sum(v, axis=[0, 2], keepdims=True)) * w)").check();
  }

  @Test
  void reduceMean() {
    model("MeanAll").variable("v", 3, 4).loss("square(reduce_mean(v))").check();
    model("MeanAxis").variable("v", 3, 4).input("w", 4).loss("reduce_sum(reduce_mean(v, 0) * w)").check();
    model("MeanBatch").input("x", -1, 4).variable("s", 4).batch(5).loss("reduce_mean(square(x - s))").check();
    model("MeanKeep").variable("v", 2, 3, 4).input("w", 2, 1, 4)
        .loss("reduce_sum(exp(reduce_mean(v, reduction_indices=[1], keep_dims=True)) * w)").check();
  }

  @Test
  void reduceMax() {
    model("MaxAll").variable("v", 3, 4).fill("v", DISTINCT).loss("square(reduce_max(v))").check();
    model("MaxAxis").variable("v", 3, 4).fill("v", DISTINCT).input("w", 3).loss("reduce_sum(reduce_max(v, axis=1) * w)").check();
    model("MaxKeep").variable("v", 2, 3, 4).fill("v", DISTINCT).input("w", 2, 3, 1)
        .loss("reduce_sum(reduce_max(v, -1, keepdims=True) * w)").check();
  }

  @Test
  void reduceMaxSharesTiesEquallyAsTensorFlowDoes() {
    TrainableModel model = model("MaxTie").variable("v", 4).loss("reduce_max(v)").build();
    float[] v = ((FloatTensor) model.variables().get(0).value()).data();
    v[0] = 1f;
    v[1] = 3f;
    v[2] = 3f;
    v[3] = -2f;
    model.computeGradients();
    assertEquals(java.util.List.of(0f, 0.5f, 0.5f, 0f), boxed(model.gradient("v").data()));
  }

  @Test
  void l2Loss() {
    model("L2Loss").variable("v", 3, 4).loss("l2_loss(v) * 3").check();
  }

  @Test
  void softmaxAndLogSoftmax() {
    model("Softmax").variable("v", 3, 5).input("w", 3, 5).loss("reduce_sum(softmax(v) * w)").check();
    model("LogSoftmax").variable("v", 3, 5).input("w", 3, 5).loss("reduce_sum(log_softmax(v) * w)").check();
  }

  @Test
  void softmaxCrossEntropy() {
    // Labels that sum to one per row: TensorFlow's kernel (and ours) assume it in the gradient.
    model("Xent").variable("v", 4, 5).input("y", 4, 5).input("w", 4)
        .loss("reduce_sum(softmax_cross_entropy_with_logits(labels=softmax(y * 3), logits=v * 2) * w)").check();
    model("XentV2").input("x", -1, 3).variable("W", 3, 5).input("y", -1, 5).batch(4)
        .loss("reduce_mean(softmax_cross_entropy_with_logits_v2(labels=softmax(y), logits=x @ W))").check();
  }

  @Test
  void softmaxCrossEntropyV2DifferentiatesTheLabelsAndV1DoesNot() {
    model("XentV2Labels").variable("z", 3, 4).variable("v", 3, 4).input("w", 3)
        .loss("reduce_sum(softmax_cross_entropy_with_logits_v2(labels=softmax(z), logits=v) * w)").check();
    TrainableModel v1 = model("XentV1Labels").variable("z", 3, 4).variable("v", 3, 4).input("w", 3)
        .loss("reduce_sum(softmax_cross_entropy_with_logits(labels=softmax(z), logits=v) * w)").build();
    ((FloatTensor) v1.input("w")).data()[0] = 1f;
    ((FloatTensor) v1.variables().get(0).value()).data()[2] = 0.5f;
    v1.computeGradients();
    assertEquals(java.util.Collections.nCopies(12, 0f), boxed(v1.gradient("z").data()));
    assertEquals(true, v1.gradient("v").data()[2] != 0f);
  }

  @Test
  void sparseSoftmaxCrossEntropy() {
    model("SparseXent").input("x", -1, 3).variable("W", 3, 5).input("y", -1, 5).batch(6)
        .loss("reduce_mean(sparse_softmax_cross_entropy_with_logits(labels=argmax(y, 1), logits=x @ W))").check();
    model("SparseXentInt").variable("v", 4, 5).input("y", 4, 5).input("w", 4)
        .loss("reduce_sum(sparse_softmax_cross_entropy_with_logits(labels=cast(argmax(y, 1), tf.int32), logits=v) * w)")
        .check();
  }

  @Test
  void sigmoidCrossEntropyDifferentiatesLogitsAndLabels() {
    model("SigmoidXent").variable("z", 3, 4).variable("v", 3, 4).input("w", 3, 4)
        .loss("reduce_sum(sigmoid_cross_entropy_with_logits(labels=sigmoid(z), logits=v * 4) * w)").check();
  }

  @Test
  void l2RegularizersAreAddedToTheLoss() {
    TrainableModel model = model("Regularized").variable("a", "regularizer = \"l2(0.5)\"", 3, 4)
        .variable("b", "regularizer = \"l2(0.25)\"", 4).input("w", 3, 4)
        .loss("reduce_sum((a + b) * w)").check();
    float[] a = ((FloatTensor) model.variables().get(0).value()).data();
    float[] b = ((FloatTensor) model.variables().get(1).value()).data();
    float[] w = ((FloatTensor) model.input("w")).data();
    double data = 0;
    double l2a = 0;
    double l2b = 0;
    for (int i = 0; i < 12; i++) {
      data += (a[i] + b[i % 4]) * w[i];
      l2a += a[i] * a[i] / 2;
    }
    for (float v : b) {
      l2b += v * v / 2;
    }
    model.forward();
    assertEquals(data + 0.5 * l2a + 0.25 * l2b, model.totalLoss(), 1e-5);
    assertEquals(data, ((FloatTensor) model.output("loss1")).data()[0], 1e-5);
  }

  @Test
  void severalLossesAreSummed() {
    TrainableModel model = model("TwoLosses").variable("v", 3).input("w", 3)
        .loss("reduce_sum(v * w)").loss("reduce_sum(square(v))").check();
    model.forward();
    assertEquals(((FloatTensor) model.output("loss1")).data()[0] + ((FloatTensor) model.output("loss2")).data()[0],
        model.totalLoss(), 1e-6);
  }

  private static java.util.List<Float> boxed(float[] values) {
    java.util.List<Float> list = new java.util.ArrayList<>();
    for (float v : values) list.add(v);
    return list;
  }
}
