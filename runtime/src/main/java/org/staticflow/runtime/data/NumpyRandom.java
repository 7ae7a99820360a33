package org.staticflow.runtime.data;

/**
 * NumPy's legacy global generator ({@code np.random.seed(s)}; {@code np.random.rand()}): the Mersenne
 * Twister MT19937 seeded as NumPy seeds it from an integer, and doubles built from two 32-bit outputs with
 * 53 random bits, {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53}. Programs ported from TensorFlow tutorials
 * draw exactly the numbers the Python original drew. Not thread-safe.
 */
public final class NumpyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] state = new int[N];
  private int index;

  /** A generator seeded like {@code np.random.seed(seed)}. */
  public NumpyRandom(long seed) {
    seed(seed);
  }

  /**
   * Re-seeds like {@code np.random.seed(seed)} with an integer: MT19937's {@code init_genrand}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= seed < 2^32}, as NumPy requires
   */
  public void seed(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
    }
    state[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** The next 32 random bits, as MT19937's {@code genrand_int32}. */
  public int nextInt32() {
    if (index >= N) {
      regenerate();
    }
    int y = state[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /** {@code np.random.rand()}: a double in [0, 1) with 53 random bits. */
  public double rand() {
    long a = (nextInt32() & 0xffffffffL) >>> 5;
    long b = (nextInt32() & 0xffffffffL) >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** {@code np.random.rand(n)}. */
  public double[] rand(int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = rand();
    }
    return values;
  }

  private void regenerate() {
    for (int k = 0; k < N; k++) {
      int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
      state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    index = 0;
  }
}
