package org.staticflow.runtime.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * TF1 {@code tf.train.Saver}'s bookkeeping of recent checkpoints (tf-formats §2.5), kept apart from all
 * file I/O so the policy can be read and tested on its own.
 *
 * <p>The tracked list holds (prefix, save time) pairs, oldest first. {@link #record} removes an earlier
 * entry with the same prefix, appends the new one and, when the list is then longer than
 * {@code maxToKeep}, moves the oldest entry to a deletion queue. {@link #nextToDelete} then settles at
 * most one queued entry: it is kept on disk if it was saved after the threshold
 * {@code T = construction time + n·3600 s} (and T advances by {@code n·3600 s}), otherwise it is returned
 * for deletion. With {@code maxToKeep == 0} nothing is tracked and nothing is ever deleted.
 *
 * <p>Times are seconds since the epoch as doubles, as Python's {@code time.time()}.
 */
final class CheckpointRetention {
  /** One tracked checkpoint: its prefix as recorded and the time it was saved. */
  record Tracked(String prefix, double time) {}

  private final int maxToKeep;
  private final double keepEverySeconds;
  private final List<Tracked> last = new ArrayList<>();
  private final Deque<Tracked> toBeDeleted = new ArrayDeque<>();
  private double nextKeepTime;

  CheckpointRetention(int maxToKeep, double keepCheckpointEveryNHours, double constructionTime) {
    this.maxToKeep = maxToKeep;
    this.keepEverySeconds = keepCheckpointEveryNHours * 3600;
    this.nextKeepTime = constructionTime + keepEverySeconds;
  }

  /** TensorFlow's {@code _RecordLastCheckpoint}. */
  void record(String prefix, double time) {
    if (maxToKeep == 0) {
      return;
    }
    last.removeIf(tracked -> tracked.prefix().equals(prefix));
    last.add(new Tracked(prefix, time));
    if (last.size() > maxToKeep) {
      toBeDeleted.add(last.remove(0));
    }
  }

  /**
   * TensorFlow's {@code _MaybeDeleteOldCheckpoints} decision: settles the oldest queued checkpoint and
   * returns its prefix if its files must be deleted now; empty if none was queued or it is kept by the
   * every-n-hours rule.
   */
  Optional<String> nextToDelete() {
    Tracked evicted = toBeDeleted.poll();
    if (evicted == null) {
      return Optional.empty();
    }
    if (evicted.time() > nextKeepTime) {
      nextKeepTime += keepEverySeconds;
      return Optional.empty();
    }
    return Optional.of(evicted.prefix());
  }

  /** The tracked prefixes, oldest first (TensorFlow's {@code last_checkpoints}). */
  List<String> prefixes() {
    return last.stream().map(Tracked::prefix).toList();
  }

  /** The tracked checkpoints with their save times, oldest first. */
  List<Tracked> tracked() {
    return List.copyOf(last);
  }

  /**
   * Replaces the tracked list, as {@code set_last_checkpoints_with_time} does: taken as given, not trimmed
   * to {@code maxToKeep} (so a longer list shrinks by one per save only once it is exceeded again, as in
   * TensorFlow); the deletion queue is left alone.
   */
  void setTracked(List<Tracked> tracked) {
    last.clear();
    last.addAll(tracked);
  }
}
