package io.github.relu4j;

/**
 * One thread's doubles for PReLU's slope gradient, kept with the thread (a {@link ThreadLocal})
 * and grown to the largest need seen, so that a thread's calls after its first allocate nothing:
 * eight vector lanes that a block kernel spills its accumulators to (so that no vector crosses a
 * call, which would box it), the sums a piece of work folds, and the group sums a parallel call
 * collects from its pieces.
 */
final class ChannelScratch {
    private static final ThreadLocal<ChannelScratch> SCRATCH = ThreadLocal.withInitial(ChannelScratch::new);

    /** A block kernel's accumulators and its last chunk's lanes: 8 + 8. */
    final double[] lanes = new double[16];
    private double[] piece = new double[0];
    private double[] call = new double[0];

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

    /** At least {@code n} doubles for a parallel call's group sums; contents unspecified. */
    double[] call(int n) {
        if (call.length < n) {
            call = new double[Math.max(n, 2 * call.length)];
        }
        return call;
    }
}
