package org.staticflow.runtime.graph;

/**
 * A graph that is well-formed protobuf but cannot be used as given: a missing input node, a cycle, a
 * missing or ill-typed attribute, shapes or dtypes that do not fit an op. The message starts with the
 * node name and op type ({@code node 'layer1/MatMul' (MatMul): ...}) when one node is to blame.
 */
public class InvalidGraphException extends GraphException {
  private static final long serialVersionUID = 1L;

  public InvalidGraphException(String message) {
    super(message);
  }

  public InvalidGraphException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code node 'NAME' (OP): DETAIL}. */
  public static InvalidGraphException atNode(String node, String op, String detail) {
    return new InvalidGraphException("node '" + node + "' (" + op + "): " + detail);
  }
}
