package org.staticflow.runtime.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.checkpoint.bundle.PayloadSink;
import org.staticflow.runtime.checkpoint.bundle.PayloadSource;

/**
 * Turns a tensor payload that is pushed in chunks ({@link BundleReader#readPayload}) into one that is
 * pulled ({@link PayloadSource}, {@link #readFully}), so that a tensor of any size can be copied into a
 * {@code BundleWriter} or compared with another one while holding only a few MiB.
 *
 * <p>A producer thread runs the push side; chunks travel through a bounded queue as copies of at most
 * {@value #PIECE_BYTES} bytes. The producer's failure (for example a checksum mismatch, which the reader
 * reports after the last chunk) is rethrown to the consumer by {@link #fill}, {@link #readFully} or
 * {@link #finish}; callers must call {@code finish()} before trusting the bytes.
 */
final class PayloadPipe implements PayloadSource, Closeable {
  /** The push side: delivers the whole payload to {@code sink}, in order, then returns. */
  @FunctionalInterface
  interface Producer {
    void produce(PayloadSink sink) throws IOException;
  }

  static final int PIECE_BYTES = 1 << 20;
  private static final int QUEUE_PIECES = 8;
  private static final byte[] END = new byte[0];

  private final String name;
  private final long size;
  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_PIECES);
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean cancelled;

  private byte[] piece = new byte[0];
  private int pieceOffset;
  private long consumed;
  private boolean ended;

  /**
   * Starts pulling {@code size} bytes of the payload named {@code name} (used in messages) from
   * {@code producer}.
   */
  PayloadPipe(String name, long size, Producer producer) {
    this.name = name;
    this.size = size;
    this.thread = new Thread(() -> produce(producer), "staticflow-payload " + name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A pipe over the stored bytes of {@code entry} in {@code reader}, little-endian whatever the bundle's
   * byte order. The reader must not be used by anyone else until the pipe is finished or closed.
   */
  static PayloadPipe of(BundleReader reader, BundleEntry entry) {
    return new PayloadPipe(
        entry.key(),
        Entries.storedBytes(entry),
        sink ->
            reader.readPayload(
                entry.key(),
                (position, chunk) -> sink.accept(position, LittleEndian.of(chunk, entry.dataType()))));
  }

  private void produce(Producer producer) {
    try {
      producer.produce(
          (position, chunk) -> {
            while (chunk.hasRemaining()) {
              if (cancelled) {
                throw new InterruptedIOException("copy of " + name + " was abandoned");
              }
              byte[] copy = new byte[Math.min(chunk.remaining(), PIECE_BYTES)];
              chunk.get(copy);
              put(copy);
            }
          });
    } catch (Throwable t) {
      failure = t;
    }
    try {
      put(END);
    } catch (InterruptedIOException e) {
      // Only an interrupt from outside gets here; the consumer never interrupts, it drains.
    }
  }

  private void put(byte[] bytes) throws InterruptedIOException {
    try {
      queue.put(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("copy of " + name + " was abandoned");
    }
  }

  /** Puts the next bytes of the payload into {@code buffer}, up to its limit or the payload's end. */
  @Override
  public void fill(long position, ByteBuffer buffer) throws IOException {
    if (position != consumed) {
      throw new IllegalStateException(
          "payload of " + name + " is read in order: asked for byte " + position + ", next is " + consumed);
    }
    while (buffer.hasRemaining() && consumed < size) {
      if (pieceOffset == piece.length && !nextPiece()) {
        throw new CorruptCheckpointException(
            "payload of " + name + " ended after " + consumed + " of " + size + " bytes");
      }
      int n = (int) Math.min(Math.min(buffer.remaining(), piece.length - pieceOffset), size - consumed);
      buffer.put(piece, pieceOffset, n);
      pieceOffset += n;
      consumed += n;
    }
  }

  /** Fills {@code buffer} to its limit; fails if the payload ends first. */
  void readFully(ByteBuffer buffer) throws IOException {
    if (buffer.remaining() > size - consumed) {
      throw new IllegalArgumentException(
          "asked for " + buffer.remaining() + " bytes of " + name + " with " + (size - consumed) + " left");
    }
    fill(consumed, buffer);
  }

  /**
   * Waits for the producer to finish and rethrows its failure, if any; checks that exactly the declared
   * size was delivered and consumed.
   */
  void finish() throws IOException {
    if (consumed != size) {
      throw new IllegalStateException(
          "payload of " + name + " finished after " + consumed + " of " + size + " bytes");
    }
    if (pieceOffset < piece.length || nextPiece()) {
      throw new CorruptCheckpointException(
          "payload of " + name + " holds more than its declared " + size + " bytes");
    }
  }

  /** Takes the next piece; false at the end of the payload (after rethrowing a producer failure). */
  private boolean nextPiece() throws IOException {
    if (ended) {
      return false;
    }
    byte[] next;
    try {
      next = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + name);
    }
    if (next == END) {
      ended = true;
      rethrowFailure();
      return false;
    }
    piece = next;
    pieceOffset = 0;
    return true;
  }

  private void rethrowFailure() throws IOException {
    Throwable t = failure;
    if (t == null) {
      return;
    }
    if (t instanceof IOException e) {
      throw e;
    }
    if (t instanceof UncheckedIOException e) {
      throw e.getCause();
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IOException("reading " + name + " failed", t);
  }

  /**
   * Stops the producer if it is still running (it abandons the payload at its next chunk; the thread is
   * not interrupted, because an interrupt would close the reader's file channels) and waits for it.
   */
  @Override
  public void close() throws IOException {
    cancelled = true;
    try {
      while (!ended) {
        ended = queue.take() == END;
      }
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while closing the copy of " + name);
    }
  }
}
