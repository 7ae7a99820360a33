package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.staticflow.processor.testing.AllocationMeter;
import org.staticflow.processor.testing.ModelCompiler;
import org.staticflow.runtime.model.CompiledModel;

/** Buffers are allocated once per batch size: a forward pass allocates nothing. */
class AllocationTest {

  @Test
  void forwardAllocatesNothingAfterWarmUp() {
    CompiledModel mlp = ModelCompiler.compileAndLoad("MnistMlp", ModelCompiler.source("MnistMlp", MnistMlpTest.MLP));
    CompiledModel cnn = ModelCompiler.compileAndLoad("MnistCnn", ModelCompiler.source("MnistCnn", MnistCnnTest.CNN));
    mlp.batchSize(8);
    cnn.batchSize(2);
    ((org.staticflow.runtime.tensor.FloatTensor) cnn.input("keep_prob")).data()[0] = 0.5f;
    long allocated = AllocationMeter.steadyStateBytes(() -> {
      mlp.forward();
      cnn.forward();
    });
    assertEquals(0, allocated, "bytes allocated by 5 forward passes of each model");
    // Batch 1 takes the kernels' few-row paths (matrix products that read B in place).
    mlp.batchSize(1);
    cnn.batchSize(1);
    long single = AllocationMeter.steadyStateBytes(() -> {
      mlp.forward();
      cnn.forward();
    });
    assertEquals(0, single, "bytes allocated by 5 forward passes of batch 1");
  }
}
