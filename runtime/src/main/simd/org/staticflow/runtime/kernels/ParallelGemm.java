package org.staticflow.runtime.kernels;

/**
 * Runs a {@link PackedGemm} product on the {@link WorkerPool}: first the packing of {@code B} (shared by
 * all threads; with few rows only its partial last panel, the rest read in place, see {@link
 * #readsBInPlace}), split by panels, then the product, split into rectangles of {@code C} (row chunks of whole
 * {@code MR}-row micro-panels times column blocks of whole {@code NR}-column panels), so no two threads
 * ever write the same element of {@code C} and each output's sum runs in one fixed order whatever the
 * thread count: results do not depend on scheduling.
 *
 * <p>With few rows and a stored {@code A}, {@code A} is packed whole in the first phase too, and
 * {@code C} is split by columns only (see {@link #multiply}).
 *
 * <p>One instance per calling thread (see {@link #forThread()}): it is the pool task and owns the packed
 * operands, grown on demand and then reused, so after warm-up a product allocates nothing.
 */
final class ParallelGemm implements WorkerPool.Task {
  /** Below this many flops ({@code 2mkn}) a product runs on the calling thread: hand-off would dominate. */
  static final long PARALLEL_FLOPS = 1L << 21;

  private static final ThreadLocal<ParallelGemm> CALLS = ThreadLocal.withInitial(ParallelGemm::new);
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Per-thread micro-panel of {@code A}, edge tile, and row bases of in-place reads. */
  private static final class Scratch {
    final float[] ap = new float[PackedGemm.MR * PackedGemm.KC];
    final float[] tile = new float[PackedGemm.MR * PackedGemm.NR];
    final int[] bases = new int[PackedGemm.MR];
  }

  final MatrixOperand matrix = new MatrixOperand();
  final PatchOperand patches = new PatchOperand();
  final TransposedPatchOperand transposedPatches = new TransposedPatchOperand();
  private final WorkerPool pool = WorkerPool.shared();
  /** Largest {@code A}, in floats, packed whole and shared (32 MiB). */
  static final int PREPACK_LIMIT = 1 << 23;

  private float[] bp = new float[0];
  private float[] packedA = new float[0];
  private float[] transposed = new float[0];

  // The call in progress.
  private boolean packing;
  private LeftOperand a;
  private float[] b;
  private boolean transposeB;
  /** Whether whole panels of {@code B} are read where they are stored (see {@link PackedGemm#compute}). */
  private boolean bInPlace;
  private int firstPackedPanel;
  private float[] c;
  private int m;
  private int k;
  private int n;
  private int panelsPerChunk;
  private int bChunks;
  private int aPanelsPerChunk;
  private boolean prepackedA;
  private int rowHeight;
  private int colWidth;
  private int colChunks;

  /** The calling thread's instance. */
  static ParallelGemm forThread() {
    return CALLS.get();
  }

