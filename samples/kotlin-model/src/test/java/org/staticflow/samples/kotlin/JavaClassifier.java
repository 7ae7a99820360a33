package org.staticflow.samples.kotlin;

import org.staticflow.annotations.Input;
import org.staticflow.annotations.Layer;
import org.staticflow.annotations.Model;
import org.staticflow.annotations.Output;
import org.staticflow.annotations.Variable;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/** {@link KotlinClassifier}, declared in Java: both must compile to the same forward pass. */
@Model
public interface JavaClassifier {
  int FEATURES = 6;
  int HIDDEN = 8;
  int CLASSES = 3;

  @Input(name = "features", shape = {-1, FEATURES})
  FloatTensor x();

  @Layer("hidden")
  JavaHidden hidden();

  @Variable(name = "out/weights", shape = {HIDDEN, CLASSES}, init = "glorot_uniform")
  Tensor outWeights();

  @Variable(name = "out/biases", shape = {CLASSES}, init = "constant(0.05)")
  Tensor outBiases();

  @Output("softmax(hidden(x) @ outWeights + outBiases)")
  FloatTensor probabilities();

  @Output("argmax(probabilities, 1)")
  Tensor predictions();

  /** The hidden layer. */
  @Layer
  interface JavaHidden {
    @Variable(name = "weights", shape = {FEATURES, HIDDEN}, init = "truncated_normal(stddev=0.5)")
    Tensor weights();

    @Variable(name = "biases", shape = {HIDDEN}, init = "constant(0.1)")
    Tensor biases();

    @Output("tanh(input @ weights + biases)")
    Tensor apply(Tensor input);
  }
}
