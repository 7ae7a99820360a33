package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.staticflow.runtime.checkpoint.bundle.BundleEntry;
import org.staticflow.runtime.checkpoint.bundle.BundleReader;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.TensorFormat;

/**
 * Compares two checkpoints key by key: keys only on one side, differing types or shapes, differing
 * values (see {@link ElementComparator} for what counts as equal). Tensors up to a size limit are
 * compared in memory; larger ones are streamed through {@link PayloadPipe}s a MiB at a time, so any size
 * works, except for partitioned variables and string tensors, which are read whole.
 */
final class CheckpointComparison {
  /** What differs about one key. */
  enum Kind {
    ONLY_IN_A("only in A"),
    ONLY_IN_B("only in B"),
    DTYPE("dtype differs"),
    SHAPE("shape differs"),
    DTYPE_AND_SHAPE("dtype and shape differ"),
    VALUES("values differ");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** How the difference is introduced in {@code ckpt diff} output. */
    String label() {
      return label;
    }
  }

  /** One difference: its kind, the key, and the particulars as text. */
  record Difference(Kind kind, String key, String detail) {
    @Override
    public String toString() {
      return kind.label() + ": " + key + " (" + detail + ")";
    }
  }

  /** Tensors whose stored size is at most this many bytes are compared in memory. */
  static final long DEFAULT_IN_MEMORY_LIMIT = 64L << 20;

  private final double atol;
  private final long inMemoryLimit;
  private int keysCompared;

  /**
   * @param atol absolute tolerance for floating-point elements (0: equal values only)
   * @param inMemoryLimit tensors above this many stored bytes are streamed
   */
  CheckpointComparison(double atol, long inMemoryLimit) {
    this.atol = atol;
    this.inMemoryLimit = inMemoryLimit;
  }

  /**
   * The differences between {@code a} and {@code b}, by key in TensorFlow's order.
   *
   * @throws org.staticflow.runtime.checkpoint.UnsupportedCheckpointException if either has a tensor of a
   *     type Staticflow cannot hold, whose values could not be compared
   */
  List<Difference> compare(BundleReader a, BundleReader b) throws IOException {
    UnreadableEntries.requireNone(a, "its values cannot be compared");
    UnreadableEntries.requireNone(b, "its values cannot be compared");
    Map<String, BundleEntry> left = byKey(a);
    Map<String, BundleEntry> right = byKey(b);
    TreeSet<String> keys = new TreeSet<>(KeyOrder.TENSORFLOW);
    keys.addAll(left.keySet());
    keys.addAll(right.keySet());
    keysCompared = keys.size();
    List<Difference> differences = new ArrayList<>();
    for (String key : keys) {
      BundleEntry x = left.get(key);
      BundleEntry y = right.get(key);
      if (y == null) {
        differences.add(new Difference(Kind.ONLY_IN_A, key, Entries.typeAndShape(x)));
      } else if (x == null) {
        differences.add(new Difference(Kind.ONLY_IN_B, key, Entries.typeAndShape(y)));
      } else {
        Difference difference = compareEntries(a, x, b, y);
        if (difference != null) {
          differences.add(difference);
        }
      }
    }
    return differences;
  }

  /** How many distinct keys the last {@link #compare} looked at. */
  int keysCompared() {
    return keysCompared;
  }

  private static Map<String, BundleEntry> byKey(BundleReader reader) {
    Map<String, BundleEntry> entries = new TreeMap<>(KeyOrder.TENSORFLOW);
    for (BundleEntry entry : reader.entries()) {
      entries.put(entry.key(), entry);
    }
    return entries;
  }

  private Difference compareEntries(BundleReader a, BundleEntry x, BundleReader b, BundleEntry y)
      throws IOException {
    boolean sameType = x.dataType() == y.dataType();
    boolean sameShape = x.shape().equals(y.shape());
    if (!sameType || !sameShape) {
      Kind kind = !sameType && !sameShape ? Kind.DTYPE_AND_SHAPE : sameType ? Kind.SHAPE : Kind.DTYPE;
      return new Difference(kind, x.key(), Entries.typeAndShape(x) + " vs " + Entries.typeAndShape(y));
    }
    return x.dataType().isFixedSize() ? compareFixedSize(a, x, b, y) : compareStrings(a, b, x);
  }

