package org.staticflow.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Bit-exact tensor comparison. {@link Tensor#equals} compares floats with {@code Arrays.equals}, which
 * treats all NaNs as equal; checkpoint interop must keep every NaN payload, so fixed-size values are
 * compared as their little-endian bytes.
 */
public final class TensorAssertions {
  private TensorAssertions() {}

  /** Asserts same dtype, same shape and the same bits in every element; names {@code what} on failure. */
  public static void assertBitIdentical(Tensor expected, Tensor actual, String what) {
    assertEquals(expected.dataType(), actual.dataType(), () -> what + ": dtype");
    assertEquals(expected.shape(), actual.shape(), () -> what + ": shape");
    if (expected instanceof StringTensor strings) {
      byte[][] want = strings.data();
      byte[][] got = ((StringTensor) actual).data();
      for (int i = 0; i < want.length; i++) {
        int index = i;
        assertArrayEquals(want[i], got[i], () -> what + ": string element " + index);
      }
      return;
    }
    byte[] want = TensorBytes.toLittleEndian(expected);
    byte[] got = TensorBytes.toLittleEndian(actual);
    for (int i = 0; i < want.length; i++) {
      if (want[i] != got[i]) {
        int element = i / expected.dataType().byteSize();
        fail(what + ": element " + element + " differs (byte " + i + " of " + want.length + ": expected 0x"
            + Integer.toHexString(want[i] & 0xff) + ", got 0x" + Integer.toHexString(got[i] & 0xff) + ")");
      }
    }
  }
}
