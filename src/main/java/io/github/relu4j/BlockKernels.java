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
