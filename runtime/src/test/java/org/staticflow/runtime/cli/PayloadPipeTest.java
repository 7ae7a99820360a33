package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;

class PayloadPipeTest {
  private static byte[] pattern(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + i / 251);
    }
    return bytes;
  }

  /** Pushes {@code bytes} in chunks of {@code chunk} bytes, as BundleReader.readPayload does. */
  private static PayloadPipe.Producer pushing(byte[] bytes, int chunk) {
    return sink -> {
      for (int at = 0; at < bytes.length; at += chunk) {
        sink.accept(at, ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)).slice());
      }
    };
  }

  @Test
  void deliversEveryByteInOrderAcrossUnevenChunks() throws Exception {
    byte[] bytes = pattern(3 * PayloadPipe.PIECE_BYTES + 12345);
    byte[] copy = new byte[bytes.length];
    try (PayloadPipe pipe = new PayloadPipe("t", bytes.length, pushing(bytes, 1_500_007))) {
      int at = 0;
      while (at < bytes.length) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(777_777, bytes.length - at));
        pipe.fill(at, buffer);
        buffer.flip();
        buffer.get(copy, at, buffer.remaining());
        at += buffer.limit();
      }
      pipe.finish();
    }
    assertArrayEquals(bytes, copy);
  }

  @Test
  void producerFailureAfterTheLastChunkReachesFinish() throws Exception {
    byte[] bytes = pattern(1000);
    CorruptCheckpointException crc = new CorruptCheckpointException("checksum mismatch for tensor t");
    PayloadPipe.Producer failingAtEnd =
        sink -> {
          pushing(bytes, 100).produce(sink);
          throw crc;
        };
    try (PayloadPipe pipe = new PayloadPipe("t", bytes.length, failingAtEnd)) {
      pipe.readFully(ByteBuffer.allocate(bytes.length));
      assertSame(crc, assertThrows(CorruptCheckpointException.class, pipe::finish));
    }
  }

  @Test
  void shortPayloadFailsInsteadOfHanging() throws Exception {
    byte[] bytes = pattern(100);
    try (PayloadPipe pipe = new PayloadPipe("t", 200, pushing(bytes, 64))) {
      IOException e = assertThrows(IOException.class, () -> pipe.readFully(ByteBuffer.allocate(200)));
      assertTrue(e.getMessage().contains("ended after 100 of 200 bytes"), e.getMessage());
    }
  }

  @Test
  void longPayloadFailsAtFinish() throws Exception {
    byte[] bytes = pattern(300);
    try (PayloadPipe pipe = new PayloadPipe("t", 200, pushing(bytes, 300))) {
      pipe.readFully(ByteBuffer.allocate(200));
      IOException e = assertThrows(IOException.class, pipe::finish);
      assertTrue(e.getMessage().contains("more than its declared 200 bytes"), e.getMessage());
    }
  }

  @Test
  void closeStopsAProducerThatIsStillPushing() throws Exception {
    AtomicBoolean stopped = new AtomicBoolean();
    PayloadPipe.Producer endless =
        sink -> {
          try {
            for (long at = 0; ; at += 4096) {
              sink.accept(at, ByteBuffer.allocate(4096));
            }
          } finally {
            stopped.set(true);
          }
        };
    PayloadPipe pipe = new PayloadPipe("t", Long.MAX_VALUE, endless);
    pipe.readFully(ByteBuffer.allocate(10_000));
    pipe.close();
    assertTrue(stopped.get());
  }

  @Test
  void outOfOrderFillIsRefused() throws Exception {
    try (PayloadPipe pipe = new PayloadPipe("t", 10, pushing(pattern(10), 10))) {
      assertThrows(IllegalStateException.class, () -> pipe.fill(5, ByteBuffer.allocate(5)));
      ByteBuffer all = ByteBuffer.allocate(10);
      pipe.fill(0, all);
      assertEquals(10, all.position());
      pipe.finish();
    }
  }
}