  /**
   * {@code c[m,n] = op(a)[m,k] · op(b)[k,n]} for stored matrices. When the result is narrow (fewer
   * columns than a register tile is wide, e.g. a 10-class output layer) most of each tile would be
   * padding, so the product is computed the other way round, {@code c^T = op(b)^T · op(a)^T}, into a
   * scratch buffer, and transposed into {@code c} (cheap: {@code m*n} moves against {@code 2mkn} flops).
   */
  void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean transposeA, boolean transposeB) {
    if (tileUse(n, m) > 1.5 * tileUse(m, n)) {
      if (transposed.length < m * n) {
        transposed = new float[m * n];
      }
      float[] t = transposed;
      // op(b)^T[n,k] is b read the other way round; op(a)^T[k,m] likewise.
      multiply(matrix.set(b, n, k, !transposeB), n, k, a, !transposeA, t, m);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) c[i * n + j] = t[j * m + i];
      }
      return;
    }
    multiply(matrix.set(a, m, k, transposeA), m, k, b, transposeB, c, n);
  }

  /** Fraction of the register tiles' lanes that hold real outputs for an {@code m x n} result. */
  private static double tileUse(int m, int n) {
    int tilesM = (m + PackedGemm.MR - 1) / PackedGemm.MR;
    int tilesN = (n + PackedGemm.NR - 1) / PackedGemm.NR;
    return tilesM == 0 || tilesN == 0 ? 1 : (double) m * n / ((double) tilesM * PackedGemm.MR * tilesN * PackedGemm.NR);
  }

  /**
   * {@code c[m,n] = A[m,k] · B[k,n]}, {@code B} stored {@code [k,n]} or, when {@code transposeB},
   * {@code [n,k]}.
   */
  void multiply(LeftOperand a, int m, int k, float[] b, boolean transposeB, float[] c, int n) {
    if (m == 0 || n == 0) {
      return;
    }
    int needed = PackedGemm.packedLength(k, n);
    if (bp.length < needed) {
      bp = new float[needed];
    }
    this.a = a;
    this.b = b;
    this.transposeB = transposeB;
    this.c = c;
    this.m = m;
    this.k = k;
    this.n = n;
    boolean parallel = 2L * m * k * n >= PARALLEL_FLOPS && pool.parallelism() > 1;
    int target = parallel ? 4 * pool.parallelism() : 1;
    try {
      int panels = PackedGemm.panels(n);
      int rowPanels = (m + PackedGemm.MR - 1) / PackedGemm.MR;
      // Few rows (a batch of 100 against a wide layer): split C by columns, so that each thread's slice
      // of packed B stays in its L2 across all rows; then A, which every slice needs whole, is packed
      // once, shared, instead of once per slice. Many rows: split by rows, each chunk packing its own.
      prepackedA = parallel && a == matrix && rowPanels < 4 * target
          && (long) PackedGemm.packedALength(m, k) <= PREPACK_LIMIT;
      if (prepackedA && packedA.length < PackedGemm.packedALength(m, k)) {
        packedA = new float[PackedGemm.packedALength(m, k)];
      }
      bInPlace = readsBInPlace(m, n, transposeB);
      firstPackedPanel = PackedGemm.firstPackedPanel(bInPlace, n);
      int packedPanels = panels - firstPackedPanel;
      int packChunks = parallel && (long) k * packedPanels * PackedGemm.NR >= (1 << 16)
          ? Math.min(packedPanels, 2 * pool.parallelism()) : 1;
      panelsPerChunk = Math.max(1, (packedPanels + packChunks - 1) / packChunks);
      bChunks = (packedPanels + panelsPerChunk - 1) / panelsPerChunk;
      int aChunks = prepackedA ? Math.min(rowPanels, 2 * pool.parallelism()) : 0;
      aPanelsPerChunk = aChunks == 0 ? 0 : (rowPanels + aChunks - 1) / aChunks;
      aChunks = aChunks == 0 ? 0 : (rowPanels + aPanelsPerChunk - 1) / aPanelsPerChunk;
      packing = true;
      pool.invoke(this, bChunks + aChunks);

      if (prepackedA) {
        int cols = Math.min(panels, target);
        colWidth = PackedGemm.NR * ((panels + cols - 1) / cols);
        rowHeight = PackedGemm.paddedRows(m);
      } else {
        int rowChunks = Math.min(rowPanels, target);
        int colBlocks = (n + PackedGemm.NC - 1) / PackedGemm.NC;
        int wantCols = Math.max(colBlocks, Math.min(panels, (target + rowChunks - 1) / rowChunks));
        colWidth = PackedGemm.NR * ((panels + wantCols - 1) / wantCols);
        rowHeight = PackedGemm.MR * ((rowPanels + rowChunks - 1) / rowChunks);
      }
      colChunks = (n + colWidth - 1) / colWidth;
      int rowCount = (m + rowHeight - 1) / rowHeight;
      packing = false;
      pool.invoke(this, rowCount * colChunks);
    } finally {
      // Keep no reference to the caller's arrays between calls.
      this.a = null;
      this.b = null;
      this.c = null;
      matrix.clear();
      patches.clear();
      transposedPatches.clear();
    }
  }

  /** Most rows of a product that reads {@code B} in place (see {@link #readsBInPlace}). */
  static final int IN_PLACE_ROWS = 128;

  /**
   * Whether the product reads {@code B}'s whole panels where they are stored instead of packing them: when few
   * rows use each element of {@code B}, packing (a read and a write of all of {@code B} per product) costs more
   * than the packed copy's sequential reads save; when many rows do, packing wins. Measured on two cores, in
   * place against packed: [100x784]x[784x500] 10% faster, 50 rows 28% faster, [100x1024]x[1024x784] 3% faster;
   * [784x100]^Tx[100x500] 3% slower. Only for rows that spread over the L1's sets (see {@link
   * #spreadsOverCacheSets}): [100x3136]x[3136x1024] in place, its rows 4 KiB apart, was 19% slower.
   */
  static boolean readsBInPlace(int m, int n, boolean transposeB) {
    return !transposeB && m <= IN_PLACE_ROWS && spreadsOverCacheSets(n);
  }

  /**
   * Whether rows {@code n} floats apart fall into many different L1 sets (64-byte lines, a 4 KiB set period):
   * a stride that is not whole lines drifts across the sets, and a stride of whole lines does when it shares at
   * most a factor 2 with the 64 lines of the period; otherwise a panel's rows map onto a few sets and evict
   * each other.
   */
  static boolean spreadsOverCacheSets(int n) {
    int lineFloats = 16;
    return n % lineFloats != 0 || Integer.numberOfTrailingZeros(n / lineFloats) <= 1;
  }

  @Override
  public void run(int chunk) {
    if (packing) {
      if (chunk < bChunks) {
        int panel0 = firstPackedPanel + chunk * panelsPerChunk;
        int panel1 = Math.min(panel0 + panelsPerChunk, PackedGemm.panels(n));
        PackedGemm.packB(b, transposeB, k, n, panel0, panel1, bp);
      } else {
        int panel0 = (chunk - bChunks) * aPanelsPerChunk;
        int panel1 = Math.min(panel0 + aPanelsPerChunk, (m + PackedGemm.MR - 1) / PackedGemm.MR);
        PackedGemm.packA(a, m, k, panel0, panel1, packedA);
      }
      return;
    }
    int i0 = (chunk / colChunks) * rowHeight;
    int j0 = (chunk % colChunks) * colWidth;
    Scratch s = SCRATCH.get();
    PackedGemm.compute(a, prepackedA ? packedA : null, m, b, bInPlace, bp, c, k, n, i0, Math.min(i0 + rowHeight, m), j0,
        Math.min(j0 + colWidth, n), s.ap, s.tile, s.bases);
  }
}
