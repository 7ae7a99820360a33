package org.staticflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
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
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 3; i++) {
      mlp.forward();
      cnn.forward();
    }
    // The JVM occasionally charges a few hundred bytes to a thread (a deoptimisation, a safepoint under
    // load), so keep the least of a few attempts: per-pass allocation would show in every attempt.
    long allocated = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 5 && allocated > 0; attempt++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 5; i++) {
        mlp.forward();
        cnn.forward();
      }
      allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
    }
    assertEquals(0, allocated, "bytes allocated by 5 forward passes of each model");
  }
}
