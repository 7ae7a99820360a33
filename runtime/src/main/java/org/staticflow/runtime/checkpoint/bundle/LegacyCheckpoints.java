package org.staticflow.runtime.checkpoint.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.staticflow.runtime.checkpoint.UnsupportedCheckpointException;

/**
 * Recognises checkpoints in the legacy V1 format (one table file per shard named by the prefix itself, e.g.
 * {@code model.ckpt} or {@code export-00000-of-00001}; no {@code .index}), so that they are refused with a
 * clear message instead of "not found".
 */
final class LegacyCheckpoints {
  private static final byte[] TABLE_MAGIC = {0x57, (byte) 0xfb, (byte) 0x80, (byte) 0x8b, 0x24, 0x75, 0x47,
      (byte) 0xdb};

  private LegacyCheckpoints() {}

  /** Throws if {@code prefix} names a V1 checkpoint file or V1 shards {@code prefix-?????-of-?????}. */
  static void rejectIfV1(Path prefix) throws IOException {
    Path v1File = null;
    if (Files.isRegularFile(prefix) && endsWithTableMagic(prefix)) {
      v1File = prefix;
    } else {
      Path dir = prefix.toAbsolutePath().getParent();
      String glob = prefix.getFileName() + "-[0-9][0-9][0-9][0-9][0-9]-of-[0-9][0-9][0-9][0-9][0-9]";
      if (dir != null && Files.isDirectory(dir)) {
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir, glob)) {
          for (Path shard : shards) {
            if (endsWithTableMagic(shard)) {
              v1File = shard;
              break;
            }
          }
        }
      }
    }
    if (v1File != null) {
      throw new UnsupportedCheckpointException(prefix + " is in the legacy V1 checkpoint format (" + v1File
          + " has no .index/.data pair); Staticflow reads V2 checkpoints: re-save it with a TensorFlow "
          + "Saver of version V2 (the default since TensorFlow 1.0)");
    }
  }

  private static boolean endsWithTableMagic(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() < 48) {
        return false;
      }
      ByteBuffer tail = ByteBuffer.allocate(8);
      channel.read(tail, channel.size() - 8);
      return java.util.Arrays.equals(tail.array(), TABLE_MAGIC);
    }
  }
}
