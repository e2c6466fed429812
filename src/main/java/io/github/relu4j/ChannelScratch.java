package io.github.relu4j;

/**
 * One thread's doubles for PReLU's slope gradient, kept with the thread (a {@link ThreadLocal})
 * and grown to the largest need seen, so that a thread's calls after its first allocate nothing:
 * eight vector lanes that a block kernel spills its accumulators to (so that no vector crosses a
 * call, which would box it), the sums a piece of work folds, the group sums a parallel call
 * collects from its pieces, and the buffers a 16-bit piece is staged and widened in
 * ({@link VectorHalfChannels}).
 */
final class ChannelScratch {
    private static final ThreadLocal<ChannelScratch> SCRATCH = ThreadLocal.withInitial(ChannelScratch::new);

    /** A block kernel's accumulators and its last chunk's lanes: 8 + 8. */
    final double[] lanes = new double[16];
    private double[] piece = new double[0];
    private double[] call = new double[0];
    private short[] shorts = new short[0];
    private float[] floats = new float[0];
    private double[] columns = new double[0];

    private ChannelScratch() {}

    static ChannelScratch get() {
        return SCRATCH.get();
    }

    /** At least {@code n} doubles for one piece of work on this thread; contents unspecified. */
    double[] piece(int n) {
        if (piece.length < n) {
            piece = new double[Math.max(n, 2 * piece.length)];
        }
        return piece;
    }

    /** At least {@code n} shorts for a 16-bit piece of work's encodings; contents unspecified. */
    short[] shorts(int n) {
        if (shorts.length < n) {
            shorts = new short[Math.max(n, 2 * shorts.length)];
        }
        return shorts;
    }

    /** At least {@code n} floats for a 16-bit piece of work widened; contents unspecified. */
    float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[Math.max(n, 2 * floats.length)];
        }
        return floats;
    }

    /** At least {@code n} doubles for a 16-bit block's column sums, padding columns included; contents unspecified. */
    double[] columns(int n) {
        if (columns.length < n) {
            columns = new double[Math.max(n, 2 * columns.length)];
        }
        return columns;
    }

    /** At least {@code n} doubles for a parallel call's group sums; contents unspecified. */
    double[] call(int n) {
        if (call.length < n) {
            call = new double[Math.max(n, 2 * call.length)];
        }
        return call;
    }
}
