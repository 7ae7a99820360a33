package org.staticflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;

/**
 * Every diagnostic: stable id, expected/found text, and the line of the annotation it is reported on.
 * Model members start on line 6 of the generated source ({@link #model}).
 */
class DiagnosticsTest {
  private static final String X = "@Input(shape = {-1, 4}) Tensor x();";

  /** Lines 1-5 are the header, then {@code members} (line 6, 7, ...), then {@code }} and {@code extra}. */
  private static JavaFileObject model(String[] members, String... extra) {
    List<String> lines = new ArrayList<>(List.of(
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;",
        "@Model",
        "public interface M {"));
    lines.addAll(List.of(members));
    lines.add("}");
    lines.addAll(List.of(extra));
    return ModelCompiler.source("M", lines.toArray(String[]::new));
  }

  private static void assertError(JavaFileObject source, String message, int line) {
    Compilation compilation = ModelCompiler.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(line);
  }

  private static void assertError(String[] members, String message, int line) {
    assertError(model(members), message, line);
  }

  @Test
  void unclosedCallShowsColumn() {
    assertError(new String[] {X, "@Output(\"relu(x\") Tensor y();"},
        "[Staticflow/Syntax] expected ',' or ')' but found end of expression (column 7 of \"relu(x\")", 7);
  }

  @Test
  void danglingOperatorShowsColumn() {
    assertError(new String[] {X, "@Output(\"x +\") Tensor y();"},
        "[Staticflow/Syntax] unexpected end of expression (column 4 of \"x +\")", 7);
  }

  @Test
  void powerOperatorIsRejected() {
    assertError(new String[] {X, "@Output(\"x ** 2\") Tensor y();"},
        "[Staticflow/Syntax] '**' is not supported; use square(x) or multiply (column 3 of \"x ** 2\")", 7);
  }

  @Test
  void unknownName() {
    assertError(new String[] {X, "@Output(\"relu(xx)\") Tensor y();"},
        "[Staticflow/UnknownName] unknown name 'xx'; expected one of [x, y] (column 6 of \"relu(xx)\")", 7);
  }

  @Test
  void unknownFunction() {
    assertError(new String[] {X, "@Output(\"relux(x)\") Tensor y();"},
        "[Staticflow/UnknownOp] unknown function 'relux'; did you mean 'relu'? (column 1 of \"relux(x)\")", 7);
  }

  @Test
  void tooFewArguments() {
    assertError(new String[] {X, "@Output(\"matmul(x)\") Tensor y();"},
        "[Staticflow/ArgumentCount] matmul() takes at least 2 arguments [a, b, transpose_a, transpose_b, name], found 1", 7);
  }

  @Test
  void unknownKeyword() {
    assertError(new String[] {X, "@Output(\"reduce_sum(x, axes=1)\") Tensor y();"},
        "[Staticflow/UnknownKeyword] reduce_sum() has no argument 'axes'; expected one of [input_tensor, axis, keepdims, name,"
            + " reduction_indices, keep_dims] (column 15 of \"reduce_sum(x, axes=1)\")", 7);
  }

  @Test
  void matmulInnerDimensions() {
    assertError(new String[] {
        "@Input(shape = {-1, 784}) Tensor x();",
        "@Variable(shape = {500, 10}) Tensor w();",
        "@Output(\"x @ w\") Tensor y();"},
        "[Staticflow/ShapeMismatch] matmul: inner dimensions differ: [?, 784] @ [500, 10] (column 3 of \"x @ w\")", 8);
  }

  @Test
  void broadcastMismatch() {
    assertError(new String[] {X, "@Variable(shape = {3}) Tensor b();", "@Output(\"x + b\") Tensor y();"},
        "[Staticflow/ShapeMismatch] +: shapes [?, 4] and [3] do not broadcast (column 3 of \"x + b\")", 8);
  }

  @Test
  void biasAddSize() {
    assertError(new String[] {X, "@Variable(shape = {5}) Tensor b();", "@Output(\"bias_add(x, b)\") Tensor y();"},
        "[Staticflow/ShapeMismatch] bias_add: bias [5] must match the last dimension of [?, 4]", 8);
  }

