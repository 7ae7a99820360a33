package org.staticflow.processor;

/** Independent double-precision reference computations for the functional tests. */
final class Reference {
  private Reference() {}

  /** relu(x W1 + b1) W2 + b2 for row-major {@code x [batch, 784]}. */
  static double[][] mlp(float[] x, int batch, float[][] w) {
    double[][] out = new double[batch][10];
    for (int r = 0; r < batch; r++) {
      double[] hidden = new double[500];
      for (int j = 0; j < 500; j++) {
        double s = w[1][j];
        for (int k = 0; k < 784; k++) {
          s += x[r * 784 + k] * (double) w[0][k * 500 + j];
        }
        hidden[j] = Math.max(s, 0);
      }
      for (int j = 0; j < 10; j++) {
        double s = w[3][j];
        for (int k = 0; k < 500; k++) {
          s += hidden[k] * w[2][k * 10 + j];
        }
        out[r][j] = s;
      }
    }
    return out;
  }

  static double logSumExp(double[] row) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : row) max = Math.max(max, v);
    double sum = 0;
    for (double v : row) sum += Math.exp(v - max);
    return max + Math.log(sum);
  }

  static int argmax(double[] row) {
    int best = 0;
    for (int i = 1; i < row.length; i++) {
      if (row[i] > row[best]) best = i;
    }
    return best;
  }
}
