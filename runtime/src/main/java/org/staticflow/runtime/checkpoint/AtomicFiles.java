package org.staticflow.runtime.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Replaces small files atomically, as TensorFlow's {@code file_io.atomic_write_string_to_file} does. */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target.tmp<32 hex digits>} in the same directory, forces it to disk,
   * and renames it over {@code target}. A reader, or a process killed at any point, sees either the old
   * file or the new one, never a mix. Only where the file system cannot rename atomically does this fall
   * back to an ordinary replacing move (TensorFlow writes the file in place there). On failure the
   * temporary file is deleted.
   */
  static void write(Path target, byte[] content) throws IOException {
    String random = UUID.randomUUID().toString().replace("-", "");
    Path temp = target.resolveSibling(target.getFileName() + ".tmp" + random);
    boolean moved = false;
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // Without this, a power failure right after the rename could leave an empty file under the name.
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }
}
