package io.github.relu4j;

/**
 * One thread's doubles for PReLU's slope gradient on one thread: the running sum of every channel
 * and one block's column sums (channels-last). Kept with the thread (a {@link ThreadLocal}) and
 * grown to the largest channel count seen, so calls after a thread's first allocate nothing.
 */
final class ChannelScratch {
    private static final ThreadLocal<ChannelScratch> SCRATCH = ThreadLocal.withInitial(ChannelScratch::new);

    private double[] doubles = new double[0];

    private ChannelScratch() {}

    /** At least {@code n} doubles, of which nothing is promised. */
    static double[] doubles(int n) {
        ChannelScratch s = SCRATCH.get();
        if (s.doubles.length < n) {
            s.doubles = new double[Math.max(n, 2 * s.doubles.length)];
        }
        return s.doubles;
    }
}
