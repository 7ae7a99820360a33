package org.staticflow.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** File housekeeping between timed checkpoint operations. */
final class ScratchFiles {
  private ScratchFiles() {}

  /** Forces every file in {@code directory} to disk, then deletes it. */
  static void writeBackAndDelete(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        Files.delete(file);
      }
    }
  }
}
