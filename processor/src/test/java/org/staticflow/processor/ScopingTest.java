package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.CompiledModel;
import org.staticflow.runtime.model.VariableEntry;
import org.staticflow.runtime.tensor.FloatTensor;

/** TensorFlow 1.x variable scopes: reuse, separate instances, nesting, member access. */
class ScopingTest {
  private static final String[] SOURCE = {
    "package test;",
    "import org.staticflow.annotations.*;",
    "import org.staticflow.runtime.tensor.Tensor;",
    "@Model",
    "public interface Scopes {",
    "  @Input(shape = {-1, 2}) Tensor x();",
    "  @Layer Affine shared();",
    "  @Layer(\"first\") Affine one();",
    "  @Layer(\"second\") Affine two();",
    "  @Layer Block block();",
    "  @Output(\"shared(shared(x))\") Tensor twice();",
    "  @Output(\"two(one(x))\") Tensor chain();",
    "  @Output(\"block.apply(x)\") Tensor nested();",
    "  @Output(\"x @ shared.w + block.inner.b\") Tensor members();",
    "  @Output(\"block.twice(x)\") Tensor named();",
    "  @Layer interface Affine {",
    "    @Variable(shape = {2, 2}, init = \"random_uniform(minval=-1, maxval=1)\") Tensor w();",
    "    @Variable(shape = {2}, init = \"constant(0.5)\") Tensor b();",
    "    @Output(\"tanh(v @ w + b)\") Tensor apply(Tensor v);",
    "  }",
    "  @Layer interface Block {",
    "    @Layer Affine inner();",
    "    @Output(\"dense(inner(v), 2, name='out')\") Tensor apply(Tensor v);",
    "    @Output(\"apply(v) * 0 + inner(inner(v))\") Tensor twice(Tensor v);",
    "  }",
    "}",
  };

  private static float[] variable(CompiledModel model, String name) {
    return model.variables().stream().filter(v -> v.name().equals(name)).map(v -> ((FloatTensor) v.value()).data())
        .findFirst().orElseThrow(() -> new AssertionError("no variable " + name));
  }

  private static double[] affine(float[] x, int rows, float[] w, float[] b) {
    double[] y = new double[rows * 2];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < 2; j++) {
        double s = b[j];
        for (int k = 0; k < 2; k++) s += x[r * 2 + k] * (double) w[k * 2 + j];
        y[r * 2 + j] = Math.tanh(s);
      }
    }
    return y;
  }

  private static float[] floats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) out[i] = (float) values[i];
    return out;
  }

  @Test
  void variablesFollowScopes() {
    CompiledModel model = ModelCompiler.compileAndLoad("Scopes", ModelCompiler.source("Scopes", SOURCE));
    assertEquals(List.of("shared/w", "shared/b", "first/w", "first/b", "second/w", "second/b", "block/inner/w",
        "block/inner/b", "block/out/kernel", "block/out/bias"), model.variables().stream().map(VariableEntry::name).toList());
  }

  @Test
  void reuseAndSeparateInstancesCompute() {
    CompiledModel model = ModelCompiler.compileAndLoad("Scopes", ModelCompiler.source("Scopes", SOURCE));
    model.initializeVariables(8);
    model.batchSize(3);
    float[] x = ((FloatTensor) model.input("x")).data();
    for (int i = 0; i < x.length; i++) x[i] = i * 0.3f - 0.7f;
    model.forward();
    float[] once = floats(affine(x, 3, variable(model, "shared/w"), variable(model, "shared/b")));
    double[] twice = affine(once, 3, variable(model, "shared/w"), variable(model, "shared/b"));
    float[] actualTwice = ((FloatTensor) model.output("twice")).data();
    float[] first = floats(affine(x, 3, variable(model, "first/w"), variable(model, "first/b")));
    double[] chain = affine(first, 3, variable(model, "second/w"), variable(model, "second/b"));
    float[] actualChain = ((FloatTensor) model.output("chain")).data();
    float[] inner = floats(affine(x, 3, variable(model, "block/inner/w"), variable(model, "block/inner/b")));
    double[] innerTwice = affine(inner, 3, variable(model, "block/inner/w"), variable(model, "block/inner/b"));
    float[] named = ((FloatTensor) model.output("named")).data();
    for (int i = 0; i < 6; i++) {
      assertEquals(twice[i], actualTwice[i], 1e-5, "shared(shared(x)) reuses one set of variables");
      assertEquals(chain[i], actualChain[i], 1e-5, "two scopes of one layer type have their own variables");
      assertEquals(innerTwice[i], named[i], 1e-5, "a named layer function, calling a nested layer twice");
    }
    float[] members = ((FloatTensor) model.output("members")).data();
    float[] w = variable(model, "shared/w");
    float[] b = variable(model, "block/inner/b");
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 2; j++) {
        double s = b[j] + x[r * 2] * (double) w[j] + x[r * 2 + 1] * (double) w[2 + j];
        assertEquals(s, members[r * 2 + j], 1e-5, "layer members read with dots");
      }
    }
  }

  @Test
  void layerAccessorsExposeTheScopeVariables() {
    CompiledModel model = ModelCompiler.compileAndLoad("Scopes", ModelCompiler.source("Scopes", SOURCE));
    Object shared = invoke(model, "shared");
    assertSame(model.variables().get(0).value(), invoke(shared, "w"));
    Object block = invoke(model, "block");
    Object inner = invoke(block, "inner");
    assertSame(model.variables().get(6).value(), invoke(inner, "w"));
    java.lang.reflect.Method apply;
    try {
      apply = shared.getClass().getMethod("apply", org.staticflow.runtime.tensor.Tensor.class);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    apply.setAccessible(true);
    Throwable thrown = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> apply.invoke(shared, (Object) null));
    assertTrue(thrown.getCause() instanceof UnsupportedOperationException);
  }

  private static Object invoke(Object target, String method) {
    try {
      java.lang.reflect.Method m = target.getClass().getMethod(method);
      m.setAccessible(true);
      return m.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aModelMayExtendCompiledModel() {
    CompiledModel model = ModelCompiler.compileAndLoad("Direct", ModelCompiler.source("Direct",
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.model.CompiledModel;",
        "import org.staticflow.runtime.tensor.*;",
        "@Model",
        "public interface Direct extends CompiledModel {",
        "  @Input(shape = {2}) FloatTensor x();",
        "  @Variable(shape = {2}, init = \"constant(3)\", trainable = false) Tensor w();",
        "  @Output(\"x * w\") FloatTensor y();",
        "  @Output(\"argmax(x, 0)\") LongTensor index();",
        "  static float first(Direct model) {",
        "    model.x().data()[0] = 5f;",
        "    model.forward();",
        "    return model.y().data()[0] + model.index().data()[0];",
        "  }",
        "}"));
    ((FloatTensor) model.input("x")).data()[1] = 2f;
    model.forward();
    assertEquals(6f, ((FloatTensor) model.output("y")).data()[1]);
    try {
      Object viaStatic = model.getClass().getInterfaces()[0].getMethod("first", model.getClass().getInterfaces()[0])
          .invoke(null, model);
      assertEquals(15f + 0f, viaStatic, "members typed FloatTensor / LongTensor are read without casts");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    assertEquals(false, model.variables().get(0).trainable());
  }
}