  private Difference compareFixedSize(BundleReader a, BundleEntry x, BundleReader b, BundleEntry y)
      throws IOException {
    ElementComparator comparator = new ElementComparator(x.dataType(), atol);
    long size = Entries.storedBytes(x);
    if (size <= inMemoryLimit || !Entries.streamable(x) || !Entries.streamable(y)) {
      comparator.compare(ByteBuffer.wrap(wholeBytes(a, x)), ByteBuffer.wrap(wholeBytes(b, y)));
    } else {
      compareStreamed(a, x, b, y, size, comparator);
    }
    if (comparator.differing() == 0) {
      return null;
    }
    StringBuilder detail =
        new StringBuilder()
            .append(comparator.differing())
            .append(" of ")
            .append(comparator.compared())
            .append(" elements");
    if (comparator.differing() > comparator.nanMismatches()) {
      detail.append(", max abs diff ").append(comparator.maxAbsDiff());
    }
    if (comparator.nanMismatches() > 0) {
      detail.append(", ").append(comparator.nanMismatches()).append(" NaN vs number");
    }
    String first = TensorFormat.element(ElementBytes.decode(x.dataType(), comparator.firstDifferenceA()), 0);
    String second = TensorFormat.element(ElementBytes.decode(x.dataType(), comparator.firstDifferenceB()), 0);
    detail.append(Entries.at(x.shape(), comparator.firstDifference())).append(first).append(" vs ").append(second);
    return new Difference(Kind.VALUES, x.key(), detail.toString());
  }

  /** The stored bytes of a tensor read whole: a partitioned variable is assembled by the reader. */
  private static byte[] wholeBytes(BundleReader reader, BundleEntry entry) throws IOException {
    return Entries.streamable(entry) ? StoredBytes.read(reader, entry) : ElementBytes.encode(reader.read(entry.key()));
  }

  private static void compareStreamed(
      BundleReader a, BundleEntry x, BundleReader b, BundleEntry y, long size, ElementComparator comparator)
      throws IOException {
    try (PayloadPipe left = PayloadPipe.of(a, x);
        PayloadPipe right = PayloadPipe.of(b, y)) {
      ByteBuffer leftChunk = ByteBuffer.allocate(PayloadPipe.PIECE_BYTES);
      ByteBuffer rightChunk = ByteBuffer.allocate(PayloadPipe.PIECE_BYTES);
      for (long done = 0; done < size; ) {
        int n = (int) Math.min(PayloadPipe.PIECE_BYTES, size - done);
        leftChunk.clear().limit(n);
        rightChunk.clear().limit(n);
        left.readFully(leftChunk);
        right.readFully(rightChunk);
        comparator.compare(leftChunk.flip(), rightChunk.flip());
        done += n;
      }
      left.finish();
      right.finish();
    }
  }

  private static Difference compareStrings(BundleReader a, BundleReader b, BundleEntry x) throws IOException {
    byte[][] left = ((StringTensor) a.read(x.key())).data();
    byte[][] right = ((StringTensor) b.read(x.key())).data();
    long differing = 0;
    int first = -1;
    for (int i = 0; i < left.length; i++) {
      if (!Arrays.equals(left[i], right[i])) {
        differing++;
        first = first < 0 ? i : first;
      }
    }
    if (differing == 0) {
      return null;
    }
    StringTensor firstPair = new StringTensor(Shape.of(2), new byte[][] {left[first], right[first]});
    return new Difference(
        Kind.VALUES,
        x.key(),
        differing + " of " + left.length + " elements" + Entries.at(x.shape(), first)
            + TensorFormat.element(firstPair, 0) + " vs " + TensorFormat.element(firstPair, 1));
  }
}
