package org.staticflow.processor.codegen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the values of a graph model's embedded constants next to its generated class: float32,
 * little-endian, concatenated in variable order, with no header (the generated code knows every offset).
 */
public final class WeightsResource {
  private WeightsResource() {}

  /** Writes {@code weights} as the class-output resource {@code packageName/name}. */
  public static void write(Filer filer, String packageName, String name, float[] weights, Element origin)
      throws IOException {
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, packageName, name, origin);
    ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = file.openOutputStream()) {
      for (float w : weights) {
        if (!chunk.hasRemaining()) {
          out.write(chunk.array(), 0, chunk.position());
          chunk.clear();
        }
        chunk.putFloat(w);
      }
      out.write(chunk.array(), 0, chunk.position());
    }
  }
}
