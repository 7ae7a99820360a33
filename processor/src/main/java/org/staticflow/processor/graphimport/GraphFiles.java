package org.staticflow.processor.graphimport;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.proto.GraphDef;

/**
 * Finds and parses the {@code GraphDef} a graph model names. Build tools do not put resource folders on
 * javac's paths, so the directories of the processor option {@value #RESOURCE_PATH_OPTION} come first;
 * then the source path, the class output (where Maven has already copied {@code src/main/resources}) and
 * the class path.
 */
public final class GraphFiles {
  /** The processor option listing directories to search, separated by the platform's path separator. */
  public static final String RESOURCE_PATH_OPTION = "staticflow.resourcePath";

  private static final StandardLocation[] LOCATIONS = {
      StandardLocation.SOURCE_PATH, StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH};

  private final Filer filer;
  private final String resourcePath;

  /**
   * @param resourcePath the value of {@value #RESOURCE_PATH_OPTION}, or null
   */
  public GraphFiles(Filer filer, String resourcePath) {
    this.filer = filer;
    this.resourcePath = resourcePath;
  }

  /**
   * Reads and parses {@code path}: text format when it ends in {@code .pbtxt} or {@code .txt}, binary
   * otherwise.
   *
   * @throws CompileError at {@code location} if the file is missing or is not a GraphDef
   */
  public GraphDef read(String path, Location location) {
    byte[] bytes = find(path, location);
    try {
      if (path.endsWith(".pbtxt") || path.endsWith(".txt")) {
        GraphDef.Builder graph = GraphDef.newBuilder();
        TextFormat.merge(new String(bytes, StandardCharsets.UTF_8), graph);
        return graph.build();
      }
      return GraphDef.parseFrom(bytes);
    } catch (TextFormat.ParseException | InvalidProtocolBufferException e) {
      throw new CompileError(DiagnosticId.GraphNotFound, Messages.graphUnreadable(path, e.getMessage()), location);
    }
  }

  private byte[] find(String path, Location location) {
    List<String> searched = new ArrayList<>();
    if (resourcePath != null && !resourcePath.isBlank()) {
      for (String dir : resourcePath.split(File.pathSeparator)) {
        if (dir.isBlank()) {
          continue;
        }
        Path candidate = Path.of(dir).resolve(path);
        searched.add(dir);
        if (Files.isRegularFile(candidate)) {
          try {
            return Files.readAllBytes(candidate);
          } catch (IOException e) {
            throw new CompileError(DiagnosticId.GraphNotFound,
                Messages.graphUnreadable(candidate.toString(), e.toString()), location);
          }
        }
      }
    }
    for (StandardLocation place : LOCATIONS) {
      searched.add(place.getName());
      try {
        FileObject file = filer.getResource(place, "", path);
        try (InputStream in = file.openInputStream()) {
          return in.readAllBytes();
        }
      } catch (IOException | IllegalArgumentException | IllegalStateException notThere) {
        // Not in this location (or the location is not searchable under this compiler): try the next.
      }
    }
    throw new CompileError(DiagnosticId.GraphNotFound, Messages.graphNotFound(path, searched), location);
  }
}