  @Test
  void conv2dChannels() {
    assertError(new String[] {
        "@Input(shape = {-1, 28, 28, 1}) Tensor image();",
        "@Variable(shape = {5, 5, 3, 32}) Tensor w();",
        "@Output(\"conv2d(image, w, strides=[1, 1, 1, 1], padding='SAME')\") Tensor y();"},
        "[Staticflow/ShapeMismatch] conv2d: input channels differ: input [?, 28, 28, 1], filter [5, 5, 3, 32]", 8);
  }

  @Test
  void reshapeElementCount() {
    assertError(new String[] {
        "@Input(shape = {-1, 7, 7, 64}) Tensor h();",
        "@Output(\"reshape(h, [-1, 3000])\") Tensor y();"},
        "[Staticflow/ShapeMismatch] reshape: cannot reshape [?, 7, 7, 64] into [-1,3000] (column 12 of \"reshape(h, [-1, 3000])\")", 7);
  }

  @Test
  void concatShapes() {
    assertError(new String[] {
        X, "@Input(shape = {-1, 4, 2}) Tensor z();", "@Output(\"concat([x, z], 1)\") Tensor y();"},
        "[Staticflow/RankMismatch] concat: ranks differ: [?, 4] and [?, 4, 2]", 8);
  }

  @Test
  void concatOtherDimension() {
    assertError(new String[] {
        "@Input(shape = {-1, 4, 3}) Tensor a();", "@Input(shape = {-1, 5, 2}) Tensor c();",
        "@Output(\"concat([a, c], axis=2)\") Tensor y();"},
        "[Staticflow/ShapeMismatch] concat: shapes [?, 4, 3] and [?, 5, 2] differ outside axis 2", 8);
  }

  @Test
  void crossEntropyLabelsAndLogits() {
    assertError(new String[] {
        X, "@Input(shape = {-1, 5}) Tensor labels();",
        "@Output(\"softmax_cross_entropy_with_logits(labels=labels, logits=x)\") Tensor y();"},
        "[Staticflow/ShapeMismatch] softmax_cross_entropy_with_logits: labels [?, 5] and logits [?, 4] must have the same shape", 8);
  }

  @Test
  void sparseLabelsShape() {
    assertError(new String[] {
        X, "@Input(shape = {-1, 4}, dtype = \"int64\") Tensor labels();",
        "@Output(\"sparse_softmax_cross_entropy_with_logits(labels=labels, logits=x)\") Tensor y();"},
        "[Staticflow/ShapeMismatch] sparse_softmax_cross_entropy_with_logits: labels [?, 4] must have the shape of logits [?, 4]"
            + " without its last dimension", 8);
  }

  @Test
  void addFloatToInteger() {
    assertError(new String[] {
        X, "@Input(shape = {-1, 4}, dtype = \"int64\") Tensor n();", "@Output(\"x + n\") Tensor y();"},
        "[Staticflow/DTypeMismatch] +: dtypes differ: float32[?, 4] and int64[?, 4] (column 3 of \"x + n\")", 8);
  }

  @Test
  void sparseLabelsMustBeIntegers() {
    assertError(new String[] {
        X, "@Input(shape = {-1}) Tensor labels();",
        "@Output(\"sparse_softmax_cross_entropy_with_logits(labels=labels, logits=x)\") Tensor y();"},
        "[Staticflow/DTypeMismatch] sparse_softmax_cross_entropy_with_logits: labels must be int32 or int64, found float32[?]", 8);
  }

  @Test
  void matmulNeedsMatrices() {
    assertError(new String[] {X, "@Variable(shape = {4}) Tensor v();", "@Output(\"matmul(x, v)\") Tensor y();"},
        "[Staticflow/RankMismatch] matmul: expected rank 2, found [4] (column 1 of \"matmul(x, v)\")", 8);
  }

  @Test
  void axisOutOfRange() {
    assertError(new String[] {X, "@Output(\"reduce_sum(x, axis=2)\") Tensor y();"},
        "[Staticflow/RankMismatch] reduce_sum: axis 2 is out of range for [?, 4] (column 20 of \"reduce_sum(x, axis=2)\")", 7);
  }

