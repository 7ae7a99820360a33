package org.staticflow.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.Tensor;

/** Compares Staticflow's results with TensorFlow's: floats to 1e-5 relative, everything else exactly. */
final class Close {
  private Close() {}

  /**
   * Float elements agree within {@code 1e-5 * (|expected| + 0.01 * max|expected|)}: relative per element,
   * with a floor tied to the tensor's magnitude, since a value that cancels to nearly zero (a sum of
   * terms hundreds of times larger, added in another order) carries the rounding of its terms, not of
   * itself.
   */
  static void assertClose(Tensor expected, Tensor actual, String what) {
    assertEquals(expected.dataType(), actual.dataType(), what + ": dtype");
    assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what + ": shape");
    if (!(expected instanceof FloatTensor e)) {
      assertEquals(expected, actual, what);
      return;
    }
    float[] want = e.data();
    float[] got = ((FloatTensor) actual).data();
    float scale = 0;
    for (float v : want) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < want.length; i++) {
      double tolerance = 1e-5 * (Math.abs(want[i]) + 0.01 * scale);
      if (!(Math.abs(want[i] - got[i]) <= tolerance) && !(Float.isNaN(want[i]) && Float.isNaN(got[i]))
          && want[i] != got[i]) {
        fail(what + ": element " + i + " is " + got[i] + ", TensorFlow gives " + want[i]);
      }
    }
  }
}
