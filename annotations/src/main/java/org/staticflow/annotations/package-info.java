/**
 * The annotations that declare a Staticflow model. The processor ({@code staticflow-processor}) reads them
 * at compile time and generates a class named {@code Staticflow_<Model>} that implements the model type.
 *
 * <p>A complete small model: a two-layer perceptron for MNIST whose variables carry TensorFlow 1.x names
 * ({@code layer1/weights}, {@code layer1/biases}, {@code layer2/weights}, ...):
 *
 * <pre>{@code
 * @Model
 * public interface MnistMlp {
 *   int INPUT_NODE = 784, LAYER1_NODE = 500, OUTPUT_NODE = 10;
 *
 *   @Input(name = "x-input", shape = {-1, INPUT_NODE}) Tensor x();      // -1: the batch dimension
 *   @Input(name = "y-input", shape = {-1, OUTPUT_NODE}) Tensor labels();
 *
 *   @Layer("layer1") Hidden layer1();                                   // variable scope "layer1"
 *   @Layer("layer2") Logits layer2();
 *
 *   @Output("layer2(layer1(x))") Tensor logits();
 *   @Loss("reduce_mean(sparse_softmax_cross_entropy_with_logits(labels=argmax(labels, 1), logits=logits))")
 *   Tensor loss();
 *   @Output("reduce_mean(cast(equal(argmax(logits, 1), argmax(labels, 1)), float32))") Tensor accuracy();
 * }
 *
 * @Layer
 * public interface Hidden {
 *   @Variable(name = "weights", shape = {784, 500}, init = "truncated_normal(stddev=0.1)",
 *             regularizer = "l2(0.0001)") Tensor weights();
 *   @Variable(name = "biases", shape = {500}, init = "zeros") Tensor biases();
 *   @Output("relu(input @ weights + biases)") Tensor apply(Tensor input);
 * }
 *
 * @Layer
 * public interface Logits {
 *   @Variable(name = "weights", shape = {500, 10}, init = "truncated_normal(stddev=0.1)") Tensor weights();
 *   @Variable(name = "biases", shape = {10}, init = "zeros") Tensor biases();
 *   @Output("input @ weights + biases") Tensor apply(Tensor input);
 * }
 * }</pre>
 *
 * <p>Use it:
 *
 * <pre>{@code
 * Staticflow_MnistMlp model = new Staticflow_MnistMlp();
 * model.initializeVariables(42);         // truncated_normal etc. drawn from a seeded generator
 * model.batchSize(100);                  // buffers are allocated once per batch size
 * float[] x = ((FloatTensor) model.x()).data();   // fill in place, no copy
 * model.forward();
 * float[] logits = ((FloatTensor) model.logits()).data();
 * }</pre>
 *
 * <p>Members return {@code org.staticflow.runtime.tensor.Tensor}, or the tensor class that holds their
 * dtype ({@code FloatTensor x()}, {@code LongTensor predictions()}) to be read without casts.
 *
 * <p>Build setup: put {@code org.staticflow:staticflow-processor} on javac's annotation processor path (for
 * Maven, {@code maven-compiler-plugin}'s {@code annotationProcessorPaths}, or a {@code provided}
 * dependency, found through its {@code META-INF/services} entry) and {@code staticflow-runtime} on the class
 * path. In Kotlin, run the same processor with kapt ({@code kotlin-maven-plugin}'s {@code kapt} goal; see
 * {@code samples/kotlin-model}). Declare members as functions ({@code fun x(): Tensor}), not properties,
 * so that their names in expressions are the function names.
 *
 * <p>Expressions are written in a small language whose function names and keyword arguments are
 * TensorFlow 1.x's ({@code matmul}, {@code conv2d(x, W, strides=[1, 1, 1, 1], padding="SAME")},
 * {@code reduce_mean(x, axis=1, keepdims=True)}, ...), with {@code + - * /} (NumPy broadcasting),
 * unary {@code -} and {@code @} (matrix product). Because only annotation values are read, never method
 * bodies, the same model compiles from Kotlin under kapt.
 */
package org.staticflow.annotations;
