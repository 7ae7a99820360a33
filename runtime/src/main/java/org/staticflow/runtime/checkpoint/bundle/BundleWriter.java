package org.staticflow.runtime.checkpoint.bundle;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.staticflow.proto.BundleEntryProto;
import org.staticflow.proto.BundleHeaderProto;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.proto.VersionDef;
import org.staticflow.runtime.checkpoint.table.MaskedCrc32c;
import org.staticflow.runtime.checkpoint.table.TableWriter;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Writes a TensorFlow V2 tensor bundle ({@code PREFIX.index} + {@code PREFIX.data-00000-of-00001}) exactly
 * as TensorFlow's {@code BundleWriter} does: tensors are streamed into the data file in the order they are
 * added (no padding), each with its masked CRC32C; on {@link #finish()} the index table is built with keys
 * sorted as unsigned bytes, uncompressed 256 KiB blocks, restart interval 16. Given the same tensors in the
 * same order, the files are byte-identical to TensorFlow's.
 *
 * <p>Atomicity: both files are written under temporary names ({@code <final>.tempstate<random>}) in the
 * target directory and renamed into place by {@link #finish()}, data first and index last, so a reader that
 * trusts a prefix only once its index exists never sees a partial bundle. {@link #close()} without
 * {@code finish()} deletes the temporary files.
 *
 * <p>Durability: like TensorFlow, the writer does not force files to disk by default, which protects
 * against a killed process but not against power loss; {@link #create(Path, boolean)} with
 * {@code syncToDisk} forces both files to the device before they are renamed into place.
 */
public final class BundleWriter implements Closeable {
  /** Tensor bytes are staged through a buffer of this size, so no tensor is copied whole. */
  private static final int CHUNK_BYTES = 1 << 20;
  private static final SecureRandom TEMP_NAMES = new SecureRandom();

  private final Path prefix;
  private final Path dataFile;
  private final Path indexFile;
  private final Path dataTemp;
  private final Path indexTemp;
  private final FileChannel data;
  private final boolean syncToDisk;
  private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final List<PendingEntry> entries = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private long offset;
  private boolean finished;
  private boolean closed;

  private record PendingEntry(byte[] key, BundleEntryProto proto) {}

  private BundleWriter(Path prefix, boolean syncToDisk) throws IOException {
    this.prefix = prefix;
    this.syncToDisk = syncToDisk;
    this.dataFile = BundleFiles.dataFile(prefix, 0, 1);
    this.indexFile = BundleFiles.indexFile(prefix);
    String suffix = ".tempstate" + Long.toUnsignedString(TEMP_NAMES.nextLong());
    this.dataTemp = dataFile.resolveSibling(dataFile.getFileName() + suffix);
    this.indexTemp = indexFile.resolveSibling(indexFile.getFileName() + suffix);
    this.data = FileChannel.open(dataTemp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Starts a bundle at {@code prefix}; parent directories are created. Files are not forced to disk. */
  public static BundleWriter create(Path prefix) throws IOException {
    return create(prefix, false);
  }

  /**
   * Starts a bundle at {@code prefix}; parent directories are created.
   *
   * @param syncToDisk force the data and index files to the storage device before renaming them, so the
   *     checkpoint survives power loss once {@link #finish()} returns
   */
  public static BundleWriter create(Path prefix, boolean syncToDisk) throws IOException {
    Path absolute = prefix.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    return new BundleWriter(prefix, syncToDisk);
  }

  /** The prefix this bundle is written to. */
  public Path prefix() {
    return prefix;
  }

  /**
   * Appends {@code tensor} under {@code key}.
   *
   * @throws IllegalArgumentException if the key is empty, starts with byte 0 (reserved for slice keys) or
   *     was already added
   */
  public void add(String key, Tensor tensor) throws IOException {
    byte[] keyBytes = checkKey(key);
    long start = offset;
    int crc;
    if (tensor instanceof StringTensor strings) {
      StringPayload.Encoded encoded = StringPayload.encode(strings.data());
      writeFully(ByteBuffer.wrap(encoded.bytes()));
      crc = encoded.maskedCrc32c();
    } else {
      crc = writeFixedSize(tensor);
    }
    record(keyBytes, tensor.dataType(), tensor.shape(), start, crc);
  }

  /**
   * Appends a fixed-size tensor whose bytes come from {@code source} in chunks, for tensors larger than a
   * Java array can hold.
   *
   * @throws IllegalArgumentException for {@code DT_STRING}, or if the key is not acceptable
   */
  public void add(String key, DataType dataType, Shape shape, PayloadSource source) throws IOException {
    if (!dataType.isFixedSize()) {
      throw new IllegalArgumentException("streamed tensors must have a fixed-size type, not "
          + dataType.protoName() + " (key " + key + ")");
    }
    byte[] keyBytes = checkKey(key);
    long start = offset;
    long total = Math.multiplyExact(shape.numElements(), (long) dataType.byteSize());
    CRC32C crc = new CRC32C();
    long produced = 0;
    while (produced < total) {
      chunk.clear();
      chunk.limit((int) Math.min(CHUNK_BYTES, total - produced));
      source.fill(produced, chunk);
      chunk.flip();
      if (!chunk.hasRemaining()) {
        throw new IOException("payload source for " + key + " produced no bytes at position " + produced
            + " of " + total);
      }
      produced += chunk.remaining();
      crc.update(chunk.duplicate());
      writeFully(chunk);
    }
    record(keyBytes, dataType, shape, start, MaskedCrc32c.mask((int) crc.getValue()));
  }

  /** Writes the index and moves both files into place. The writer cannot be used afterwards. */
  public void finish() throws IOException {
    checkOpen();
    finished = true;
    if (syncToDisk) {
      data.force(true);
    }
    data.close();
    entries.sort(Comparator.comparing(PendingEntry::key, Arrays::compareUnsigned));
    try (FileChannel indexChannel = FileChannel.open(indexTemp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(indexChannel), 1 << 16);
      TableWriter table = new TableWriter(out);
      table.add(new byte[0], header().toByteArray());
      for (PendingEntry entry : entries) {
        table.add(entry.key(), entry.proto().toByteArray());
      }
      table.finish();
      out.flush();
      if (syncToDisk) {
        indexChannel.force(true);
      }
    }
    Files.move(dataTemp, dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.move(indexTemp, indexFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    closed = true;
  }

  /** Releases files; if {@link #finish()} was not called, deletes the temporary files. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    data.close();
    Files.deleteIfExists(dataTemp);
    Files.deleteIfExists(indexTemp);
  }

  private static BundleHeaderProto header() {
    return BundleHeaderProto.newBuilder()
        .setNumShards(1)
        .setVersion(VersionDef.newBuilder().setProducer(1))
        .build();
  }

  private byte[] checkKey(String key) {
    checkOpen();
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("tensor name must not be empty (the empty key holds the bundle header)");
    }
    if (bytes[0] == 0) {
      throw new IllegalArgumentException("tensor name must not start with byte 0 (reserved for slice keys)");
    }
    if (!keys.add(key)) {
      throw new IllegalArgumentException("tensor " + key + " was already added to " + prefix);
    }
    return bytes;
  }

  private void checkOpen() {
    if (closed || finished) {
      throw new IllegalStateException("bundle writer for " + prefix + " is already finished or closed");
    }
  }

  private int writeFixedSize(Tensor tensor) throws IOException {
    int slotBytes = TensorCodec.slotBytes(tensor);
    int slots = TensorCodec.slots(tensor);
    int perChunk = CHUNK_BYTES / slotBytes;
    CRC32C crc = new CRC32C();
    for (int from = 0; from < slots; from += perChunk) {
      int count = Math.min(perChunk, slots - from);
      chunk.clear();
      TensorCodec.encode(tensor, from, count, chunk);
      chunk.flip();
      crc.update(chunk.duplicate());
      writeFully(chunk);
    }
    return MaskedCrc32c.mask((int) crc.getValue());
  }

  private void writeFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      offset += data.write(buffer);
    }
  }

  private void record(byte[] key, DataType dataType, Shape shape, long start, int maskedCrc) {
    TensorShapeProto.Builder shapeProto = TensorShapeProto.newBuilder();
    for (int i = 0; i < shape.rank(); i++) {
      shapeProto.addDim(TensorShapeProto.Dim.newBuilder().setSize(shape.dim(i)));
    }
    BundleEntryProto proto = BundleEntryProto.newBuilder()
        .setDtypeValue(dataType.number())
        .setShape(shapeProto)
        .setOffset(start)
        .setSize(offset - start)
        .setCrc32C(maskedCrc)
        .build();
    entries.add(new PendingEntry(key, proto));
  }
}
