package org.staticflow.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The kernel worker pool runs every chunk of a call exactly once, whether the workers take up the call or the
 * caller withdraws its offer first (calls of one tiny chunk each, back to back, make both happen), and passes a
 * chunk's exception to the caller.
 */
class WorkerPoolTest {

  @Test
  void everyChunkRunsExactlyOnce() {
    WorkerPool pool = new WorkerPool(3);
    for (int call = 0; call < 20_000; call++) {
      int chunks = 1 + call % 9;
      AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
      pool.invoke(runs::incrementAndGet, chunks);
      for (int c = 0; c < chunks; c++) {
        assertEquals(1, runs.get(c), "call " + call + ", chunk " + c + " of " + chunks);
      }
    }
  }

  @Test
  void callsFromSeveralThreadsEachRunAllTheirChunks() throws InterruptedException {
    WorkerPool pool = new WorkerPool(2);
    Thread[] callers = new Thread[3];
    AssertionError[] failures = new AssertionError[callers.length];
    for (int t = 0; t < callers.length; t++) {
      int index = t;
      callers[t] = new Thread(() -> {
        try {
          for (int call = 0; call < 5_000; call++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            pool.invoke(runs::incrementAndGet, 4);
            for (int c = 0; c < 4; c++) {
              assertEquals(1, runs.get(c));
            }
          }
        } catch (AssertionError e) {
          failures[index] = e;
        }
      });
      callers[t].start();
    }
    for (Thread caller : callers) {
      caller.join();
    }
    for (AssertionError failure : failures) {
      if (failure != null) {
        throw failure;
      }
    }
  }

  @Test
  void aChunksExceptionReachesTheCaller() {
    WorkerPool pool = new WorkerPool(2);
    IllegalStateException thrown = new IllegalStateException("chunk 5");
    for (int call = 0; call < 100; call++) {
      IllegalStateException caught = assertThrows(IllegalStateException.class, () -> pool.invoke(chunk -> {
        if (chunk == 5) {
          throw thrown;
        }
      }, 8));
      assertSame(thrown, caught);
    }
    AtomicIntegerArray runs = new AtomicIntegerArray(8);
    pool.invoke(runs::incrementAndGet, 8); // usable afterwards
    for (int c = 0; c < 8; c++) {
      assertEquals(1, runs.get(c));
    }
  }
}
