package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.tensor.Tensor;
import org.staticflow.runtime.tensor.TensorFormat;

/**
 * The first and last few elements of a fixed-size tensor of any size, captured while its stored bytes
 * stream past (the reader still verifies the checksum of the whole payload).
 */
final class EdgeElements {
  private final Tensor head;
  private final Tensor tail;
  private final long count;

  private EdgeElements(Tensor head, Tensor tail, long count) {
    this.head = head;
    this.tail = tail;
    this.count = count;
  }

  /** Streams {@code entry} and keeps its first and last {@code edgeItems} elements. */
  static EdgeElements read(BundleReader reader, BundleEntry entry, int edgeItems) throws IOException {
    long count = entry.shape().numElements();
    int elementBytes = entry.dataType().byteSize();
    long size = count * elementBytes;
    int headCount = (int) Math.min(edgeItems, count);
    int tailCount = (int) Math.min(edgeItems, count - headCount);
    byte[] head = new byte[headCount * elementBytes];
    byte[] tail = new byte[tailCount * elementBytes];
    long tailStart = size - tail.length;
    reader.readPayload(
        entry.key(),
        (position, chunk) -> {
          ByteBuffer bytes = LittleEndian.of(chunk, entry.dataType());
          int n = bytes.remaining();
          copyOverlap(bytes.slice(), position, n, head, 0);
          copyOverlap(bytes.slice(), position, n, tail, tailStart);
        });
    return new EdgeElements(
        ElementBytes.decode(entry.dataType(), head), ElementBytes.decode(entry.dataType(), tail), count);
  }

  /** Copies the part of chunk [position, position+n) that falls in [start, start+target.length). */
  private static void copyOverlap(ByteBuffer chunk, long position, int n, byte[] target, long start) {
    long from = Math.max(position, start);
    long to = Math.min(position + n, start + target.length);
    if (from < to) {
      chunk.get((int) (from - position), target, (int) (from - start), (int) (to - from));
    }
  }

  /** {@code [h0, h1, h2, ..., t0, t1, t2]}, or all elements when there are no more than shown. */
  String format() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < head.numElements(); i++) {
      text.append(i > 0 ? ", " : "").append(TensorFormat.element(head, i));
    }
    if (head.numElements() + tail.numElements() < count) {
      text.append(", ...");
    }
    for (int i = 0; i < tail.numElements(); i++) {
      text.append(", ").append(TensorFormat.element(tail, i));
    }
    return text.append(']').toString();
  }
}
