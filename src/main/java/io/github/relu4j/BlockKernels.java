package io.github.relu4j;

/**
 * The block kernels of the fused forms ({@link FusedDriver}): what a forward pass adds beside its
 * activation (a bias, the mask bits, the positive counts) and what a backward pass from a mask
 * needs first (the mask turned back into inputs the backward kernel decides alike). They work
 * on arrays of the format ({@code float[]}, {@code double[]}, {@code short[]} encodings), on at
 * most {@link FusedDriver#BLOCK} elements that one block of the driver keeps in L1; the
 * elementwise {@link Loops} do the activation itself.
 */
interface BlockKernels {

    /**
     * One block (or piece of a block) of the fused forward: {@code y = act(x + bias)} over
     * {@code n} elements, where the bias is {@code bias[biasOff + i]} ({@code biasKind} 1),
     * {@code runBias} (2) or none (0); with {@code words}, the gate's bits of the sums (bit
     * {@code i} for element {@code i}, the rest of those words 0); with {@code counts},
     * {@code counts[countsOff + i] += 1} where the sum is above 0. Returns, with
     * {@code positives}, how many sums are above 0 (else 0, or that count). {@code y} may be
     * {@code x} at the same offset. This default composes the other block kernels and the
     * loops' activation, a pass each over the block (in L1).
     */
    default int fused(Loops loops, Op op, Format f, Object x, int xOff, Object y, int yOff, int n, double p, double q,
                      Object bias, int biasOff, double runBias, int biasKind, long[] words, int[] counts, int countsOff,
                      boolean positives) {
        Object src = x;
        int at = xOff;
        if (biasKind != 0) {
            if (biasKind == 1) {
                addRow(f, x, xOff, y, yOff, n, bias, biasOff);
            } else {
                addRun(f, x, xOff, y, yOff, n, runBias);
            }
            src = y;
            at = yOff;
        }
        // Out of place, the activation first: its loop streams x in and y out as the plain
        // kernel's does, and the passes after it read x from L1. In place, after them.
        boolean inPlace = src == y && at == yOff;
        if (!inPlace) {
            loops.map1(op, f, src, at, y, yOff, n, p, q);
        }
        if (words != null) {
            gate(op, f, src, at, n, p, q, words);
        }
        if (counts != null) {
            countRow(f, src, at, n, counts, countsOff);
        }
        int above = positives ? countRun(f, src, at, n) : 0;
        if (inPlace) {
            loops.map1(op, f, src, at, y, yOff, n, p, q);
        }
        return above;
    }

    /**
     * The gate of {@code op} ({@link Op#gateLow}, {@link Op#gateHigh}) for {@code x[off, off + n)}:
     * bit {@code i} of {@code words} (bit {@code i % 64} of word {@code i / 64}) is set where
     * the backward kernel passes dy; the bits above {@code n} in the last word are 0.
     */
    void gate(Op op, Format f, Object x, int off, int n, double p, double q, long[] words);

    /**
     * The backward pass from a mask: {@code dx[dxOff + i]} is the backward of
     * {@link Op#gateGradient()} (ReLU's, or Leaky ReLU's with {@code alpha}) at {@code x = +1}
     * where bit {@code i} of {@code words} is set and {@code x = -1} where it is not, so its bits
     * are those of the op's own lane function on such an input. {@code inputs}: a block of the
     * format for an implementation that stages those inputs.
     */
    void gradient(Op op, Format f, long[] words, Object dy, int dyOff, Object dx, int dxOff, int n, double alpha,
                  Object inputs);

    /**
     * {@code inputs[i] = +1} where bit {@code i} of {@code words} is set, else {@code -1}, for
     * {@code i < n}, in the format: inputs that the channel kernels decide as the mask's
     * forward input was decided (PReLU channels-last, whose slopes change along a row).
     */
    void inputs(Format f, long[] words, int n, Object inputs);

    /**
     * {@code y[yOff + i] = x[xOff + i] + bias[biasOff + i]}: the sum in the format's compute type
     * (float for the 16-bit formats), rounded to the format; {@code bias} is an array of the
     * parameters' format ({@link ChannelDriver#slopes(Format)}).
     */
    void addRow(Format f, Object x, int xOff, Object y, int yOff, int n, Object bias, int biasOff);

    /** {@code y[yOff + i] = x[xOff + i] + bias}, as {@link #addRow}, one bias for all. */
    void addRun(Format f, Object x, int xOff, Object y, int yOff, int n, double bias);

    /** {@code counts[countsOff + i] += 1} where {@code x[off + i] > 0} (not NaN, not -0). */
    void countRow(Format f, Object x, int off, int n, int[] counts, int countsOff);

    /** How many of {@code x[off, off + n)} are above 0. */
    int countRun(Format f, Object x, int off, int n);
}
