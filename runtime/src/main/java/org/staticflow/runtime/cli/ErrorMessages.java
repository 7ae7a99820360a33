package org.staticflow.runtime.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.graph.GraphException;
import picocli.CommandLine;

/** Turns a failure into the one line that {@code staticflow} prints after {@code "staticflow: "}. */
final class ErrorMessages {
  private ErrorMessages() {}

  /** A one-line description of {@code failure}: its message for expected failures, more for bugs. */
  static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    String text;
    if (failure instanceof NoSuchFileException e) {
      text = "no such file: " + e.getFile() + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
    } else if (failure instanceof AccessDeniedException e) {
      text = "permission denied: " + e.getFile();
    } else if (failure instanceof FileSystemException e) {
      text = e.getMessage();
    } else if (failure instanceof OutOfMemoryError) {
      text = "out of memory; give Java a larger heap, e.g. JAVA_OPTS=-Xmx16g ./staticflow ...";
    } else if (failure instanceof CheckpointException
        || failure instanceof IOException
        || failure instanceof IllegalArgumentException
        || failure instanceof UnsupportedOperationException
        || failure instanceof CommandLine.ParameterException
        || failure instanceof GraphException) {
      text = message == null ? failure.getClass().getSimpleName() : message;
    } else {
      text =
          "internal error: " + failure.getClass().getName() + (message == null ? "" : ": " + message)
              + " (--verbose shows where)";
    }
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
