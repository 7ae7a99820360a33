package org.staticflow.processor.lowering;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.parsing.Expr;

/**
 * The functions of the language with TensorFlow 1.x's names, parameters (in TensorFlow's order, so
 * positional and keyword calls both work) and default node names, in families of one class each. Module
 * prefixes ({@code tf.}, {@code tf.nn.}, {@code tf.math.}, {@code tf.layers.}) are accepted so TF1 code
 * can be pasted.
 */
final class Functions {
  private static final Set<String> PREFIXES = Set.of("tf", "nn", "math", "layers", "linalg");

  private final List<FunctionSupport> families;

  Functions(ExpressionLowering lowering) {
    this.families = List.of(new ElementwiseFunctions(lowering), new ShapeFunctions(lowering),
        new NeuralNetFunctions(lowering), new DenseFunction(lowering));
  }

  /** The function name without module prefixes: {@code tf.nn.relu} is {@code relu}. */
  static String plainName(String dotted) {
    String[] parts = dotted.split("\\.");
    int i = 0;
    while (i < parts.length - 1 && PREFIXES.contains(parts[i])) {
      i++;
    }
    return i == parts.length - 1 ? parts[i] : dotted;
  }

  boolean has(String dotted) {
    return names().contains(plainName(dotted));
  }

  Node lower(Expr.Call call, Env env) {
    String fn = plainName(call.callee().name());
    return family(fn).lower(fn, call, env);
  }

  private FunctionSupport family(String fn) {
    if (ElementwiseFunctions.NAMES.contains(fn)) return families.get(0);
    if (ShapeFunctions.NAMES.contains(fn)) return families.get(1);
    if (NeuralNetFunctions.NAMES.contains(fn)) return families.get(2);
    return families.get(3);
  }

  private static Set<String> names() {
    Set<String> all = new TreeSet<>(ElementwiseFunctions.NAMES);
    all.addAll(ShapeFunctions.NAMES);
    all.addAll(NeuralNetFunctions.NAMES);
    all.addAll(DenseFunction.NAMES);
    return all;
  }

  /** The known function closest to {@code dotted} (at most two edits away), or null. */
  static String suggestion(String dotted) {
    String name = plainName(dotted);
    String best = null;
    int bestDistance = 3;
    for (String candidate : names()) {
      int distance = editDistance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
