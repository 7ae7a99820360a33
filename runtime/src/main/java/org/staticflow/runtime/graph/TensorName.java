package org.staticflow.runtime.graph;

/**
 * The name of one output of a node as TensorFlow writes it: {@code node} (output 0), {@code node:k}, or in
 * a node's input list {@code ^node} for a control dependency.
 *
 * @param node the node name
 * @param index the output index ({@code 0} for control inputs)
 * @param control whether this is a control input ({@code ^node})
 */
public record TensorName(String node, int index, boolean control) {

  /** Parses {@code node}, {@code node:k} or {@code ^node}. */
  public static TensorName parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty tensor name");
    }
    if (text.startsWith("^")) {
      return new TensorName(text.substring(1), 0, true);
    }
    int colon = text.lastIndexOf(':');
    if (colon > 0 && colon < text.length() - 1 && allDigits(text, colon + 1)) {
      return new TensorName(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)), false);
    }
    return new TensorName(text, 0, false);
  }

  /** Output {@code index} of {@code node}. */
  public static TensorName of(String node, int index) {
    return new TensorName(node, index, false);
  }

  private static boolean allDigits(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return text.length() - from < 10;
  }

  /** {@code node:k} (always with the index), or {@code ^node}. */
  @Override
  public String toString() {
    return control ? "^" + node : node + ":" + index;
  }
}
