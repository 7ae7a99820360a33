package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Every function of the language, compiled into one model and run at several batch sizes; expected
 * values are computed independently here in double precision. (conv2d and pooling are checked against
 * TensorFlow in {@link WindowOpsTest}.)
 */
class FunctionsTest {
  private static final double TOL = 1e-5;
  private static CompiledModel model;

  private static final String[] SOURCE = {
    "package test;",
    "import org.staticflow.annotations.*;",
    "import org.staticflow.runtime.tensor.Tensor;",
    "@Model",
    "public interface Ops {",
    "  @Input(shape = {-1, 3}) Tensor a();",
    "  @Input(shape = {-1, 3}) Tensor c();",
    "  @Input(shape = {-1, 3}) Tensor p();",
    "  @Input(shape = {3}) Tensor row();",
    "  @Input(shape = {-1, 1}) Tensor col();",
    "  @Input(shape = {-1}, dtype = \"int64\") Tensor labels();",
    "  @Input(shape = {-1}, dtype = \"int32\") Tensor ilabels();",
    "  @Input(shape = {-1, 3}) Tensor z();",
    "  @Input(shape = {-1, 2, 3}) Tensor t3();",
    "  @Input(shape = {}) Tensor keep();",
    "  @Variable(shape = {3, 2}, init = \"random_uniform(minval=-1, maxval=1)\") Tensor m();",
    "  @Variable(shape = {3}, init = \"random_normal(mean=0.5, stddev=0.2)\") Tensor bias();",
    "  @Variable(shape = {2, 3}, init = \"ones\") Tensor s1();",
    "  @Variable(shape = {1, 3}, init = \"constant(-2.5)\") Tensor s2();",
    "  @Output(\"-a\") Tensor neg();",
    "  @Output(\"tf.negative(a)\") Tensor neg2();",
    "  @Output(\"square(a)\") Tensor square();",
    "  @Output(\"sqrt(p)\") Tensor sqrt();",
    "  @Output(\"exp(a)\") Tensor exp();",
    "  @Output(\"log(p)\") Tensor log();",
    "  @Output(\"abs(a)\") Tensor abs();",
    "  @Output(\"tf.nn.relu(a)\") Tensor relu();",
    "  @Output(\"relu6(a * 4)\") Tensor relu6();",
    "  @Output(\"sigmoid(a)\") Tensor sigmoid();",
    "  @Output(\"tanh(a)\") Tensor tanh();",
    "  @Output(\"a + row\") Tensor addRow();",
    "  @Output(\"a - col\") Tensor subCol();",
    "  @Output(\"col * row\") Tensor outer();",
    "  @Output(\"2 / p\") Tensor divScalar();",
    "  @Output(\"add(a, c)\") Tensor add();",
    "  @Output(\"subtract(a, 1.5)\") Tensor subtract();",
    "  @Output(\"multiply(a, c)\") Tensor multiply();",
    "  @Output(\"divide(a, p)\") Tensor divide();",
    "  @Output(\"maximum(a, c)\") Tensor maximum();",
    "  @Output(\"minimum(a, 0.25)\") Tensor minimum();",
    "  @Output(\"bias_add(a, bias)\") Tensor biasAdd();",
    "  @Output(\"a @ m\") Tensor matmul();",
    "  @Output(\"matmul(a, c, transpose_b=True)\") Tensor matmulTb();",
    "  @Output(\"matmul(a, c, transpose_a=True)\") Tensor matmulTa();",
    "  @Output(\"softmax(a)\") Tensor softmax();",
    "  @Output(\"log_softmax(a, axis=-1)\") Tensor logSoftmax();",
    "  @Output(\"reshape(t3, [-1, 6])\") Tensor reshape();",
    "  @Output(\"reshape(s1, [3, -1])\") Tensor reshapeStatic();",
    "  @Output(\"transpose(a)\") Tensor transpose();",
    "  @Output(\"transpose(t3, perm=[0, 2, 1])\") Tensor transpose3();",
    "  @Output(\"concat([a, c, col], 1)\") Tensor concat();",
    "  @Output(\"concat([s1, s2], axis=0)\") Tensor concat0();",
    "  @Output(\"reduce_sum(a)\") Tensor sumAll();",
    "  @Output(\"reduce_mean(a, axis=1)\") Tensor meanRows();",
    "  @Output(\"reduce_max(a, 0, keepdims=True)\") Tensor maxCols();",
    "  @Output(\"reduce_sum(t3, axis=[0, 2])\") Tensor sumOuter();",
    "  @Output(\"reduce_mean(t3, reduction_indices=[1], keep_dims=True)\") Tensor meanMiddle();",
    "  @Output(\"argmax(a, 1)\") Tensor argmaxRows();",
    "  @Output(\"argmax(a, axis=0, output_type=int32)\") Tensor argmaxCols();",
    "  @Output(\"equal(argmax(a, 1), argmax(c, 1))\") Tensor equal();",
    "  @Output(\"cast(equal(argmax(a, 1), labels), float32)\") Tensor castBool();",
    "  @Output(\"cast(a * 3, tf.int32)\") Tensor castInt();",
    "  @Output(\"cast(labels, float32) + cast(ilabels, 'float32')\") Tensor castBack();",
    "  @Output(\"cast(equal(labels, 2), float32) + cast(equal(1, ilabels), float32)\") Tensor equalConstants();",
    "  @Output(\"one_hot(labels, 4)\") Tensor oneHot();",
    "  @Output(\"one_hot(ilabels, 3, on_value=5.0, off_value=-1.0)\") Tensor oneHotInt();",
    "  @Output(\"dropout(a, 1.0)\") Tensor dropoutAll();",
    "  @Output(\"dropout(a, keep_prob=keep)\") Tensor dropoutKeep();",
    "  @Output(\"dropout(t3, rate=0.25)\") Tensor dropoutRate();",
    "  @Output(\"stop_gradient(a) * 2\") Tensor stopGradient();",
    "  @Output(\"tf.identity(a)\") Tensor identity();",
    "  @Output(\"l2_loss(a)\") Tensor l2Loss();",
    "  @Output(\"softmax_cross_entropy_with_logits(labels=softmax(c), logits=a)\") Tensor xent();",
    "  @Output(\"sparse_softmax_cross_entropy_with_logits(labels=labels, logits=a)\") Tensor sparseXent();",
    "  @Output(\"sparse_softmax_cross_entropy_with_logits(labels=ilabels, logits=a)\") Tensor sparseXentInt();",
    "  @Output(\"sigmoid_cross_entropy_with_logits(labels=z, logits=a * 10)\") Tensor sigmoidXent();",
    "  @Output(\"dense(a, 2, activation=tf.nn.relu, name='fc')\") Tensor dense();",
    "  @Output(\"dense(a, 4, use_bias=False)\") Tensor denseNoBias();",
    "  @Loss(\"reduce_mean(sparseXent) + 0.01 * l2_loss(m)\") Tensor loss();",
    "}",
  };

