package org.staticflow.processor.discovery;

/** A model refers to a type that does not exist yet (another processor may generate it next round). */
public final class Deferred extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Deferred(String typeName) {
    super(typeName, null, false, false);
  }
}
