package org.staticflow.runtime.checkpoint.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.UnsupportedCheckpointException;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Shape;

/**
 * Tensors and data files beyond 2 GiB: a 2.25 GiB uint8 tensor streamed in and out (no Java array could hold
 * it), followed by a tensor whose offset does not fit in an int.
 */
class LargeBundleTest {
  private static final long HUGE_BYTES = (1L << 31) + (1L << 28);

  /** The payload is a sequence of little-endian longs, each holding its own byte offset. */
  private static long pattern(long position) {
    return position * 0x9E3779B97F4A7C15L;
  }

  @Test
  void tensorAndDataFileLargerThanTwoGibibytes(@TempDir Path dir) throws Exception {
    Path prefix = dir.resolve("large");
    float[] tail = new float[1000];
    for (int i = 0; i < tail.length; i++) {
      tail[i] = i - 0.25f;
    }
    try (BundleWriter writer = BundleWriter.create(prefix)) {
      writer.add("huge", DataType.UINT8, Shape.of(HUGE_BYTES), (position, buffer) -> {
        long p = position;
        while (buffer.remaining() >= 8) {
          buffer.putLong(pattern(p));
          p += 8;
        }
      });
      writer.add("tail", FloatTensor.of(Shape.of(1000), tail));
      writer.finish();
    }
    assertEquals(HUGE_BYTES + 4000, Files.size(BundleFiles.dataFile(prefix, 0, 1)));
    try (BundleReader reader = BundleReader.open(prefix)) {
      BundleEntry tailEntry = reader.entry("tail").orElseThrow();
      assertEquals(HUGE_BYTES, tailEntry.offset());
      assertTrue(tailEntry.offset() > Integer.MAX_VALUE);
      assertEquals(FloatTensor.of(Shape.of(1000), tail), reader.read("tail"));

      long[] checked = {0};
      reader.readPayload("huge", (position, chunk) -> {
        for (int i = 0; i < chunk.remaining(); i += 8) {
          if (chunk.getLong(chunk.position() + i) != pattern(position + i)) {
            throw new AssertionError("bytes at " + (position + i) + " differ");
          }
        }
        checked[0] += chunk.remaining();
      });
      assertEquals(HUGE_BYTES, checked[0]);
      UnsupportedCheckpointException tooBig =
          assertThrows(UnsupportedCheckpointException.class, () -> reader.read("huge"));
      assertTrue(tooBig.getMessage().contains("larger than one Java array"), tooBig.getMessage());
    }
  }
}