  @BeforeAll
  static void compile() {
    model = ModelCompiler.compileAndLoad("Ops", ModelCompiler.source("Ops", SOURCE));
    model.initializeVariables(3);
  }

  private int batch;
  private float[] a;
  private float[] c;
  private float[] p;
  private float[] row;
  private float[] col;
  private long[] labels;
  private int[] ilabels;
  private float[] z;
  private float[] t3;

  private void feed(int size) {
    batch = size;
    model.batchSize(size);
    a = f("a");
    c = f("c");
    p = f("p");
    row = f("row");
    col = f("col");
    labels = ((LongTensor) model.input("labels")).data();
    ilabels = ((IntTensor) model.input("ilabels")).data();
    z = f("z");
    t3 = f("t3");
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) Math.sin(1.3 * i + size) * 2;
      c[i] = (float) Math.cos(0.7 * i - size);
      p[i] = 0.1f + i % 5;
      z[i] = (i % 4) / 3f;
    }
    for (int i = 0; i < 3; i++) {
      row[i] = i - 1.5f;
    }
    for (int r = 0; r < size; r++) {
      col[r] = r * 0.5f;
      labels[r] = (r * 2) % 3;
      ilabels[r] = (r + 1) % 3;
    }
    for (int i = 0; i < t3.length; i++) {
      t3[i] = i * 0.25f - 1;
    }
    ((FloatTensor) model.input("keep")).data()[0] = 0.5f;
    model.forward();
  }

  private static float[] f(String input) {
    return ((FloatTensor) model.input(input)).data();
  }

  private static float[] out(String output) {
    return ((FloatTensor) model.output(output)).data();
  }

  private static float[] variable(String name) {
    return model.variables().stream().filter(v -> v.name().equals(name)).map(v -> ((FloatTensor) v.value()).data())
        .findFirst().orElseThrow();
  }

  private static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOL * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
    }
  }

  private static double[] map(float[] x, DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = f.applyAsDouble(x[i]);
    }
    return y;
  }

  @Test
  void elementwiseUnaryFunctions() {
    for (int size : new int[] {1, 4}) {
      feed(size);
      assertClose(map(a, v -> -v), out("neg"), "neg");
      assertClose(map(a, v -> -v), out("neg2"), "negative");
      assertClose(map(a, v -> v * v), out("square"), "square");
      assertClose(map(p, Math::sqrt), out("sqrt"), "sqrt");
      assertClose(map(a, Math::exp), out("exp"), "exp");
      assertClose(map(p, Math::log), out("log"), "log");
      assertClose(map(a, Math::abs), out("abs"), "abs");
      assertClose(map(a, v -> Math.max(v, 0)), out("relu"), "relu");
      assertClose(map(a, v -> Math.min(Math.max(4 * v, 0), 6)), out("relu6"), "relu6");
      assertClose(map(a, v -> 1 / (1 + Math.exp(-v))), out("sigmoid"), "sigmoid");
      assertClose(map(a, Math::tanh), out("tanh"), "tanh");
    }
  }

  @Test
  void binaryFunctionsBroadcast() {
    for (int size : new int[] {1, 3, 6}) {
      feed(size);
      double[] addRow = new double[a.length];
      double[] subCol = new double[a.length];
      double[] outer = new double[a.length];
      double[] biasAdd = new double[a.length];
      float[] bias = variable("bias");
      for (int r = 0; r < size; r++) {
        for (int j = 0; j < 3; j++) {
          int i = r * 3 + j;
          addRow[i] = a[i] + row[j];
          subCol[i] = a[i] - col[r];
          outer[i] = col[r] * row[j];
          biasAdd[i] = a[i] + bias[j];
        }
      }
      assertClose(addRow, out("addRow"), "a + row");
      assertClose(subCol, out("subCol"), "a - col");
      assertClose(outer, out("outer"), "col * row");
      assertClose(biasAdd, out("biasAdd"), "bias_add");
      assertClose(map(p, v -> 2 / v), out("divScalar"), "2 / p");
      double[] add = new double[a.length];
      double[] mul = new double[a.length];
      double[] div = new double[a.length];
      double[] max = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        add[i] = a[i] + c[i];
        mul[i] = a[i] * c[i];
        div[i] = a[i] / p[i];
        max[i] = Math.max(a[i], c[i]);
      }
      assertClose(add, out("add"), "add");
      assertClose(map(a, v -> v - 1.5), out("subtract"), "subtract");
      assertClose(mul, out("multiply"), "multiply");
      assertClose(div, out("divide"), "divide");
      assertClose(max, out("maximum"), "maximum");
      assertClose(map(a, v -> Math.min(v, 0.25)), out("minimum"), "minimum");
    }
  }

  @Test
  void matrixProducts() {
    for (int size : new int[] {1, 2, 5}) {
      feed(size);
      float[] m = variable("m");
      double[] expected = new double[size * 2];
      double[] tb = new double[size * size];
      double[] ta = new double[9];
      for (int r = 0; r < size; r++) {
        for (int j = 0; j < 2; j++) {
          for (int k = 0; k < 3; k++) expected[r * 2 + j] += a[r * 3 + k] * (double) m[k * 2 + j];
        }
        for (int s = 0; s < size; s++) {
          for (int k = 0; k < 3; k++) tb[r * size + s] += a[r * 3 + k] * (double) c[s * 3 + k];
        }
      }
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int r = 0; r < size; r++) ta[i * 3 + j] += a[r * 3 + i] * (double) c[r * 3 + j];
        }
      }
      assertClose(expected, out("matmul"), "a @ m");
      assertClose(tb, out("matmulTb"), "transpose_b");
      assertClose(ta, out("matmulTa"), "transpose_a");
      assertEquals(Shape.of(size, size), model.output("matmulTb").shape());
    }
  }

  @Test
  void softmaxAndLogSoftmax() {
    feed(4);
    for (int r = 0; r < 4; r++) {
      double lse = 0;
      for (int j = 0; j < 3; j++) lse += Math.exp(a[r * 3 + j]);
      lse = Math.log(lse);
      for (int j = 0; j < 3; j++) {
        assertEquals(Math.exp(a[r * 3 + j] - lse), out("softmax")[r * 3 + j], TOL);
        assertEquals(a[r * 3 + j] - lse, out("logSoftmax")[r * 3 + j], TOL);
      }
    }
  }

  @Test
  void reshapeIsAViewAndTransposePermutes() {
    for (int size : new int[] {1, 3}) {
      feed(size);
      assertEquals(Shape.of(size, 6), model.output("reshape").shape());
      assertTrue(out("reshape") == t3, "reshape shares the input's storage");
      assertEquals(Shape.of(3, 2), model.output("reshapeStatic").shape());
      double[] tr = new double[a.length];
      for (int r = 0; r < size; r++) {
        for (int j = 0; j < 3; j++) tr[j * size + r] = a[r * 3 + j];
      }
      assertClose(tr, out("transpose"), "transpose");
      double[] tr3 = new double[t3.length];
      for (int b = 0; b < size; b++) {
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) tr3[b * 6 + j * 2 + i] = t3[b * 6 + i * 3 + j];
        }
      }
      assertClose(tr3, out("transpose3"), "transpose perm");
    }
  }

  @Test
  void concatenation() {
    feed(3);
    double[] expected = new double[3 * 7];
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 3; j++) {
        expected[r * 7 + j] = a[r * 3 + j];
        expected[r * 7 + 3 + j] = c[r * 3 + j];
      }
      expected[r * 7 + 6] = col[r];
    }
    assertClose(expected, out("concat"), "concat axis 1");
    assertClose(new double[] {1, 1, 1, 1, 1, 1, -2.5, -2.5, -2.5}, out("concat0"), "concat axis 0");
    assertEquals(Shape.of(3, 3), model.output("concat0").shape());
  }

  @Test
  void reductions() {
    for (int size : new int[] {1, 4}) {
      feed(size);
      double sum = 0;
      double[] means = new double[size];
      double[] maxes = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
      for (int r = 0; r < size; r++) {
        for (int j = 0; j < 3; j++) {
          sum += a[r * 3 + j];
          means[r] += a[r * 3 + j] / 3.0;
          maxes[j] = Math.max(maxes[j], a[r * 3 + j]);
        }
      }
      assertClose(new double[] {sum}, out("sumAll"), "reduce_sum");
      assertClose(means, out("meanRows"), "reduce_mean axis 1");
      assertClose(maxes, out("maxCols"), "reduce_max keepdims");
      assertEquals(Shape.of(1, 3), model.output("maxCols").shape());
      double[] outer = new double[2];
      double[] middle = new double[size * 3];
      for (int b = 0; b < size; b++) {
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) {
            outer[i] += t3[b * 6 + i * 3 + j];
            middle[b * 3 + j] += t3[b * 6 + i * 3 + j] / 2.0;
          }
        }
      }
      assertClose(outer, out("sumOuter"), "reduce_sum axes 0, 2");
      assertClose(middle, out("meanMiddle"), "reduce_mean keep_dims");
      assertEquals(Shape.of(size, 1, 3), model.output("meanMiddle").shape());
    }
  }

  @Test
  void argmaxEqualAndCast() {
    for (int size : new int[] {2, 5}) {
      feed(size);
      long[] rows = ((LongTensor) model.output("argmaxRows")).data();
      boolean[] equal = ((BooleanTensor) model.output("equal")).data();
      float[] castBool = out("castBool");
      for (int r = 0; r < size; r++) {
        int best = argmax(a, r * 3, 1, 3);
        assertEquals(best, rows[r]);
        assertEquals(best == argmax(c, r * 3, 1, 3), equal[r]);
        assertEquals(best == labels[r] ? 1f : 0f, castBool[r]);
      }
      int[] cols = ((IntTensor) model.output("argmaxCols")).data();
      for (int j = 0; j < 3; j++) {
        assertEquals(argmax(a, j, 3, size), cols[j]);
      }
      int[] castInt = ((IntTensor) model.output("castInt")).data();
      for (int i = 0; i < a.length; i++) {
        assertEquals((int) (a[i] * 3), castInt[i], "truncation toward zero");
      }
      float[] equalConstants = out("equalConstants");
      for (int r = 0; r < size; r++) {
        assertEquals((labels[r] == 2 ? 1f : 0f) + (ilabels[r] == 1 ? 1f : 0f), equalConstants[r], "integer literals adapt");
      }
      double[] back = new double[size];
      for (int r = 0; r < size; r++) back[r] = labels[r] + ilabels[r];
      assertClose(back, out("castBack"), "cast to float32");
    }
  }

  private static int argmax(float[] x, int start, int stride, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (x[start + i * stride] > x[start + best * stride]) best = i;
    }
    return best;
  }

  @Test
  void oneHot() {
    feed(3);
    float[] oneHot = out("oneHot");
    float[] oneHotInt = out("oneHotInt");
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 4; j++) assertEquals(j == labels[r] ? 1f : 0f, oneHot[r * 4 + j]);
      for (int j = 0; j < 3; j++) assertEquals(j == ilabels[r] ? 5f : -1f, oneHotInt[r * 3 + j]);
    }
  }

  @Test
  void dropoutKeepsOrZeroesAndScales() {
    feed(40);
    assertClose(map(a, v -> v), out("dropoutAll"), "keep_prob 1");
    float[] kept = out("dropoutKeep");
    int zeros = 0;
    for (int i = 0; i < a.length; i++) {
      if (kept[i] == 0f && a[i] != 0f) {
        zeros++;
      } else {
        assertEquals(2 * a[i], kept[i], 1e-6, "kept values are scaled by 1 / keep_prob");
      }
    }
    assertTrue(zeros > 20 && zeros < 100, "about half of 120 dropped, found " + zeros);
    float[] rate = out("dropoutRate");
    for (int i = 0; i < t3.length; i++) {
      assertTrue(rate[i] == 0f || Math.abs(rate[i] - t3[i] / 0.75f) <= 1e-6 * Math.max(1, Math.abs(t3[i]) * 2), "rate=0.25 keeps with scale 4/3");
    }
    model.seed(99);
    model.forward();
    float[] first = out("dropoutKeep").clone();
    model.seed(99);
    model.forward();
    assertArrayEquals(first, out("dropoutKeep"), "same seed, same mask");
  }

  @Test
  void lossesAndStopGradient() {
    for (int size : new int[] {1, 4}) {
      feed(size);
      assertClose(map(a, v -> 2 * v), out("stopGradient"), "stop_gradient");
      assertClose(map(a, v -> v), out("identity"), "identity");
      double l2 = 0;
      for (float v : a) l2 += v * (double) v;
      assertClose(new double[] {l2 / 2}, out("l2Loss"), "l2_loss");
      double[] xent = new double[size];
      double[] sparse = new double[size];
      double[] sparseInt = new double[size];
      double meanSparse = 0;
      for (int r = 0; r < size; r++) {
        double lse = Reference.logSumExp(new double[] {a[r * 3], a[r * 3 + 1], a[r * 3 + 2]});
        double cse = Reference.logSumExp(new double[] {c[r * 3], c[r * 3 + 1], c[r * 3 + 2]});
        for (int j = 0; j < 3; j++) {
          xent[r] -= Math.exp(c[r * 3 + j] - cse) * (a[r * 3 + j] - lse);
        }
        sparse[r] = lse - a[r * 3 + (int) labels[r]];
        sparseInt[r] = lse - a[r * 3 + ilabels[r]];
        meanSparse += sparse[r] / size;
      }
      assertClose(xent, out("xent"), "softmax_cross_entropy_with_logits");
      assertClose(sparse, out("sparseXent"), "sparse (int64 labels)");
      assertClose(sparseInt, out("sparseXentInt"), "sparse (int32 labels)");
      double[] sig = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        double x = a[i] * 10.0f;
        double s = 1 / (1 + Math.exp(-x));
        sig[i] = -(z[i] * Math.log(s) + (1 - z[i]) * Math.log(1 - s));
      }
      float[] sigmoidXent = out("sigmoidXent");
      for (int i = 0; i < sig.length; i++) {
        assertEquals(sig[i], sigmoidXent[i], 1e-4 * Math.max(1, sig[i]), "sigmoid_cross_entropy_with_logits[" + i + "]");
      }
      double l2m = 0;
      for (float v : variable("m")) l2m += v * (double) v / 2;
      assertClose(new double[] {meanSparse + 0.01 * l2m}, out("loss"), "loss");
    }
  }

  @Test
  void denseCreatesKernelAndBiasLikeTfLayersDense() {
    List<String> names = model.variables().stream().map(VariableEntry::name).toList();
    assertEquals(List.of("m", "bias", "s1", "s2", "fc/kernel", "fc/bias", "dense/kernel"), names);
    VariableEntry kernel = model.variables().get(4);
    assertEquals(Shape.of(3, 2), kernel.shape());
    float limit = (float) Math.sqrt(6.0 / (3 + 2));
    for (float v : ((FloatTensor) kernel.value()).data()) {
      assertTrue(Math.abs(v) <= limit, "glorot_uniform within ±" + limit);
    }
    feed(3);
    float[] k = variable("fc/kernel");
    float[] b = variable("fc/bias");
    b[0] = 0.25f;
    b[1] = -0.5f;
    model.forward();
    double[] expected = new double[6];
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 2; j++) {
        double s = b[j];
        for (int i = 0; i < 3; i++) s += a[r * 3 + i] * (double) k[i * 2 + j];
        expected[r * 2 + j] = Math.max(0, s);
      }
    }
    assertClose(expected, out("dense"), "dense relu");
    Tensor noBias = model.output("denseNoBias");
    assertEquals(Shape.of(3, 4), noBias.shape());
  }

  @Test
  void sameSeedSameVariables() {
    model.initializeVariables(5);
    float[] first = variable("m").clone();
    model.initializeVariables(6);
    assertTrue(!java.util.Arrays.equals(first, variable("m")));
    model.initializeVariables(5);
    assertArrayEquals(first, variable("m"));
  }
}
