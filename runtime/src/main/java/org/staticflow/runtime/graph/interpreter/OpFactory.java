package org.staticflow.runtime.graph.interpreter;

/** Creates the kernel of one node from its attributes; attribute errors surface here, at load time. */
@FunctionalInterface
public interface OpFactory {
  OpKernel create(NodeAttrs node, LoadContext context);
}
