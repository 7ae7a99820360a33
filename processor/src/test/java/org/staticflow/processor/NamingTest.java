package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.ModelCompiler;

/** Node names follow TensorFlow 1.x's unique_name rules, visible in the generated forward pass. */
class NamingTest {

  @Test
  void uniqueNamesAsTensorFlowMakesThem() {
    String source = ModelCompiler.generatedSources(ModelCompiler.compile(ModelCompiler.source("Names",
        "package test;",
        "import org.staticflow.annotations.*;",
        "import org.staticflow.runtime.tensor.Tensor;",
        "@Model",
        "public interface Names {",
        "  @Input(shape = {-1, 2}) Tensor x();",
        "  @Input(shape = {-1, 2}) Tensor z();",
        "  @Variable(name = \"MatMul\", shape = {2, 2}) Tensor w();",
        "  @Layer(\"scope\") L layer();",
        "  @Output(\"x + x\") Tensor a();",
        "  @Output(\"x + z\") Tensor b();",
        "  @Output(\"add(z, x)\") Tensor c();",
        "  @Output(\"multiply(x, x, name='product')\") Tensor d();",
        "  @Output(\"multiply(z, z, name='product')\") Tensor e();",
        "  @Output(\"(x + x) * 2\") Tensor same();",
        "  @Output(\"x @ w\") Tensor f();",
        "  @Output(\"layer(layer(x))\") Tensor g();",
        "  @Output(\"tanh(x, name='scope/inner')\") Tensor h();",
        "  @Layer interface L {",
        "    @Output(\"relu(t) + relu(-t)\") Tensor apply(Tensor t);",
        "  }",
        "}")));
    for (String line : List.of(
        "// add = Add(x, x)",
        "// add_1 = Add(x, z)",
        "// Add_2 = Add(z, x)",
        "// product = Mul(x, x)",
        "// product_1 = Mul(z, z)",
        "// mul = Mul(add, Const)",
        "// MatMul_1 = MatMul(x, MatMul)",
        "// scope/Relu = Relu(x)",
        "// scope/Neg = Neg(x)",
        "// scope/Relu_1 = Relu(scope/Neg)",
        "// scope/add = Add(scope/Relu, scope/Relu_1)",
        "// scope_1/Relu = Relu(scope/add)",
        "// scope_1/add = Add(scope_1/Relu, scope_1/Relu_1)",
        "// scope/inner = Tanh(x)")) {
      assertTrue(source.contains(line), "generated source lacks: " + line + "\n" + source);
    }
    // (x + x) * 2 reuses the node of output a: common subexpressions are computed once.
    assertTrue(!source.contains("// add_3 ") && !source.contains("= Add(x, x)\n    kernels.binary(BinaryOp.ADD, x.data(), x.data(), add_"),
        "x + x computed twice:\n" + source);
  }
}
