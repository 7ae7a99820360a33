package org.staticflow.samples.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link NumpyFormat} and {@link PythonFormat#f} against what NumPy 2.4 and Python print for the same values. */
class NumpyFormatTest {
  @Test
  void oneElementArraysPrintAsNumpyDoes() {
    // str(np.array([v], dtype=np.float32)), recorded from NumPy.
    assertEquals("[0.3]", NumpyFormat.array(0.3f));
    assertEquals("[0.29999998]", NumpyFormat.array(0.29999998f));
    assertEquals("[0.09999999]", NumpyFormat.array(0.099999994f));   // 9 shortest digits, cut to 8
    assertEquals("[0.]", NumpyFormat.array(0f));
    assertEquals("[-0.]", NumpyFormat.array(-0f));
    assertEquals("[1.]", NumpyFormat.array(1f));
    assertEquals("[-0.5]", NumpyFormat.array(-0.5f));
    assertEquals("[0.35029915]", NumpyFormat.array(0.35029915f));
    assertEquals("[0.00025]", NumpyFormat.array(2.5e-4f));
    assertEquals("[12345.678]", NumpyFormat.array(12345.678f));
    assertEquals("[1.e-05]", NumpyFormat.array(1e-5f));
    assertEquals("[1.2345679e+08]", NumpyFormat.array(123456789f));
  }

  @Test
  void percentFRoundsTheExactValue() {
    assertEquals("0.350299", PythonFormat.f(0.35029915f));
    assertEquals("-0.000000", PythonFormat.f(-1e-9));
    assertEquals("0.125000", PythonFormat.f(0.125));
    assertEquals("0.000000", PythonFormat.f(5e-7));   // 5e-7 as a double is just below the tie: rounds down
    assertEquals("0.000001", PythonFormat.f(5.000001e-7));
  }
}
