package org.staticflow.runtime.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;
import org.staticflow.runtime.checkpoint.UnsupportedCheckpointException;
import org.staticflow.runtime.checkpoint.bundle.BundleFiles;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.checkpoint.table.TableEntry;
import org.staticflow.runtime.checkpoint.table.TableReader;

/**
 * The tensors of a bundle that {@link BundleReader#entries()} leaves out because Staticflow cannot hold
 * their type ({@code DT_VARIANT}, such as a {@code tf.data} iterator's state, or {@code DT_RESOURCE}).
 * {@code ckpt list} shows them; {@code ckpt convert}, {@code rename} and {@code diff} refuse a checkpoint
 * that has them rather than silently dropping or ignoring them.
 */
final class UnreadableEntries {
  /** One such tensor: its key, TensorFlow's Python name of its type (e.g. {@code variant}), its shape. */
  record Unreadable(String key, String dtype, String shape) {}

  private UnreadableEntries() {}

  /** The index entries of {@code reader}'s bundle that are neither the header, slices nor readable tensors. */
  static List<Unreadable> of(BundleReader reader) throws IOException {
    List<Unreadable> unreadable = new ArrayList<>();
    String index = BundleFiles.indexFile(reader.prefix()).toString();
    for (TableEntry raw : TableReader.readAll(BundleFiles.indexFile(reader.prefix()))) {
      if (raw.key().length == 0 || raw.key()[0] == 0) {
        continue;
      }
      String key = new String(raw.key(), StandardCharsets.UTF_8);
      if (reader.entry(key).isPresent()) {
        continue;
      }
      BundleEntryProto entry;
      try {
        entry = BundleEntryProto.parseFrom(raw.value());
      } catch (InvalidProtocolBufferException e) {
        throw new CorruptCheckpointException(index + ": entry for " + key + " is not a valid BundleEntryProto", e);
      }
      unreadable.add(new Unreadable(key, dtypeName(entry), shape(entry.getShape())));
    }
    return unreadable;
  }

  /**
   * Fails if the bundle has tensors of types Staticflow cannot hold, with the reader's message for the
   * first one and what {@code action} would have done to it.
   */
  static void requireNone(BundleReader reader, String action) throws IOException {
    List<Unreadable> unreadable = of(reader);
    if (unreadable.isEmpty()) {
      return;
    }
    Unreadable first = unreadable.get(0);
    String others = unreadable.size() == 1 ? "" : " (and " + (unreadable.size() - 1) + " more such tensors)";
    throw new UnsupportedCheckpointException(
        "tensor " + first.key() + " in checkpoint " + reader.prefix() + " has type " + first.dtype()
            + ", which Staticflow cannot hold" + others + "; " + action);
  }

  private static String dtypeName(BundleEntryProto entry) {
    org.staticflow.proto.DataType type = entry.getDtype();
    if (type == org.staticflow.proto.DataType.UNRECOGNIZED) {
      return "dtype " + entry.getDtypeValue();
    }
    return type.name().replaceFirst("^DT_", "").toLowerCase(Locale.ROOT);
  }

  private static String shape(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return "<unknown>";
    }
    StringBuilder text = new StringBuilder("[");
    for (int d = 0; d < shape.getDimCount(); d++) {
      text.append(d > 0 ? "," : "").append(shape.getDim(d).getSize());
    }
    return text.append(']').toString();
  }
}
