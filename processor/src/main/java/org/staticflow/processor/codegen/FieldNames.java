package org.staticflow.processor.codegen;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import org.staticflow.processor.ir.Node;

/**
 * Java field names for nodes, derived from their TensorFlow names ({@code layer1/MatMul_1} becomes
 * {@code layer1_MatMul_1}), made unique and never keywords.
 */
final class FieldNames {
  private final Set<String> used = new HashSet<>();
  private final Map<Node, String> names = new HashMap<>();

  FieldNames(Set<String> reserved) {
    used.addAll(reserved);
  }

  String of(Node node) {
    return names.computeIfAbsent(node, n -> unique(sanitize(n.name())));
  }

  /** A new unique field name based on {@code base}. */
  String unique(String base) {
    String name = base;
    for (int i = 2; used.contains(name) || SourceVersion.isKeyword(name); i++) {
      name = base + "_" + i;
    }
    used.add(name);
    return name;
  }

  static String sanitize(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(Character.isJavaIdentifierPart(c) && c != '$' ? c : '_');
    }
    if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) {
      out.insert(0, '_');
    }
    return out.toString();
  }
}
