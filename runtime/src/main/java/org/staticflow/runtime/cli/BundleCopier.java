package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;

/**
 * Copies every tensor of a bundle into a new bundle written by {@link BundleWriter}, optionally under new
 * names, for {@code ckpt convert} and {@code ckpt rename}.
 *
 * <p>Tensors are added in the order of their bytes in the source data files, so a single-shard bundle
 * written by TensorFlow comes out with the same data layout. Fixed-size tensors above a size limit (and
 * any too large for one Java array) are streamed through a {@link PayloadPipe}; the others are read
 * whole: string tensors, which must therefore fit in one array, and partitioned variables, which the
 * reader assembles from their slices and which are written as one whole tensor (TensorFlow restores a
 * slice of a whole tensor as well as a slice entry).
 */
final class BundleCopier {
  /** Fixed-size tensors with more stored bytes than this are streamed rather than read whole. */
  static final long DEFAULT_STREAM_THRESHOLD = 64L << 20;

  /** What {@link #copy} did: tensors written, and how many of them under a new name. */
  record Copied(int tensors, int renamed) {}

  private final long streamThreshold;

  /** @param streamThreshold tensors with more stored bytes than this are streamed */
  BundleCopier(long streamThreshold) {
    this.streamThreshold = streamThreshold;
  }

  /**
   * Writes every tensor of {@code reader}, renamed as {@code renaming} says, to a new bundle at
   * {@code destination}. Before anything is created, fails if the bundle has tensors of a type Staticflow
   * cannot hold (a copy would lose them) or if the renaming does not fit the bundle's keys; a failure
   * while copying leaves no files behind (BundleWriter writes under temporary names).
   *
   * @return how many tensors were copied and how many of them renamed
   * @throws org.staticflow.runtime.checkpoint.CheckpointException for an unknown old name, a collision,
   *     an unreadable tensor or damaged input
   */
  Copied copy(BundleReader reader, Path destination, RenameMapping renaming) throws IOException {
    UnreadableEntries.requireNone(reader, "a copy would lose it");
    Map<String, String> renames =
        renaming.resolve(reader.entries().stream().map(BundleEntry::key).toList(), reader.prefix().toString());
    List<BundleEntry> entries = new ArrayList<>(reader.entries());
    entries.sort(
        Comparator.comparingInt(BundleEntry::shardId)
            .thenComparingLong(BundleEntry::offset)
            .thenComparing(BundleEntry::key, KeyOrder.TENSORFLOW));
    try (BundleWriter writer = BundleWriter.create(destination)) {
      for (BundleEntry entry : entries) {
        add(reader, entry, renames.getOrDefault(entry.key(), entry.key()), writer);
      }
      writer.finish();
    }
    return new Copied(entries.size(), renames.size());
  }

  private void add(BundleReader reader, BundleEntry entry, String key, BundleWriter writer) throws IOException {
    if (Entries.streamable(entry)
        && (Entries.storedBytes(entry) > streamThreshold || !Entries.fitsInArray(entry.shape()))) {
      try (PayloadPipe pipe = PayloadPipe.of(reader, entry)) {
        writer.add(key, entry.dataType(), entry.shape(), pipe);
        pipe.finish();
      }
    } else {
      writer.add(key, reader.read(entry.key()));
    }
  }
}
