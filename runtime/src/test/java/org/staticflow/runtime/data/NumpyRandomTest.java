package org.staticflow.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The values NumPy prints for {@code np.random.seed(s); np.random.rand(n)}. */
class NumpyRandomTest {
  @Test
  void seedZero() {
    assertArrayEquals(new double[] {0.5488135039273248, 0.7151893663724195, 0.6027633760716439,
        0.5448831829968969, 0.4236547993389047}, new NumpyRandom(0).rand(5), 0.0);
  }

  @Test
  void seed1234AsInTheRegressionTutorial() {
    NumpyRandom random = new NumpyRandom(1234);
    double[] values = random.rand(100);
    assertArrayEquals(new double[] {0.1915194503788923, 0.6221087710398319, 0.4377277390071145,
        0.7853585837137692, 0.7799758081188035}, java.util.Arrays.copyOf(values, 5), 0.0);
    random.seed(1234);
    assertEquals(values[0], random.rand(), 0.0);
  }

  @Test
  void rawOutputsMatchTheMersenneTwisterReference() {
    // init_genrand(5489) is MT19937's default seed; its first output is 3499211612 and its 10000th 4123659995.
    NumpyRandom random = new NumpyRandom(5489);
    assertEquals(3499211612L, random.nextInt32() & 0xffffffffL);
    for (int i = 1; i < 9999; i++) {
      random.nextInt32();
    }
    assertEquals(4123659995L, random.nextInt32() & 0xffffffffL);
  }

  @Test
  void seedsOutsideUint32AreRefusedAsNumpyDoes() {
    assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
    assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
  }
}