  @Test
  void conv2dNeedsRank4() {
    assertError(new String[] {
        X, "@Variable(shape = {5, 5, 1, 32}) Tensor w();",
        "@Output(\"conv2d(x, w, [1, 1, 1, 1], 'VALID')\") Tensor y();"},
        "[Staticflow/RankMismatch] conv2d: expected rank 4, found [?, 4]", 8);
  }

  @Test
  void duplicateVariable() {
    assertError(new String[] {
        X, "@Variable(name = \"w\", shape = {4}) Tensor w1();", "@Variable(name = \"w\", shape = {4}) Tensor w2();",
        "@Output(\"x * w1 * w2\") Tensor y();"},
        "[Staticflow/DuplicateVariable] variable 'w' is declared twice", 8);
  }

  @Test
  void duplicateScope() {
    assertError(model(new String[] {
        X, "@Layer(\"dense\") L first();", "@Layer(\"dense\") L second();", "@Output(\"first(x)\") Tensor y();"},
        "@Layer interface L { @Output(\"relu(t)\") Tensor f(Tensor t); }"),
        "[Staticflow/DuplicateName] two layer members use the scope name 'dense'", 8);
  }

  @Test
  void duplicateInputName() {
    assertError(new String[] {
        "@Input(name = \"in\", shape = {-1, 4}) Tensor a();", "@Input(name = \"in\", shape = {-1, 4}) Tensor c();",
        "@Output(\"a + c\") Tensor y();"},
        "[Staticflow/DuplicateName] node name 'in' is used twice", 7);
  }

  @Test
  void outputCycle() {
    assertError(new String[] {X, "@Output(\"relu(b)\") Tensor a();", "@Output(\"x + a\") Tensor b();"},
        "[Staticflow/OutputCycle] output a() depends on itself", 7);
  }

  @Test
  void modelWithoutOutputs() {
    assertError(new String[] {X}, "[Staticflow/NoOutputs] @Model M has no @Output or @Loss; expected at least one", 4);
  }

  @Test
  void layerMemberOfNonLayerType() {
    assertError(new String[] {X, "@Layer Runnable helper();", "@Output(\"x\") Tensor y();"},
        "[Staticflow/NotALayer] @Layer member helper() returns java.lang.Runnable, which is not a @Layer interface", 7);
  }

  @Test
  void nonConstantShape() {
    assertError(new String[] {X, "@Input(shape = {}) Tensor n();", "@Output(\"reshape(x, [n, 2])\") Tensor y();"},
        "[Staticflow/NonConstant] reshape(): shape must be an integer written in the expression (a compile-time constant)"
            + " (column 13 of \"reshape(x, [n, 2])\")", 8);
  }

  @Test
  void negativeVariableDimension() {
    assertError(new String[] {X, "@Variable(shape = {-1, 3}) Tensor w();", "@Output(\"x\") Tensor y();"},
        "[Staticflow/InvalidShape] variable 'w' shape [?, 3]: expected sizes >= 0 (variables have no batch dimension)", 7);
  }

  @Test
  void twoBatchDimensions() {
    assertError(new String[] {"@Input(shape = {-1, -1}) Tensor x();", "@Output(\"x\") Tensor y();"},
        "[Staticflow/InvalidShape] input shape [?, ?]: expected at most one batch dimension (-1)", 6);
  }

  @Test
  void unknownPadding() {
    assertError(new String[] {
        "@Input(shape = {-1, 8, 8, 1}) Tensor x();",
        "@Output(\"max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'FULL')\") Tensor y();"},
        "[Staticflow/InvalidArgument] max_pool(): padding must be \"SAME\" or \"VALID\", found \"FULL\"", 7);
  }

  @Test
  void unknownInitializer() {
    assertError(new String[] {X, "@Variable(shape = {4}, init = \"xavier\") Tensor w();", "@Output(\"x * w\") Tensor y();"},
        "[Staticflow/InvalidInitializer] unknown initializer 'xavier'", 7);
  }

  @Test
  void lossMustBeScalar() {
    assertError(new String[] {X, "@Loss(\"square(x)\") Tensor loss();"},
        "[Staticflow/LossNotScalar] loss loss(): expected a float32 scalar, found float32[?, 4]", 7);
  }

