package org.staticflow.runtime.graph;

/**
 * Base of the graph package's failures: a graph that cannot be read, loaded, run or written. The message
 * names the file, node or op involved and says what was expected. Unchecked, since most are caused by the
 * graph file rather than by the caller's code, as with {@link IllegalArgumentException}.
 */
public class GraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GraphException(String message) {
    super(message);
  }

  public GraphException(String message, Throwable cause) {
    super(message, cause);
  }
}
