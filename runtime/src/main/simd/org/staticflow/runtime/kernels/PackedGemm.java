package org.staticflow.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed, cache-blocked, register-blocked matrix product {@code C[m,n] = A[m,k] · B[k,n]} (Goto's
 * algorithm, as in BLIS) on the Vector API.
 *
 * <p>Maths and blocking. {@code C = sum over k-blocks P of A[:,P] · B[P,:]}, each k-block at most
 * {@link #KC} deep. {@code B} is packed once per call into panels {@link #NR} columns wide, each panel a
 * {@code kc x NR} row-major strip (so the micro-kernel reads it sequentially); transposition of {@code B}
 * is absorbed by the packing. (A stored, untransposed {@code B} may instead be read in place, rows {@code n}
 * apart, all but a partial last panel: see {@link #compute}.) {@code C} is then cut into row chunks (and {@link #NC}-column blocks), run
 * in parallel; within a chunk, for each k-block and each {@link #MR}-row micro-panel of {@code A} (packed
 * column-major, {@code MR} values per column, so transposition of {@code A} and the im2col view of a
 * convolution are absorbed too), the micro-kernel computes an {@code MR x NR} tile of {@code C} held in
 * {@code MR * NR / VL} vector registers: for each {@code p < kc}, two vectors of the {@code B} panel row
 * {@code p} times {@code MR} broadcast values of the {@code A} column {@code p}, fused multiply-add. The
 * {@code A} micro-panel ({@code MR * kc} floats) stays in L1, the packed {@code B} block ({@code kc * NC}
 * floats) in L2. Edge tiles are computed in full (packing pads with zeros) into a scratch tile and only
 * their valid part is added to {@code C}.
 *
 * <p>Rounding: each output is a sum of products accumulated in {@code float} with FMA, in k order within
 * a k-block; results differ from a naive loop by rounding only.
 */
final class PackedGemm {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Floats per vector. */
  static final int VL = SPECIES.length();
  /** Rows of the register tile. */
  static final int MR = 6;
  /** Columns of the register tile: two vectors. */
  static final int NR = 2 * VL;
  /** Deepest k-block: a {@code kc x NR} panel of B plus an {@code MR x kc} panel of A stay within L1. */
  static final int KC = 256;
  /** Widest column block: a packed {@code KC x NC} block of B (512 KiB) stays within L2. */
  static final int NC = 512;

  private PackedGemm() {}

  /** Length of the packed {@code B} for a product of depth {@code k} and width {@code n}. */
  static int packedLength(int k, int n) {
    return k * panels(n) * NR;
  }

  /** Number of {@code NR}-wide panels covering {@code n} columns. */
  static int panels(int n) {
    return (n + NR - 1) / NR;
  }

  /** The k-block depth used for depth {@code k}: blocks of equal size, none deeper than {@link #KC}. */
  static int blockDepth(int k) {
    int blocks = (k + KC - 1) / KC;
    return blocks == 0 ? 0 : (k + blocks - 1) / blocks;
  }

  /**
   * Packs panels {@code [panel0, panel1)} of {@code B} (stored {@code [k,n]}, or {@code [n,k]} when
   * transposed) into {@code bp}: k-block {@code P = [pc, pc+kc)} of panel {@code j} starts at {@code pc *
   * panels(n) * NR + j * kc * NR}, holding {@code B[pc + p, j*NR + c]} at {@code p * NR + c}, 0 past
   * column {@code n}.
   */
  static void packB(float[] b, boolean transposed, int k, int n, int panel0, int panel1, float[] bp) {
    int kcStep = blockDepth(k);
    int stride = panels(n) * NR;
    for (int pc = 0; pc < k; pc += kcStep) {
      int kc = Math.min(kcStep, k - pc);
      for (int j = panel0; j < panel1; j++) {
        int col = j * NR;
        int cols = Math.min(NR, n - col);
        int base = pc * stride + j * kc * NR;
        if (transposed) {
          // B[p, col + c] = b[(col + c)*k + p]: read each stored row once, scatter with stride NR.
          for (int c = 0; c < cols; c++) {
            int src = (col + c) * k + pc;
            for (int p = 0; p < kc; p++) bp[base + p * NR + c] = b[src + p];
          }
          if (cols < NR) {
            for (int p = 0; p < kc; p++) {
              for (int c = cols; c < NR; c++) bp[base + p * NR + c] = 0f;
            }
          }
        } else if (cols == NR) {
          for (int p = 0; p < kc; p++) {
            int src = (pc + p) * n + col;
            int dst = base + p * NR;
            FloatVector.fromArray(SPECIES, b, src).intoArray(bp, dst);
            FloatVector.fromArray(SPECIES, b, src + VL).intoArray(bp, dst + VL);
          }
        } else {
          for (int p = 0; p < kc; p++) {
            int src = (pc + p) * n + col;
            int dst = base + p * NR;
            System.arraycopy(b, src, bp, dst, cols);
            for (int c = cols; c < NR; c++) bp[dst + c] = 0f;
          }
        }
      }
    }
  }

  /** {@code m} rounded up to whole micro-panels. */
  static int paddedRows(int m) {
    return (m + MR - 1) / MR * MR;
  }

  /** Length of all of {@code A} packed by {@link #packA}. */
  static int packedALength(int m, int k) {
    return paddedRows(m) * k;
  }

  /**
   * Packs micro-panels {@code [panel0, panel1)} (of {@code MR} rows) of {@code A} into {@code packed}:
   * k-block {@code [pc, pc+kc)} of the panel starting at row {@code i} lies at {@code pc * paddedRows(m)
   * + i * kc}, column-major with {@code MR} values per column, rows past {@code m} zero.
   */
  static void packA(LeftOperand a, int m, int k, int panel0, int panel1, float[] packed) {
    int kcStep = blockDepth(k);
    int stride = paddedRows(m);
    for (int pc = 0; pc < k; pc += kcStep) {
      int kc = Math.min(kcStep, k - pc);
      for (int panel = panel0; panel < panel1; panel++) {
        int i = panel * MR;
        a.pack(packed, pc * stride + i * kc, MR, i, Math.min(MR, m - i), pc, kc);
      }
    }
  }

  /**
   * The first panel of {@code B} that {@link #compute} reads from the packed copy: 0 when {@code B} is read
   * packed, else the partial last panel (or {@code panels(n)}, none, when {@code NR} divides {@code n}).
   */
  static int firstPackedPanel(boolean bInPlace, int n) {
    return !bInPlace ? 0 : n % NR == 0 ? panels(n) : panels(n) - 1;
  }

  /**
   * {@code C[i0:i1, j0:j1] = A[i0:i1, :] · B[:, j0:j1]}; {@code j0} a multiple of {@code NR}. {@code B} comes
   * from {@code bp} packed by {@link #packB}, except that when {@code bInPlace} its whole panels are read where
   * they are stored, in {@code b} ({@code [k,n]}, not transposed; rows {@code n} apart), and only the panels
   * from {@link #firstPackedPanel} on come from {@code bp}. {@code A} comes from {@code packedA} when it is not
   * null: all of {@code A} packed by {@link #packA} for {@code m} rows ({@code i0} then a multiple of {@code
   * MR}), so that threads sharing it never pack the same rows twice; otherwise each micro-panel is packed
   * into {@code ap} (at least {@code MR * KC} floats) or read in place. {@code tile} holds {@code MR * NR}.
   */
  static void compute(
      LeftOperand a, float[] packedA, int m, float[] b, boolean bInPlace, float[] bp, float[] c, int k, int n,
      int i0, int i1, int j0, int j1, float[] ap, float[] tile, int[] bases) {
    if (k == 0) {
      for (int i = i0; i < i1; i++) java.util.Arrays.fill(c, i * n + j0, i * n + j1, 0f);
      return;
    }
    int kcStep = blockDepth(k);
    int stride = panels(n) * NR;
    for (int jc = j0; jc < j1; jc += NC) {
      int jEnd = Math.min(jc + NC, j1);
      for (int pc = 0; pc < k; pc += kcStep) {
        int kc = Math.min(kcStep, k - pc);
        boolean accumulate = pc > 0;
        for (int ir = i0; ir < i1; ir += MR) {
          int rows = Math.min(MR, i1 - ir);
          float[] panel = ap;
          int aOff = 0;
          boolean direct = false;
          if (packedA != null) {
            panel = packedA;
            aOff = pc * paddedRows(m) + ir * kc;
          } else if (jEnd - jc <= NR && rows == MR && a.direct(ir, rows, bases)) {
            // Read in place (a convolution's interior), when the micro-panel would serve a single
            // register tile: packing it would cost as much as using it. With several column panels
            // the packed copy is reused and its bounds-check-free reads win (measured on conv 5x5x32x64).
            direct = true;
          } else {
            a.pack(ap, 0, MR, ir, rows, pc, kc);
          }
          for (int jr = jc; jr < jEnd; jr += NR) {
            int cols = Math.min(NR, jEnd - jr);
            // A whole stored panel is read in place, rows n apart: packing it would cost a read and a write of
            // B per product for the same sequential reads.
            boolean stored = bInPlace && jr + NR <= n;
            float[] bSource = stored ? b : bp;
            int bOff = stored ? pc * n + jr : pc * stride + (jr / NR) * kc * NR;
            int ldb = stored ? n : NR;
            if (direct) {
              if (cols == NR) {
                directKernel(kc, a.source(), bases, a.columnOffsets(), pc, bSource, bOff, ldb, c, ir * n + jr, n, accumulate);
              } else {
                directKernel(kc, a.source(), bases, a.columnOffsets(), pc, bSource, bOff, ldb, tile, 0, NR, false);
                addTile(tile, c, ir, jr, n, MR, cols, accumulate);
              }
            } else if (rows == MR && cols == NR) {
              kernel(kc, panel, aOff, bSource, bOff, ldb, c, ir * n + jr, n, accumulate);
            } else {
              kernel(kc, panel, aOff, bSource, bOff, ldb, tile, 0, NR, false);
              for (int r = 0; r < rows; r++) {
                int dst = (ir + r) * n + jr;
                int src = r * NR;
                if (accumulate) {
                  for (int q = 0; q < cols; q++) c[dst + q] += tile[src + q];
                } else {
                  System.arraycopy(tile, src, c, dst, cols);
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * The micro-kernel: {@code C[0:MR, 0:NR] (+)= Ap · Bp} over {@code kc} steps, {@code Bp}'s rows {@code ldb}
   * apart ({@code NR} packed, {@code n} in place), {@code C} at {@code cOff} with row stride {@code ldc}; twelve
   * accumulators stay in registers for the whole loop.
   */
  private static void kernel(
      int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += ldb) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + VL);
      FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(SPECIES, ap[ai + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(SPECIES, ap[ai + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(SPECIES, ap[ai + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(SPECIES, ap[ai + 4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(SPECIES, ap[ai + 5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
    }
    store(c00, c01, c, cOff, accumulate);
    store(c10, c11, c, cOff + ldc, accumulate);
    store(c20, c21, c, cOff + 2 * ldc, accumulate);
    store(c30, c31, c, cOff + 3 * ldc, accumulate);
    store(c40, c41, c, cOff + 4 * ldc, accumulate);
    store(c50, c51, c, cOff + 5 * ldc, accumulate);
  }

  /** Adds (or copies) the valid {@code rows x cols} part of an edge tile into {@code C}. */
  private static void addTile(float[] tile, float[] c, int ir, int jr, int n, int rows, int cols, boolean accumulate) {
    for (int r = 0; r < rows; r++) {
      int dst = (ir + r) * n + jr;
      int src = r * NR;
      if (accumulate) {
        for (int q = 0; q < cols; q++) c[dst + q] += tile[src + q];
      } else {
        System.arraycopy(tile, src, c, dst, cols);
      }
    }
  }

  /**
   * The micro-kernel reading {@code A} in place: {@code A[r, p] = x[bases[r] + offsets[pc + p]]} (a
   * convolution's input under the im2col view), otherwise as {@link #kernel}.
   */
  private static void directKernel(
      int kc, float[] x, int[] bases, int[] offsets, int pc, float[] bp, int bOff, int ldb, float[] c, int cOff, int ldc,
      boolean accumulate) {
    int x0 = bases[0];
    int x1 = bases[1];
    int x2 = bases[2];
    int x3 = bases[3];
    int x4 = bases[4];
    int x5 = bases[5];
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    for (int p = 0, bi = bOff; p < kc; p++, bi += ldb) {
      int o = offsets[pc + p];
      FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + VL);
      FloatVector a0 = FloatVector.broadcast(SPECIES, x[x0 + o]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(SPECIES, x[x1 + o]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(SPECIES, x[x2 + o]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(SPECIES, x[x3 + o]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(SPECIES, x[x4 + o]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(SPECIES, x[x5 + o]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
    }
    store(c00, c01, c, cOff, accumulate);
    store(c10, c11, c, cOff + ldc, accumulate);
    store(c20, c21, c, cOff + 2 * ldc, accumulate);
    store(c30, c31, c, cOff + 3 * ldc, accumulate);
    store(c40, c41, c, cOff + 4 * ldc, accumulate);
    store(c50, c51, c, cOff + 5 * ldc, accumulate);
  }

  private static void store(FloatVector v0, FloatVector v1, float[] c, int off, boolean accumulate) {
    if (accumulate) {
      v0 = v0.add(FloatVector.fromArray(SPECIES, c, off));
      v1 = v1.add(FloatVector.fromArray(SPECIES, c, off + VL));
    }
    v0.intoArray(c, off);
    v1.intoArray(c, off + VL);
  }
}
