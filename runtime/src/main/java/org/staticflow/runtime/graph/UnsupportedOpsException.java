package org.staticflow.runtime.graph;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A graph uses op types that the interpreter has no kernel for. Thrown at load time, listing every
 * offending node (not only the first), so that one run tells a user everything that is missing.
 */
public final class UnsupportedOpsException extends GraphException {
  private static final long serialVersionUID = 1L;

  /** One node whose op type is not supported. */
  public record Offender(String node, String op) {
    @Override
    public String toString() {
      return node + " (" + op + ")";
    }
  }

  private final transient List<Offender> offenders;

  public UnsupportedOpsException(List<Offender> offenders) {
    super(message(offenders));
    this.offenders = List.copyOf(offenders);
  }

  /** Every offending node, in graph order. */
  public List<Offender> offenders() {
    return offenders;
  }

  private static String message(List<Offender> offenders) {
    String ops = offenders.stream().map(Offender::op).distinct().sorted().collect(Collectors.joining(", "));
    return "unsupported op type" + (ops.contains(",") ? "s " : " ") + ops + " in " + offenders.size()
        + " node" + (offenders.size() == 1 ? "" : "s") + ": "
        + offenders.stream().map(Offender::toString).collect(Collectors.joining(", "));
  }
}
