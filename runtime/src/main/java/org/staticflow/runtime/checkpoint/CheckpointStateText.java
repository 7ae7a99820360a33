package org.staticflow.runtime.checkpoint;

import com.google.protobuf.TextFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.staticflow.proto.CheckpointState;

/**
 * The text form of the {@code checkpoint} state file: {@code tensorflow.CheckpointState} in protobuf text
 * format, printed byte-for-byte as Python's {@code text_format.MessageToString} prints it and parsed with
 * protobuf-java's {@link TextFormat} parser (which, like Python's {@code text_format.Merge}, accepts
 * comments, any whitespace, {@code \x}/octal escapes and adjacent-string concatenation).
 *
 * <p>Printing contract: fields in field-number order, one {@code name: value} line each, every line ended
 * by {@code \n}; repeated fields repeated in order; proto3 defaults (empty path, a timestamp of exactly
 * {@code 0.0}) omitted; strings as UTF-8 bytes inside double quotes with Python's C escapes ({@code \t \n
 * \r \" \' \\}, every other byte below 0x20 or from 0x7f as three-digit octal); doubles as Python's
 * {@code repr} ({@link PythonFloatFormat}).
 */
public final class CheckpointStateText {
  private CheckpointStateText() {}

  /**
   * Parses state-file text.
   *
   * @param source the file the text came from, named in the error
   * @throws CorruptCheckpointException if the text is not a valid {@code CheckpointState}, naming {@code
   *     source}, the line and column and what the parser expected
   */
  public static CheckpointState parse(String text, Path source) throws CorruptCheckpointException {
    CheckpointState.Builder builder = CheckpointState.newBuilder();
    try {
      TextFormat.getParser().merge(text, builder);
    } catch (TextFormat.ParseException e) {
      throw new CorruptCheckpointException(
          "checkpoint state file " + source + " is not a valid CheckpointState text proto: "
              + e.getMessage(),
          e);
    }
    return builder.build();
  }

  /** The text Python's {@code text_format.MessageToString(state)} produces. */
  public static String print(CheckpointState state) {
    StringBuilder out = new StringBuilder();
    if (!state.getModelCheckpointPath().isEmpty()) {
      appendString(out, "model_checkpoint_path", state.getModelCheckpointPath());
    }
    for (String path : state.getAllModelCheckpointPathsList()) {
      appendString(out, "all_model_checkpoint_paths", path);
    }
    for (double timestamp : state.getAllModelCheckpointTimestampsList()) {
      appendDouble(out, "all_model_checkpoint_timestamps", timestamp);
    }
    // proto3 presence: the field is absent when its bits are all zero (so -0.0 is still printed).
    if (Double.doubleToRawLongBits(state.getLastPreservedTimestamp()) != 0) {
      appendDouble(out, "last_preserved_timestamp", state.getLastPreservedTimestamp());
    }
    return out.toString();
  }

  private static void appendString(StringBuilder out, String field, String value) {
    out.append(field).append(": \"").append(cEscape(value)).append("\"\n");
  }

  private static void appendDouble(StringBuilder out, String field, double value) {
    out.append(field).append(": ").append(PythonFloatFormat.repr(value)).append('\n');
  }

  /** Python's {@code text_encoding.CEscape(value.encode('utf-8'), as_utf8=False)}. */
  static String cEscape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      switch (c) {
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '"' -> out.append("\\\"");
        case '\'' -> out.append("\\'");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append('\\')
                .append((char) ('0' + (c >> 6)))
                .append((char) ('0' + ((c >> 3) & 7)))
                .append((char) ('0' + (c & 7)));
          } else {
            out.append((char) c);
          }
        }
      }
    }
    return out.toString();
  }
}
