package org.staticflow.runtime.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * TensorFlow's order of checkpoint keys: by their UTF-8 bytes compared as unsigned values, which differs
 * from {@link String#compareTo} for characters outside the Basic Multilingual Plane.
 */
final class KeyOrder {
  /** Compares keys as TensorFlow's bundle index sorts them. */
  static final Comparator<String> TENSORFLOW =
      (a, b) ->
          Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private KeyOrder() {}
}
