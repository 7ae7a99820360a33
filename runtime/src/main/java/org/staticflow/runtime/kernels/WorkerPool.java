package org.staticflow.runtime.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent set of daemon worker threads that, together with the calling thread, run the chunks of one
 * kernel call. Started once; a call starts no thread and allocates nothing.
 *
 * <p>Chunks are claimed dynamically from a shared counter rather than split statically, because on a
 * shared machine one core is often busy with something else: the thread that is running claims more.
 * Only one call uses the workers at a time; a call that finds them busy (another thread's kernel) runs
 * all its chunks on its own thread, which is correct and no slower than single-threaded.
 *
 * <p>Hand-off: a worker spins briefly (a kernel call's chunks usually follow each other within
 * microseconds in a training step), then parks; the caller unparks it. The caller offers the call to the
 * workers and withdraws the offer from those that have not taken it up by the time it has claimed the last
 * chunk itself: on a busy machine a woken worker may wait milliseconds for a core, and a short call does not
 * wait for it.
 */
final class WorkerPool {
  /** One kernel call's work, split in chunks numbered from 0. */
  interface Task {
    /** Runs chunk {@code chunk}; called exactly once per chunk, possibly on different threads. */
    void run(int chunk);
  }

  /** How long a thread spins before parking, in {@link Thread#onSpinWait()} rounds. */
  private static final int SPINS = 5_000;

  /** System property: threads a kernel call may use, the caller included (default: available processors). */
  static final String THREADS_PROPERTY = "staticflow.kernels.threads";

  private static final WorkerPool SHARED = new WorkerPool(threads() - 1);

  private static int threads() {
    String value = System.getProperty(THREADS_PROPERTY);
    return value == null || value.isBlank() ? Runtime.getRuntime().availableProcessors() : Math.max(1, Integer.parseInt(value.trim()));
  }

  private final Worker[] workers;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicInteger next = new AtomicInteger();
  private volatile Task task;
  private volatile int chunks;
  private volatile Thread caller;

  WorkerPool(int workerCount) {
    workers = new Worker[Math.max(workerCount, 0)];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker();
      Thread thread = new Thread(workers[i], "staticflow-kernels-" + (i + 1));
      thread.setDaemon(true);
      workers[i].thread = thread;
      thread.start();
    }
  }

  /** The pool of the JVM: one worker per available processor beyond the first. */
  static WorkerPool shared() {
    return SHARED;
  }

  /** Threads that take part in a call: the workers and the caller. */
  int parallelism() {
    return workers.length + 1;
  }

  /**
   * Runs chunks {@code 0..chunkCount-1} of {@code work}, on the caller and the idle workers, and returns
   * when all are done. An exception thrown by a chunk is rethrown here (the first one).
   */
  void invoke(Task work, int chunkCount) {
    if (chunkCount <= 1 || workers.length == 0 || !busy.compareAndSet(false, true)) {
      for (int c = 0; c < chunkCount; c++) {
        work.run(c);
      }
      return;
    }
    try {
      task = work;
      chunks = chunkCount;
      caller = Thread.currentThread();
      next.set(0);
      int helpers = Math.min(workers.length, chunkCount - 1);
      for (int i = 0; i < helpers; i++) {
        workers[i].wake();
      }
      Throwable failure = null;
      try {
        drain(work, chunkCount);
      } catch (RuntimeException | Error e) {
        failure = e;
        next.set(chunkCount); // the helpers stop claiming
      }
      for (int i = 0; i < helpers; i++) {
        // A worker that has not started has nothing left to claim: withdraw the offer instead of waiting.
        Throwable f = workers[i].withdraw() ? null : workers[i].awaitDone();
        if (failure == null) {
          failure = f;
        }
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    } finally {
      task = null; // never keep a model's buffers reachable from the pool
      caller = null;
      busy.set(false);
    }
  }

  private void drain(Task work, int chunkCount) {
    for (int c = next.getAndIncrement(); c < chunkCount; c = next.getAndIncrement()) {
      work.run(c);
    }
  }

  /** A worker's offer states: none, offered by a caller, taken up by the worker. */
  private static final int IDLE = 0;
  private static final int OFFERED = 1;
  private static final int TAKEN = 2;

  private final class Worker implements Runnable {
    Thread thread;
    private final AtomicInteger offer = new AtomicInteger(IDLE);
    private volatile boolean done = true;
    private volatile Throwable failure;

    void wake() {
      done = false;
      failure = null;
      offer.set(OFFERED);
      LockSupport.unpark(thread);
    }

    /**
     * Withdraws the offer if the worker has not taken it up: true if so (it will not run this call), false
     * if it has (the caller waits for {@link #awaitDone}).
     */
    boolean withdraw() {
      return offer.compareAndSet(OFFERED, IDLE);
    }

    Throwable awaitDone() {
      for (int spin = 0; !done; spin++) {
        if (spin < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      return failure;
    }

    @Override
    public void run() {
      while (true) {
        for (int spin = 0; offer.get() != OFFERED; spin++) {
          if (spin < SPINS) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
        }
        if (!offer.compareAndSet(OFFERED, TAKEN)) {
          continue; // withdrawn meanwhile
        }
        Thread waiting = caller;
        try {
          drain(task, chunks);
        } catch (RuntimeException | Error e) {
          failure = e;
          next.set(chunks);
        }
        offer.set(IDLE);
        done = true;
        LockSupport.unpark(waiting);
      }
    }
  }
}
