package org.staticflow.runtime.checkpoint.bundle;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.proto.BundleHeaderProto;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.proto.TensorSliceProto;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;
import org.staticflow.runtime.checkpoint.CheckpointMismatchException;
import org.staticflow.runtime.checkpoint.CorruptCheckpointException;
import org.staticflow.runtime.checkpoint.UnsupportedCheckpointException;
import org.staticflow.runtime.checkpoint.table.MaskedCrc32c;
import org.staticflow.runtime.checkpoint.table.TableEntry;
import org.staticflow.runtime.checkpoint.table.TableReader;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Reads a TensorFlow V2 tensor bundle: the {@code PREFIX.index} table (uncompressed or Snappy blocks, every
 * block checksum verified) and the {@code PREFIX.data-*} shards, with positional long-offset reads so files
 * and tensors beyond 2 GiB work. Every tensor's bytes are checked against the entry's masked CRC32C.
 * Partitioned variables ({@code tf.fixed_size_partitioner} and friends) are assembled from their slices.
 *
 * <p>Errors are typed: {@code CorruptCheckpointException} for damaged or inconsistent files (naming the file
 * and the problem), {@code UnsupportedCheckpointException} for the legacy V1 format and variant tensors, {@code CheckpointKeyNotFoundException} for a missing key,
 * {@code CheckpointMismatchException} when {@link #readInto} targets a tensor of another type or shape.
 *
 * <p>Not thread-safe: one reader serves one thread at a time.
 */
public final class BundleReader implements Closeable {
  private static final int CHUNK_BYTES = 1 << 20;
  /** The bundle format version this reader implements (TensorFlow's kTensorBundleVersion). */
  private static final int BUNDLE_VERSION = 1;
  /** A header claiming more shards than this is not believed (TensorFlow writes one per device). */
  private static final int MAX_SHARDS = 1 << 16;

  private final Path prefix;
  private final int numShards;
  private final ByteOrder byteOrder;
  private final List<BundleEntry> entries;
  private final Map<String, BundleEntry> byKey;
  private final Map<String, String> unsupported;
  private final Map<String, List<TensorSliceProto>> partitions;
  private final Map<String, BundleEntryProto> sliceEntries;
  private final FileChannel[] shards;
  private ByteBuffer chunk;

  private BundleReader(
      Path prefix,
      int numShards,
      ByteOrder byteOrder,
      List<BundleEntry> entries,
      Map<String, String> unsupported,
      Map<String, List<TensorSliceProto>> partitions,
      Map<String, BundleEntryProto> sliceEntries) {
    this.prefix = prefix;
    this.numShards = numShards;
    this.byteOrder = byteOrder;
    this.entries = Collections.unmodifiableList(entries);
    this.byKey = new HashMap<>();
    for (BundleEntry entry : entries) {
      byKey.put(entry.key(), entry);
    }
    this.unsupported = unsupported;
    this.partitions = partitions;
    this.sliceEntries = sliceEntries;
    this.shards = new FileChannel[numShards];
  }

  /** Opens the bundle at {@code prefix} and reads its index. */
  public static BundleReader open(Path prefix) throws IOException {
    Path index = BundleFiles.indexFile(prefix);
    if (!Files.isRegularFile(index)) {
      LegacyCheckpoints.rejectIfV1(prefix);
      throw new CheckpointException("no checkpoint at " + prefix + ": " + index + " does not exist");
    }
    List<TableEntry> table = TableReader.readAll(index);
    String name = index.toString();
    if (table.isEmpty() || table.get(0).key().length != 0) {
      throw new CorruptCheckpointException(name + ": the bundle header (empty key) is missing");
    }
    BundleHeaderProto header = parseHeader(table.get(0).value(), name);
    ByteOrder order =
        header.getEndianness() == BundleHeaderProto.Endianness.BIG ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    List<BundleEntry> entries = new ArrayList<>();
    Map<String, String> unsupported = new HashMap<>();
    Map<String, List<TensorSliceProto>> partitions = new HashMap<>();
    Map<String, BundleEntryProto> sliceEntries = new HashMap<>();
    for (int i = 1; i < table.size(); i++) {
      TableEntry raw = table.get(i);
      boolean isSlice = raw.key()[0] == 0;
      String key = new String(raw.key(), isSlice ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      BundleEntryProto proto;
      try {
        proto = BundleEntryProto.parseFrom(raw.value());
      } catch (InvalidProtocolBufferException e) {
        throw new CorruptCheckpointException(name + ": entry for " + (isSlice ? "a slice" : key)
            + " is not a valid BundleEntryProto", e);
      }
      if (isSlice) {
        sliceEntries.put(key, proto); // a slice of a partitioned variable; its full entry lists it
        continue;
      }
      if (proto.getSlicesCount() > 0) {
        partitions.put(key, proto.getSlicesList());
      }
      DataType dataType;
      try {
        dataType = DataType.fromNumber(proto.getDtypeValue());
      } catch (IllegalArgumentException e) {
        unsupported.put(key, "tensor " + key + " in " + prefix + " has " + e.getMessage());
        continue;
      }
      entries.add(toEntry(key, dataType, proto, header.getNumShards(), name));
    }
    return new BundleReader(prefix, header.getNumShards(), order, entries, unsupported, partitions, sliceEntries);
  }

  private static BundleHeaderProto parseHeader(byte[] value, String name) throws CheckpointException {
    BundleHeaderProto header;
    try {
      header = BundleHeaderProto.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      if (value.length > 0 && value[0] == 0x0a) {
        throw new UnsupportedCheckpointException(name + " is a table in the legacy V1 checkpoint format, not a V2"
            + " bundle index");
      }
      throw new CorruptCheckpointException(name + ": bundle header is not a valid BundleHeaderProto", e);
    }
    if (header.getNumShards() < 1 || header.getNumShards() > MAX_SHARDS) {
      throw new CorruptCheckpointException(name + ": bundle header declares " + header.getNumShards()
          + " data shards (expected 1 to " + MAX_SHARDS + ")");
    }
    if (header.getEndiannessValue() > 1) {
      throw new CorruptCheckpointException(name + ": unknown endianness " + header.getEndiannessValue());
    }
    if (header.hasVersion()
        && (header.getVersion().getMinConsumer() > BUNDLE_VERSION
            || header.getVersion().getBadConsumersList().contains(BUNDLE_VERSION))) {
      throw new UnsupportedCheckpointException(name + ": bundle version " + header.getVersion().getProducer()
          + " needs a reader of version " + header.getVersion().getMinConsumer() + " or newer (this reader is "
          + BUNDLE_VERSION + ")");
    }
    return header;
  }

  private static BundleEntry toEntry(String key, DataType dataType, BundleEntryProto proto, int numShards,
      String name) throws CorruptCheckpointException {
    String where = name + ": entry for " + key;
    TensorShapeProto shapeProto = proto.getShape();
    if (shapeProto.getUnknownRank()) {
      throw new CorruptCheckpointException(where + " has a shape of unknown rank");
    }
    long[] dims = new long[shapeProto.getDimCount()];
    for (int d = 0; d < dims.length; d++) {
      dims[d] = shapeProto.getDim(d).getSize();
    }
    Shape shape;
    try {
      shape = Shape.of(dims);
    } catch (IllegalArgumentException e) {
      throw new CorruptCheckpointException(where + " has an impossible shape: " + e.getMessage());
    }
    if (proto.getShardId() < 0 || proto.getShardId() >= numShards) {
      throw new CorruptCheckpointException(where + " is in shard " + proto.getShardId() + " but the bundle has "
          + numShards);
    }
    if (proto.getOffset() < 0 || proto.getSize() < 0) {
      throw new CorruptCheckpointException(where + " has a negative offset or size");
    }
    if (proto.getSlicesCount() == 0 && dataType.isFixedSize()) {
      long expected;
      try {
        expected = Math.multiplyExact(shape.numElements(), (long) dataType.byteSize());
      } catch (ArithmeticException e) {
        expected = -1;
      }
      if (expected != proto.getSize()) {
        throw new CorruptCheckpointException(where + ": invalid size in bundle entry: stored size "
            + proto.getSize() + ", expected " + expected + " for " + dataType.protoName() + shape);
      }
    }
    return new BundleEntry(key, dataType, shape, proto.getShardId(), proto.getOffset(), proto.getSize(),
        proto.getCrc32C(), proto.getSlicesCount());
  }

  /** The prefix this bundle was opened from. */
  public Path prefix() {
    return prefix;
  }

  /** Number of data shards the header declares. */
  public int numShards() {
    return numShards;
  }

  /** All tensor entries sorted by key as unsigned bytes (as TensorFlow lists them); no slice entries. */
  public List<BundleEntry> entries() {
    return entries;
  }

  /** The entry for {@code key}, if present. */
  public Optional<BundleEntry> entry(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Reads the tensor stored under {@code key} into a new tensor. */
  public Tensor read(String key) throws IOException {
    BundleEntry entry = require(key);
    if (entry.isPartitioned()) {
      return readPartitioned(entry, null);
    }
    if (entry.dataType() == DataType.STRING) {
      return new StringTensor(entry.shape(), readStrings(entry));
    }
    shard(entry); // checks the entry against the data file before anything is allocated for it
    Tensor tensor;
    try {
      tensor = Tensor.zeros(entry.dataType(), entry.shape());
    } catch (IllegalStateException | ArithmeticException e) {
      throw new UnsupportedCheckpointException("tensor " + key + " in " + prefix + " (" + entry.dataType().protoName()
          + entry.shape() + ") is larger than one Java array; stream it with readPayload");
    }
    readFixed(entry, tensor, null);
    return tensor;
  }

  /**
   * Reads the tensor stored under {@code key} into {@code target}'s existing array (no allocation of the
   * destination), after checking that type and shape match. If the stored bytes fail their checksum,
   * {@code target} may have been partly overwritten when the exception is thrown.
   */
  public void readInto(String key, Tensor target) throws IOException {
    BundleEntry entry = require(key);
    if (entry.dataType() != target.dataType() || !entry.shape().equals(target.shape())) {
      throw new CheckpointMismatchException("tensor " + key + " in checkpoint " + prefix + " is "
          + entry.dataType().protoName() + entry.shape() + " but the target is " + target.dataType().protoName()
          + target.shape());
    }
    if (entry.isPartitioned()) {
      readPartitioned(entry, target);
    } else if (target instanceof StringTensor strings) {
      byte[][] values = readStrings(entry);
      System.arraycopy(values, 0, strings.data(), 0, values.length);
    } else {
      readFixed(entry, target, null);
    }
  }

  /**
   * Streams the stored bytes of a fixed-size tensor to {@code sink} in chunks (in the bundle's byte order,
   * little-endian for every file TensorFlow writes on x86 and ARM) and verifies the checksum at the end,
   * throwing if it does not match.
   */
  public void readPayload(String key, PayloadSink sink) throws IOException {
    BundleEntry entry = require(key);
    if (entry.isPartitioned()) {
      throw new UnsupportedCheckpointException("tensor " + key + " in " + prefix + " is a partitioned variable ("
          + entry.sliceCount() + " slices); read it whole with read or readInto");
    }
    if (!entry.dataType().isFixedSize()) {
      throw new IllegalArgumentException("readPayload streams fixed-size tensors; " + key + " is "
          + entry.dataType().protoName());
    }
    readFixed(entry, null, sink);
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (FileChannel channel : shards) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private BundleEntry require(String key) throws CheckpointException {
    BundleEntry entry = byKey.get(key);
    if (entry == null) {
      String reason = unsupported.get(key);
      if (reason != null) {
        throw new UnsupportedCheckpointException(reason);
      }
      throw new CheckpointKeyNotFoundException(key, prefix.toString());
    }
    return entry;
  }

  /**
   * Assembles a partitioned variable from its slices into {@code target} (or a new tensor). Every slice entry
   * is located and checked against the data files before the full tensor is allocated.
   */
  private Tensor readPartitioned(BundleEntry entry, Tensor target) throws IOException {
    String what = BundleFiles.indexFile(prefix) + ": partitioned variable " + entry.key();
    List<TensorSliceProto> slices = partitions.get(entry.key());
    List<BundleEntry> parts = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (TensorSliceProto slice : slices) {
      Shape sliceShape = PartitionedTensors.sliceShape(entry.shape(), slice, what);
      String sliceKey = new String(SliceKeys.encode(entry.key(), slice), StandardCharsets.ISO_8859_1);
      BundleEntryProto proto = sliceEntries.get(sliceKey);
      String label = entry.key() + " slice " + describe(slice);
      if (proto == null) {
        throw new CorruptCheckpointException(what + ": the entry of slice " + describe(slice) + " is missing");
      }
      BundleEntry part = toEntry(label, entry.dataType(), proto, numShards, BundleFiles.indexFile(prefix).toString());
      if (part.dataType() != entry.dataType() || !part.shape().equals(sliceShape)) {
        throw new CorruptCheckpointException(what + ": slice " + describe(slice) + " is stored as "
            + DataType.fromNumber(proto.getDtypeValue()).protoName() + part.shape() + ", expected "
            + entry.dataType().protoName() + sliceShape);
      }
      shard(part); // bounds check before any allocation
      parts.add(part);
      shapes.add(sliceShape);
    }
    if (PartitionedTensors.coveredElements(shapes) != entry.shape().numElements()) {
      throw new CorruptCheckpointException(what + ": its slices cover " + PartitionedTensors.coveredElements(shapes)
          + " of " + entry.shape().numElements() + " elements");
    }
    Tensor full = target;
    if (full == null) {
      try {
        full = Tensor.zeros(entry.dataType(), entry.shape());
      } catch (IllegalStateException | ArithmeticException e) {
        throw new UnsupportedCheckpointException("partitioned variable " + entry.key() + " in " + prefix
            + " is larger than one Java array");
      }
    }
    for (int i = 0; i < parts.size(); i++) {
      BundleEntry part = parts.get(i);
      Tensor values;
      if (part.dataType() == DataType.STRING) {
        values = new StringTensor(part.shape(), readStrings(part));
      } else {
        values = Tensor.zeros(part.dataType(), part.shape());
        readFixed(part, values, null);
      }
      PartitionedTensors.place(values, slices.get(i), full);
    }
    return full;
  }

  /** TensorFlow's slice notation: {@code 0,5:-} (start,length per dimension, '-' for all). */
  private static String describe(TensorSliceProto slice) {
    StringBuilder text = new StringBuilder();
    for (TensorSliceProto.Extent extent : slice.getExtentList()) {
      if (text.length() > 0) {
        text.append(':');
      }
      text.append(extent.hasLength() ? extent.getStart() + "," + extent.getLength() : "-");
    }
    return text.toString();
  }

  private byte[][] readStrings(BundleEntry entry) throws IOException {
    if (entry.size() > Integer.MAX_VALUE - 8) {
      throw new UnsupportedCheckpointException("string tensor " + entry.key() + " in " + prefix + " has "
          + entry.size() + " bytes, more than one Java array holds");
    }
    FileChannel channel = shard(entry);
    ByteBuffer payload = ByteBuffer.allocate((int) entry.size());
    readAt(channel, payload, entry.offset(), entry);
    return StringPayload.decode(payload.array(), entry.shape().numElements(), entry.maskedCrc32c(),
        dataFileName(entry) + ": tensor " + entry.key());
  }

  private void readFixed(BundleEntry entry, Tensor target, PayloadSink sink) throws IOException {
    FileChannel channel = shard(entry);
    if (chunk == null) {
      chunk = ByteBuffer.allocateDirect(CHUNK_BYTES);
    }
    chunk.order(byteOrder);
    int slotBytes = target == null ? 1 : TensorCodec.slotBytes(target);
    int chunkBytes = CHUNK_BYTES - CHUNK_BYTES % slotBytes;
    CRC32C crc = new CRC32C();
    long done = 0;
    while (done < entry.size()) {
      chunk.clear();
      chunk.limit((int) Math.min(chunkBytes, entry.size() - done));
      readAt(channel, chunk, entry.offset() + done, entry);
      chunk.flip();
      crc.update(chunk.duplicate());
      if (target != null) {
        TensorCodec.decode(chunk, target, (int) (done / slotBytes), chunk.remaining() / slotBytes);
      } else {
        sink.accept(done, chunk.asReadOnlyBuffer().order(byteOrder));
      }
      done += chunk.limit();
    }
    checkCrc(entry, MaskedCrc32c.mask((int) crc.getValue()));
  }

  private void checkCrc(BundleEntry entry, int computed) throws CorruptCheckpointException {
    if (computed != entry.maskedCrc32c()) {
      throw new CorruptCheckpointException(String.format(
          "%s: checksum mismatch for tensor %s (bytes %d..%d): stored 0x%08x, computed 0x%08x",
          dataFileName(entry), entry.key(), entry.offset(), entry.offset() + entry.size(), entry.maskedCrc32c(),
          computed));
    }
  }

  private void readAt(FileChannel channel, ByteBuffer buffer, long position, BundleEntry entry)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new CorruptCheckpointException(dataFileName(entry) + ": unexpected end of file at offset " + at
            + " while reading tensor " + entry.key());
      }
      at += read;
    }
  }

  private FileChannel shard(BundleEntry entry) throws IOException {
    FileChannel channel = shards[entry.shardId()];
    if (channel == null) {
      Path file = BundleFiles.dataFile(prefix, entry.shardId(), numShards);
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        throw new CorruptCheckpointException("data file " + file + " of checkpoint " + prefix + " is missing", e);
      }
      shards[entry.shardId()] = channel;
    }
    long end = entry.offset() + entry.size();
    if (end < 0 || end > channel.size()) {
      throw new CorruptCheckpointException(dataFileName(entry) + ": tensor " + entry.key() + " claims bytes "
          + entry.offset() + ".." + end + " but the file has " + channel.size() + " bytes");
    }
    return channel;
  }

  private String dataFileName(BundleEntry entry) {
    return BundleFiles.dataFile(prefix, entry.shardId(), numShards).toString();
  }
}
