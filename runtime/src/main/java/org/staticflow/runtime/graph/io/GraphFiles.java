package org.staticflow.runtime.graph.io;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.staticflow.proto.GraphDef;
import org.staticflow.proto.MetaGraphDef;
import org.staticflow.proto.SavedModel;
import java.nio.file.StandardCopyOption;
import org.staticflow.runtime.graph.GraphException;

/**
 * Reads and writes TensorFlow's graph files: {@code GraphDef} ({@code .pb} binary, {@code .pbtxt} protobuf
 * text format), {@code MetaGraphDef} ({@code .meta}) and {@code SavedModel} ({@code saved_model.pb}).
 *
 * <p>The form is chosen by the file name: {@code .pbtxt}, {@code .pbtext}, {@code .prototxt} and
 * {@code .txt} are text, everything else binary. A file that is not valid in the form its name suggests is
 * tried in the other one before giving up, since people do name text graphs {@code .pb}.
 */
public final class GraphFiles {
  private GraphFiles() {}

  /** Whether the name ends in one of the text-format extensions. */
  public static boolean isTextName(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".pbtxt") || name.endsWith(".pbtext") || name.endsWith(".prototxt")
        || name.endsWith(".txt");
  }

  /** A {@code GraphDef} from {@code path}, binary or text. */
  public static GraphDef readGraphDef(Path path) throws IOException {
    return read(path, GraphDef.newBuilder(), "GraphDef").build();
  }

  /** A {@code MetaGraphDef} ({@code .meta}, binary or text). */
  public static MetaGraphDef readMetaGraphDef(Path path) throws IOException {
    return read(path, MetaGraphDef.newBuilder(), "MetaGraphDef").build();
  }

  /** A {@code SavedModel} ({@code saved_model.pb} or {@code saved_model.pbtxt}). */
  public static SavedModel readSavedModel(Path path) throws IOException {
    return read(path, SavedModel.newBuilder(), "SavedModel").build();
  }

  /** Writes {@code message} atomically, as text when the name says so, else binary. */
  public static void write(Path path, Message message) throws IOException {
    byte[] bytes =
        isTextName(path)
            ? TextFormat.printer().printToString(message).getBytes(StandardCharsets.UTF_8)
            : message.toByteArray();
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // Written beside the target and renamed over it, so a reader never sees half a graph.
    Path temp = path.resolveSibling(path.getFileName() + ".tmp" + System.nanoTime());
    try {
      Files.write(temp, bytes);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @SuppressWarnings("unchecked")
  private static <B extends Message.Builder> B read(Path path, B builder, String what) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    boolean text = isTextName(path);
    GraphException first;
    try {
      parse(bytes, builder, text);
      return builder;
    } catch (InvalidProtocolBufferException | TextFormat.ParseException | RuntimeException e) {
      first = failure(path, what, text, e);
    }
    builder.clear();
    try {
      parse(bytes, builder, !text);
      return builder;
    } catch (InvalidProtocolBufferException | TextFormat.ParseException | RuntimeException e) {
      throw first;
    }
  }

  private static void parse(byte[] bytes, Message.Builder builder, boolean text)
      throws InvalidProtocolBufferException, TextFormat.ParseException {
    if (text) {
      TextFormat.Parser.newBuilder().setAllowUnknownFields(false).build()
          .merge(new String(bytes, StandardCharsets.UTF_8), builder);
    } else {
      builder.mergeFrom(bytes);
    }
  }

  private static GraphException failure(Path path, String what, boolean text, Exception e) {
    return new GraphException(
        path + ": not a " + (text ? "text-format " : "binary ") + what + " (" + e.getMessage() + ")", e);
  }
}
