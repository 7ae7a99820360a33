package org.staticflow.runtime.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.checkpoint.bundle.BundleWriter;

/**
 * Copies every tensor of a bundle into a {@link BundleWriter}, optionally under new names, for
 * {@code ckpt convert} and {@code ckpt rename}.
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

  private final long streamThreshold;

  /** @param streamThreshold tensors with more stored bytes than this are streamed */
  BundleCopier(long streamThreshold) {
    this.streamThreshold = streamThreshold;
  }

  /**
   * Adds every tensor of {@code reader} to {@code writer}, under {@code renames.get(key)} where present,
   * under its own key otherwise. Does not call {@link BundleWriter#finish()}.
   *
   * @return the number of tensors copied
   */
  int copy(BundleReader reader, BundleWriter writer, Map<String, String> renames) throws IOException {
    List<BundleEntry> entries = new ArrayList<>(reader.entries());
    entries.sort(
        Comparator.comparingInt(BundleEntry::shardId)
            .thenComparingLong(BundleEntry::offset)
            .thenComparing(BundleEntry::key, KeyOrder.TENSORFLOW));
    for (BundleEntry entry : entries) {
      String key = renames.getOrDefault(entry.key(), entry.key());
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
    return entries.size();
  }
}
