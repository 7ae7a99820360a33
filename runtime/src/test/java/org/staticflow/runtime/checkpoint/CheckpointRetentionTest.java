package org.staticflow.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TF1 retention policy on its own, without files: times are seconds, T0 = 1000. */
class CheckpointRetentionTest {
  private static final double NEVER = 10000.0;

  @Test
  void evictsTheOldestBeyondMaxToKeepOnePerSave() {
    CheckpointRetention retention = new CheckpointRetention(2, NEVER, 1000);
    retention.record("a", 1001);
    assertEquals(Optional.empty(), retention.nextToDelete());
    retention.record("b", 1002);
    assertEquals(Optional.empty(), retention.nextToDelete());
    retention.record("c", 1003);
    assertEquals(List.of("b", "c"), retention.prefixes());
    assertEquals(Optional.of("a"), retention.nextToDelete());
    assertEquals(Optional.empty(), retention.nextToDelete());
  }

  @Test
  void resavingAPrefixMovesItToTheEnd() {
    CheckpointRetention retention = new CheckpointRetention(3, NEVER, 1000);
    retention.record("a", 1001);
    retention.record("b", 1002);
    retention.record("a", 1003);
    assertEquals(
        List.of(new CheckpointRetention.Tracked("b", 1002), new CheckpointRetention.Tracked("a", 1003)),
        retention.tracked());
    assertEquals(Optional.empty(), retention.nextToDelete());
  }

  @Test
  void maxToKeepZeroTracksNothing() {
    CheckpointRetention retention = new CheckpointRetention(0, NEVER, 1000);
    for (int i = 0; i < 10; i++) {
      retention.record("m-" + i, 1000 + i);
      assertEquals(Optional.empty(), retention.nextToDelete());
    }
    assertEquals(List.of(), retention.prefixes());
  }

  /** Threshold starts at T0 + 1 h = 4600 and advances by 1 h each time a checkpoint is kept. */
  @Test
  void keepsAnEvictedCheckpointSavedAfterTheThreshold() {
    CheckpointRetention retention = new CheckpointRetention(1, 1, 1000);
    retention.record("a", 4600); // not later than the threshold
    retention.record("b", 4601);
    assertEquals(Optional.of("a"), retention.nextToDelete());
    retention.record("c", 4602);
    assertEquals(Optional.empty(), retention.nextToDelete()); // b kept; threshold 8200
    retention.record("d", 8200);
    assertEquals(Optional.of("c"), retention.nextToDelete());
    retention.record("e", 8300);
    assertEquals(Optional.of("d"), retention.nextToDelete()); // 8200 is not later than 8200
    retention.record("f", 8400);
    assertEquals(Optional.empty(), retention.nextToDelete()); // e kept; threshold 11800
    assertEquals(List.of("f"), retention.prefixes());
  }

  /** As in TensorFlow, a recovered list longer than max_to_keep is not trimmed at once. */
  @Test
  void setTrackedIsTakenAsGiven() {
    CheckpointRetention retention = new CheckpointRetention(2, NEVER, 1000);
    retention.setTracked(
        List.of(
            new CheckpointRetention.Tracked("a", 1),
            new CheckpointRetention.Tracked("b", 2),
            new CheckpointRetention.Tracked("c", 3)));
    retention.record("d", 1001);
    assertEquals(List.of("b", "c", "d"), retention.prefixes());
    assertEquals(Optional.of("a"), retention.nextToDelete());
  }
}
