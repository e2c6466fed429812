package io.github.relu4j;

/**
 * One thread's buffers for {@link FusedDriver}, kept with the thread and allocated once per
 * format, so that a thread's calls after its first allocate nothing: the call's arguments, a
 * block's mask words, the block staged from a segment, the inputs a mask stands for, a piece's
 * counts.
 */
final class FusedScratch {
    private static final ThreadLocal<FusedScratch> SCRATCH = ThreadLocal.withInitial(FusedScratch::new);

    /** The call this thread is making ({@link FusedDriver}). */
    final FusedDriver.Call call = new FusedDriver.Call();
    /** One block's mask bits, and a piece's. */
    final long[] words = new long[FusedDriver.BLOCK / Long.SIZE];
    final long[] pieceWords = new long[FusedDriver.BLOCK / Long.SIZE];
    private final Object[] staged = new Object[Format.values().length];
    private final Object[] inputs = new Object[Format.values().length];
    private int[] counts = new int[0];
    private final Object[] biasTiles = new Object[Format.values().length];

    private FusedScratch() {}

    static FusedScratch get() {
        return SCRATCH.get();
    }

    /** A block of {@code f} for elements staged from a segment. */
    Object staged(Format f) {
        Object a = staged[f.ordinal()];
        return a != null ? a : (staged[f.ordinal()] = f.newArray(FusedDriver.BLOCK));
    }

    /** A block of {@code f} for the inputs a mask stands for ({@link BlockKernels#gradient}). */
    Object inputs(Format f) {
        Object a = inputs[f.ordinal()];
        return a != null ? a : (inputs[f.ordinal()] = f.newArray(FusedDriver.BLOCK));
    }

    /** At least {@code n} counts, the first {@code n} zeroed. */
    int[] counts(int n) {
        if (counts.length < n) {
            counts = new int[Math.max(n, 2 * counts.length)];
        }
        java.util.Arrays.fill(counts, 0, n, 0);
        return counts;
    }

    /** An array of {@code f} (the bias's format) of at least {@code n} elements; contents unspecified. */
    Object biasTile(Format f, int n) {
        Object tile = biasTiles[f.ordinal()];
        if (tile == null || f.length(tile) < n) {
            tile = biasTiles[f.ordinal()] = f.newArray(Math.max(n, tile == null ? 0 : 2 * f.length(tile)));
        }
        return tile;
    }
}