  @Test
  void layerUsedAsTensor() {
    assertError(model(new String[] {X, "@Layer L layer();", "@Output(\"x + layer\") Tensor y();"},
        "@Layer interface L { @Output(\"relu(t)\") Tensor f(Tensor t); }"),
        "[Staticflow/NotATensor] 'layer' is a layer, not a tensor; apply it: layer(x) (column 5 of \"x + layer\")", 8);
  }

  @Test
  void unannotatedAbstractMember() {
    assertError(new String[] {X, "@Output(\"x\") Tensor y();", "Tensor z();"},
        "[Staticflow/InvalidDeclaration] abstract member z() has no @Input, @Variable, @Layer, @Output or @Loss", 8);
  }

  @Test
  void errorInLayerFunctionIsReportedOnTheLayer() {
    assertError(model(new String[] {X, "@Layer L layer();", "@Output(\"layer(x)\") Tensor y();"},
        "@Layer interface L {",
        "  @Variable(shape = {5, 2}) Tensor w();",
        "  @Output(\"t @ w\") Tensor f(Tensor t);",
        "}"),
        "[Staticflow/ShapeMismatch] matmul: inner dimensions differ: [?, 4] @ [5, 2] (column 3 of \"t @ w\"),"
            + " applied by y() at column 1 of \"layer(x)\"", 12);
  }

  @Test
  void wrongLayerArgumentCount() {
    assertError(model(new String[] {X, "@Layer L layer();", "@Output(\"layer(x, x)\") Tensor y();"},
        "@Layer interface L { @Output(\"relu(t)\") Tensor f(Tensor t); }"),
        "[Staticflow/ArgumentCount] layer() takes 1 argument [t], found 2", 8);
  }

  @Test
  void equalOnBooleans() {
    assertError(new String[] {"@Input(shape = {-1}, dtype = \"bool\") Tensor m();", "@Output(\"equal(m, m)\") Tensor y();"},
        "[Staticflow/DTypeMismatch] equal: expected float32, int32 or int64 operands, found bool; cast them first", 7);
  }

