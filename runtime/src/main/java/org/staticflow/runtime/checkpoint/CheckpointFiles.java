package org.staticflow.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files that make up a checkpoint on disk, found the way TensorFlow finds them: {@code PREFIX.index}
 * for the V2 format, the file {@code PREFIX} itself (or what a glob pattern such as
 * {@code model-?????-of-00005} matches) for the legacy V1 format.
 */
final class CheckpointFiles {
  private static final System.Logger LOG = System.getLogger(CheckpointFiles.class.getName());

  /** TensorFlow's {@code meta_graph_filename}: a trailing shard spec is not part of the meta graph name. */
  private static final Pattern SHARD_SPEC = Pattern.compile("-[\\d?]+-of-\\d+$");

  private CheckpointFiles() {}

  /** {@code PREFIX.index}, the file whose presence makes a V2 checkpoint complete. */
  static Path indexFile(String prefix) {
    return Path.of(prefix + ".index");
  }

  /** {@code <prefix without shard spec>.<suffix>}, e.g. {@code model.ckpt-1000.meta}. */
  static Path metaGraphFile(String prefix, String suffix) {
    return Path.of(SHARD_SPEC.matcher(prefix).replaceFirst("") + "." + suffix);
  }

  /** Whether {@code PREFIX.index} (V2) or {@code PREFIX} as a file or glob pattern (V1) exists. */
  static boolean exists(String prefix) throws IOException {
    return !matching(prefix + ".index").isEmpty() || !matching(prefix).isEmpty();
  }

  /**
   * The regular files matched by {@code pattern}, whose last name element may hold the glob characters
   * {@code * ? [...]} as in TensorFlow's {@code GetMatchingPaths}; a file whose name is literally
   * {@code pattern} is returned alone. Sorted by name.
   */
  static List<Path> matching(String pattern) throws IOException {
    Path path = Path.of(pattern);
    Path name = path.getFileName();
    if (name == null) {
      return List.of();
    }
    // A literal name wins, so that a prefix that happens to contain '[' still finds its own files.
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!hasGlob(name.toString())) {
      return List.of();
    }
    Path parent = path.getParent() != null ? path.getParent() : Path.of("");
    Pattern regex = globToRegex(name.toString());
    List<Path> found = new ArrayList<>();
    Path listed = parent.toString().isEmpty() ? Path.of(".") : parent;
    if (!Files.isDirectory(listed)) {
      return List.of();
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(listed)) {
      for (Path child : children) {
        String childName = child.getFileName().toString();
        if (regex.matcher(childName).matches() && Files.isRegularFile(child)) {
          found.add(parent.resolve(childName));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    found.sort(null);
    return found;
  }

  /**
   * TensorFlow's {@code remove_checkpoint} for V2: deletes {@code <prefix>.<metaSuffix>},
   * {@code PREFIX.index} (before the data, so the checkpoint stops being complete first) and every
   * {@code PREFIX.data-?????-of-?????}. Like TensorFlow, a file that cannot be deleted is logged and
   * skipped: losing an old checkpoint must never fail the save that evicted it.
   */
  static void remove(String prefix, String metaSuffix) {
    deleteQuietly(metaGraphFile(prefix, metaSuffix));
    deleteQuietly(indexFile(prefix));
    try {
      for (Path data : matching(prefix + ".data-?????-of-?????")) {
        deleteQuietly(data);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Ignoring: cannot list data files of " + prefix + ": " + e);
    }
  }

  /**
   * Modification time in seconds since the epoch of {@code PREFIX.index}, else of the V1 file, or
   * {@code NaN} when neither exists (TensorFlow's {@code get_checkpoint_mtimes} skips such prefixes).
   */
  static double mtimeSeconds(String prefix) throws IOException {
    for (String candidate : List.of(prefix + ".index", prefix)) {
      List<Path> files = matching(candidate);
      if (!files.isEmpty()) {
        try {
          var time = Files.getLastModifiedTime(files.get(0)).toInstant();
          return time.getEpochSecond() + time.getNano() / 1e9;
        } catch (NoSuchFileException e) {
          // Deleted between listing and stat, e.g. by another process rotating checkpoints.
          return Double.NaN;
        }
      }
    }
    return Double.NaN;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Ignoring: cannot delete " + file + ": " + e);
    }
  }

  private static boolean hasGlob(String name) {
    return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
  }

  /** {@code *} any run, {@code ?} one character, {@code [abc]}/{@code [!abc]} a class; the rest literal. */
  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[' && glob.indexOf(']', i + 1) > i + 1) {
        int close = glob.indexOf(']', i + 1);
        // Inside a class only a leading '!' (negation) is special to TensorFlow; escape what Java's regex
        // would otherwise read as nested classes, intersections or escapes.
        String body =
            glob.substring(i + 1, close).replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
        if (body.startsWith("!")) {
          body = "^" + body.substring(1);
        } else if (body.startsWith("^")) {
          body = "\\" + body;
        }
        regex.append('[').append(body);
        regex.append(']');
        i = close;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
