package org.staticflow.benchmarks.models;

/** One thing to time: a training step or an inference of one batch, by one engine. */
interface Workload extends AutoCloseable {
  /** Runs once; returns a value the caller consumes so that the work cannot be optimised away. */
  float run();

  @Override
  void close();
}