  @Test
  void generatedNameTaken() {
    JavaFileObject taken = ModelCompiler.source("Staticflow_M", "package test;", "public class Staticflow_M {}");
    JavaFileObject source = model(new String[] {X, "@Output(\"x\") Tensor y();"});
    Compilation compilation = ModelCompiler.compile(source, taken);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Staticflow/InvalidDeclaration] cannot write generated class test.Staticflow_M")
        .inFile(source).onLine(5);
  }

  @Test
  void returnTypeMustHoldTheDtype() {
    assertError(model(new String[] {X, "@Output(\"argmax(x, 1)\") org.staticflow.runtime.tensor.FloatTensor y();"}),
        "[Staticflow/DTypeMismatch] y() returns FloatTensor but its value is int64[?]; expected Tensor or LongTensor", 7);
  }

  @Test
  void sigmoidCrossEntropyShapes() {
    assertError(new String[] {X, "@Input(shape = {-1, 3}) Tensor z();",
        "@Output(\"sigmoid_cross_entropy_with_logits(labels=z, logits=x)\") Tensor y();"},
        "[Staticflow/ShapeMismatch] sigmoid_cross_entropy_with_logits: labels [?, 3] and logits [?, 4] must have the same shape", 8);
  }

  @Test
  void transposeNeedsAPermutation() {
    assertError(new String[] {X, "@Output(\"transpose(x, perm=[0, 0])\") Tensor y();"},
        "[Staticflow/InvalidArgument] transpose: perm [0, 0] is not a permutation", 7);
  }

  @Test
  void transposePermLength() {
    assertError(new String[] {X, "@Output(\"transpose(x, [1, 0, 2])\") Tensor y();"},
        "[Staticflow/RankMismatch] transpose: perm [1, 0, 2] does not match the rank of [?, 4]", 7);
  }

  @Test
  void oneHotNeedsIntegerIndices() {
    assertError(new String[] {X, "@Output(\"one_hot(x, 3)\") Tensor y();"},
        "[Staticflow/DTypeMismatch] one_hot: indices must be int32 or int64, found float32[?, 4]", 7);
  }

  @Test
  void keepProbMustBeAScalar() {
    assertError(new String[] {X, "@Output(\"dropout(x, keep_prob=x)\") Tensor y();"},
        "[Staticflow/RankMismatch] dropout: keep_prob must be a scalar, found [?, 4]", 7);
  }

  @Test
  void dropoutNeedsKeepProbOrRate() {
    assertError(new String[] {X, "@Output(\"dropout(x)\") Tensor y();"},
        "[Staticflow/ArgumentCount] dropout(): expected exactly one of keep_prob and rate (column 1 of \"dropout(x)\")", 7);
  }

  @Test
  void reluOfIntegers() {
    assertError(new String[] {"@Input(shape = {-1}, dtype = \"int32\") Tensor n();", "@Output(\"relu(n)\") Tensor y();"},
        "[Staticflow/DTypeMismatch] relu: expected float32, found int32[?]", 7);
  }

  @Test
  void unknownDtypeInCast() {
    assertError(new String[] {X, "@Output(\"cast(x, complex64)\") Tensor y();"},
        "[Staticflow/InvalidArgument] unknown dtype 'complex64'; expected float32, int32, int64 or bool (column 9 of \"cast(x, complex64)\")", 7);
  }

  @Test
  void denseReusedWithAnotherWidth() {
    assertError(new String[] {X, "@Input(shape = {-1, 5}) Tensor w();",
        "@Output(\"dense(x, 2, name='fc') + dense(w, 2, name='fc')\") Tensor y();"},
        "[Staticflow/ShapeMismatch] variable 'fc/kernel' is reused with shape [5, 2] but was created with [4, 2]", 8);
  }

  @Test
  void stridesOfFourValues() {
    assertError(new String[] {"@Input(shape = {-1, 8, 8, 1}) Tensor x();",
        "@Output(\"max_pool(x, [1, 2, 2, 1], [2, 2], 'SAME')\") Tensor y();"},
        "[Staticflow/InvalidArgument] max_pool(): strides must be [1, h, w, 1] with h, w >= 1, found [2, 2]", 7);
  }

  @Test
  void layerFunctionInAModel() {
    assertError(new String[] {X, "@Output(\"t\") Tensor f(Tensor t);"},
        "[Staticflow/InvalidDeclaration] f() has parameters; only @Output members of a @Layer type may (layer functions)", 7);
  }

  @Test
  void badInitializerArgument() {
    assertError(new String[] {X, "@Variable(shape = {4}, init = \"truncated_normal(stdev=0.1)\") Tensor w();",
        "@Output(\"x * w\") Tensor y();"},
        "[Staticflow/UnknownKeyword] truncated_normal() has no argument 'stdev'; expected one of [mean, stddev]"
            + " (column 18 of \"truncated_normal(stdev=0.1)\")", 7);
  }

  @Test
  void staticMemberCannotBeImplemented() {
    assertError(new String[] {X, "@Output(\"x\") static Tensor y() { return null; }"},
        "[Staticflow/InvalidDeclaration] y() must be abstract (not static, default or private)", 7);
  }

  @Test
  void genericModel() {
    assertError(ModelCompiler.source("M",
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;",
        "@Model",
        "public interface M<T> {",
        "  @Input(shape = {2}) Tensor x();",
        "  @Output(\"x\") Tensor y();",
        "}"),
        "[Staticflow/InvalidDeclaration] M has type parameters; model and layer types cannot be generic", 5);
  }

  @Test
  void inheritedAbstractMember() {
    assertError(ModelCompiler.source("M",
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;",
        "@Model",
        "public interface M extends Base {",
        "  @Input(shape = {2}) Tensor x();",
        "  @Output(\"x\") Tensor y();",
        "}",
        "interface Base { Tensor extra(); }"),
        "[Staticflow/InvalidDeclaration] abstract member extra() is inherited from test.Base", 5);
  }

  @Test
  void unknownFunctionFarFromAnyName() {
    assertError(new String[] {X, "@Output(\"tf.nn.gelu_approximate(x)\") Tensor y();"},
        "[Staticflow/UnknownOp] unknown function 'tf.nn.gelu_approximate' (column 1 of \"tf.nn.gelu_approximate(x)\")", 7);
  }

  @Test
  void misspelledModulePrefixedFunction() {
    assertError(new String[] {X, "@Output(\"tf.reduce_mena(x)\") Tensor y();"},
        "[Staticflow/UnknownOp] unknown function 'tf.reduce_mena'; did you mean 'reduce_mean'?", 7);
  }
}
