package org.staticflow.runtime.interop.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Compares training state (variables, slots, {@code global_step}, shadows) by TensorFlow name, tensor by
 * tensor, with the norm-wise relative difference
 *
 * <pre>
 * relative(e, a) = max_i |a_i - e_i| / max_i |e_i|
 * </pre>
 *
 * that is, every element's difference measured against the scale of its tensor. Element-wise relative
 * differences are not meaningful for elements that are sums cancelling to nearly zero: a logit of -0.002
 * summed from 500 products of magnitude ~0.05 carries an absolute float32 rounding error of ~1e-6 in any
 * summation order, 1e-4 of itself but 1e-7 of the logits' scale. Integer tensors ({@code global_step}) must
 * be equal.
 */
public final class StateComparison {
  /** The largest difference found in one tensor. */
  public record Difference(String name, int index, double expected, double actual, double relative) {
    @Override
    public String toString() {
      return String.format("%s[%d]: expected %.9g, got %.9g, relative %.3g", name, index, expected, actual, relative);
    }
  }

  private StateComparison() {}

  /**
   * The largest relative difference of every tensor, by name, in {@code expected}'s order.
   *
   * @throws AssertionError if the names, shapes or dtypes differ
   */
  public static Map<String, Difference> compare(Map<String, ? extends Tensor> expected, Map<String, ? extends Tensor> actual) {
    if (!new TreeSet<>(expected.keySet()).equals(new TreeSet<>(actual.keySet()))) {
      throw new AssertionError("different variables: expected " + new TreeSet<>(expected.keySet()) + ", got "
          + new TreeSet<>(actual.keySet()));
    }
    Map<String, Difference> worst = new LinkedHashMap<>();
    expected.forEach((name, e) -> worst.put(name, largest(name, e, actual.get(name))));
    return worst;
  }

  /**
   * Asserts that every element of every tensor agrees within {@code tolerance} relative; the message lists
   * the worst tensors. Returns the largest relative difference found.
   */
  public static double assertClose(String context, Map<String, ? extends Tensor> expected,
      Map<String, ? extends Tensor> actual, double tolerance) {
    Map<String, Difference> worst = compare(expected, actual);
    List<Difference> failing = new ArrayList<>();
    double max = 0;
    for (Difference d : worst.values()) {
      max = Math.max(max, d.relative());
      if (!(d.relative() <= tolerance)) {
        failing.add(d);
      }
    }
    if (!failing.isEmpty()) {
      failing.sort(Comparator.comparingDouble(Difference::relative).reversed());
      StringBuilder message = new StringBuilder(context + ": " + failing.size() + " tensors differ by more than "
          + tolerance + " relative:");
      failing.forEach(d -> message.append("\n  ").append(d));
      throw new AssertionError(message.toString());
    }
    return max;
  }

  /** The largest relative difference over all tensors. */
  public static double maxRelative(Map<String, ? extends Tensor> expected, Map<String, ? extends Tensor> actual) {
    return compare(expected, actual).values().stream().mapToDouble(Difference::relative).max().orElse(0);
  }

  private static Difference largest(String name, Tensor expected, Tensor actual) {
    if (!expected.shape().equals(actual.shape()) || expected.dataType() != actual.dataType()) {
      throw new AssertionError(name + ": expected " + expected.dataType() + expected.shape() + ", got "
          + actual.dataType() + actual.shape());
    }
    if (expected instanceof LongTensor longs) {
      long[] e = longs.data();
      long[] a = ((LongTensor) actual).data();
      for (int i = 0; i < e.length; i++) {
        if (e[i] != a[i]) {
          return new Difference(name, i, e[i], a[i], Double.POSITIVE_INFINITY);
        }
      }
      return new Difference(name, 0, e.length == 0 ? 0 : e[0], a.length == 0 ? 0 : a[0], 0);
    }
    float[] e = ((FloatTensor) expected).data();
    float[] a = ((FloatTensor) actual).data();
    double scale = 0;
    for (float v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    Difference worst = new Difference(name, 0, e.length == 0 ? 0 : e[0], a.length == 0 ? 0 : a[0], 0);
    for (int i = 0; i < e.length; i++) {
      double difference = Math.abs((double) a[i] - e[i]);
      double relative = difference == 0 ? 0 : difference / scale;
      if (!(relative <= worst.relative())) { // NaN counts as worst
        worst = new Difference(name, i, e[i], a[i], Double.isNaN(relative) ? Double.POSITIVE_INFINITY : relative);
      }
    }
    return worst;
  }
}
