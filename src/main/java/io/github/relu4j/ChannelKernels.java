package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * PReLU's kernels that the elementwise {@link Loops} cannot express: slopes that change along a
 * row (channels-last), and the slope gradient, a sum. {@link ChannelDriver} cuts a call into
 * these pieces, checked beforehand; slopes always come in arrays ({@code double[]} for
 * {@link Format#F64}, {@code float[]} for every other format, the 16-bit ones included), tensors
 * in arrays or native segments. Offsets and counts are in elements.
 *
 * <p>The order of every sum is fixed here, for every implementation, so that the slope gradient
 * has the same bits on every vector width and thread count ({@code package-info.java} states it):
 * the terms {@code t = x > 0 ? 0 : x * dy} (a float product is exact in double; a 16-bit
 * element is its float, widened exactly, so its terms are those of the widened tensor) of a <em>run</em>
 * go to eight accumulators, started at +0.0, by the run's chunks of 32 elements (the last one
 * padded with +0.0): accumulator {@code l} adds {@code ((t[l] + t[l+8]) + (t[l+16] + t[l+24]))}
 * of each chunk in turn; the accumulators of all runs of a block carry on from run to run, and a
 * block's sum is {@code ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))}.
 */
interface ChannelKernels {

    /**
     * Channels-last forward ({@code dy == null}: {@code out = x > 0 ? x : w[c] * x}) or input
     * gradient ({@code out = x > 0 ? dy : w[c] * dy}) over {@code rows} rows of
     * {@code channels} elements; {@code c} is the column.
     */
    void rows(Format f, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset, int rows,
              int channels, Object w, int wOffset);

    /** {@link #rows(Format, Object, int, Object, int, Object, int, int, int, Object, int)} on native segments. */
    void rows(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out,
              long outOffset, long rows, int channels, Object w, int wOffset);

    /**
     * Channels-first forward ({@code dy == null}) or input gradient over {@code runs} consecutive
     * runs of {@code length} elements, from the offsets: run {@code r} has the slope of channel
     * {@code (firstChannel + r) % channels}, {@code w[wOffset + that]}.
     */
    void planes(Format f, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset, int runs,
                int length, int firstChannel, int channels, Object w, int wOffset);

    /** {@link #planes(Format, Object, int, Object, int, Object, int, int, int, int, int, Object, int)} on native segments. */
    void planes(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out,
                long outOffset, long runs, long length, int firstChannel, int channels, Object w, int wOffset);

    /**
     * The sum of one block of a channels-first channel: {@code runs} runs of {@code length}
     * elements, the first at the offsets, each {@code stride} after the last; with
     * {@code dx != null}, also the input gradient {@code dx = x > 0 ? dy : slope * dy} of those
     * elements ({@code slope} is a float for every format but {@link Format#F64}). {@code lanes}: 16 doubles of
     * scratch, {@link ChannelScratch#lanes}.
     */
    double runs(Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset, int runs,
                int stride, int length, double slope, double[] lanes);

    /** {@link #runs(Format, Object, int, Object, int, Object, int, int, int, int, double, double[])} on native segments. */
    double runs(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                long dxOffset, int runs, long stride, int length, double slope, double[] lanes);

    /**
     * The sums of one block of channels-last rows: {@code sums[sumsOffset + c]} becomes the sum
     * of column {@code c}'s terms over the {@code rows} rows, added one by one in row order from
     * +0.0 (one accumulator per column, so a column's sum does not depend on how many columns a
     * vector holds); with {@code dx != null}, also the input gradient of those rows.
     */
    void rowSums(Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset, int rows,
                 int channels, Object w, int wOffset, double[] sums, int sumsOffset);

    /** {@link #rowSums(Format, Object, int, Object, int, Object, int, int, int, Object, int, double[], int)} on native segments. */
    void rowSums(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                 long dxOffset, int rows, int channels, Object w, int wOffset, double[] sums, int sumsOffset);
}
