package org.staticflow.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatFormatTest {

  /** Expected strings printed by CPython 3 {@code repr(float)}. */
  @ParameterizedTest
  @CsvSource({
    "1714000000.123456, 1714000000.123456",
    "1714000100.5, 1714000100.5",
    "1713999990.25, 1713999990.25",
    "1.0, 1.0",
    "0.1, 0.1",
    "0.3, 0.3",
    "1e16, 1e+16",
    "1e15, 1000000000000000.0",
    "1234567890123456.0, 1234567890123456.0",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "1.5e300, 1.5e+300",
    "5e-324, 5e-324",
    "2.82879384806159e17, 2.82879384806159e+17",
    "1e23, 1e+23",
    "1e22, 1e+22",
    "-2.5, -2.5",
    "123456789012345678.0, 1.2345678901234568e+17",
    "9007199254740993.0, 9007199254740992.0",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "2.2250738585072014e-308, 2.2250738585072014e-308",
  })
  void matchesPythonRepr(double value, String python) {
    assertEquals(python, PythonFloatFormat.repr(value));
  }

  @Test
  void specialValues() {
    assertEquals("0.6666666666666666", PythonFloatFormat.repr(2.0 / 3.0));
    assertEquals("0.0", PythonFloatFormat.repr(0.0));
    assertEquals("-0.0", PythonFloatFormat.repr(-0.0));
    assertEquals("inf", PythonFloatFormat.repr(Double.POSITIVE_INFINITY));
    assertEquals("-inf", PythonFloatFormat.repr(Double.NEGATIVE_INFINITY));
    assertEquals("nan", PythonFloatFormat.repr(Double.NaN));
  }

  /**
   * Nearly 3000 values printed by CPython itself (random bit patterns, epoch-second timestamps, every
   * other decade from 1e-325 to 1e308): the output must be identical.
   */
  @Test
  void matchesCPythonOnReferenceValues() throws java.io.IOException {
    int checked = 0;
    try (var in = PythonFloatFormatTest.class.getResourceAsStream("python-float-repr.txt")) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      for (String line : text.split("\n")) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        String[] fields = line.split(" ");
        double value = Double.longBitsToDouble(Long.parseLong(fields[0]));
        assertEquals(fields[1], PythonFloatFormat.repr(value), "bits " + fields[0]);
        checked++;
      }
    }
    assertEquals(2951, checked);
  }

  /** Whatever the value, the text must read back as the same double (the shortest-repr contract). */
  @Test
  void roundTripsPseudoRandomDoubles() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    for (int i = 0; i < 2_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(value)) {
        continue;
      }
      String text = PythonFloatFormat.repr(value);
      assertEquals(value, Double.parseDouble(text), text);
      // Never longer than Java's own (possibly non-shortest) digits.
      String digits = text.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "");
      digits = digits.replaceFirst("^0+", "").replaceFirst("0+$", "");
      String java = Double.toString(Math.abs(value)).replaceFirst("E.*$", "").replace(".", "");
      java = java.replaceFirst("^0+", "").replaceFirst("0+$", "");
      if (digits.length() > java.length()) {
        throw new AssertionError(value + ": " + text + " longer than Java's " + Double.toString(value));
      }
    }
  }
}
