package io.github.relu4j;

import java.util.ArrayList;
import java.util.List;

/**
 * PReLU's contract computed from its text, independently of the library's code: forward and
 * input gradient element by element through {@link Oracle}'s Leaky ReLU rules (from the bits,
 * with the channel's slope as alpha), and the slope gradient by gathering each channel's
 * elements, cutting them into the contract's blocks and adding each block's terms as the
 * contract orders them.
 *
 * <p>Tensors are bits ({@code long[]}, one element each), slopes doubles holding the format's
 * values. Shapes as {@link Prelu}: {@code n} groups; channels-first a group is {@code C} runs of
 * {@code S}; channels-last one row of {@code C}.
 */
final class PreluOracle {
    private PreluOracle() {}

    /** The channel of element {@code i}. */
    static int channel(boolean last, int channels, int spatial, long i) {
        return (int) (last ? i % channels : i / spatial % channels);
    }

    static long[] forward(Element e, boolean last, int channels, int spatial, long[] x, double[] w) {
        long[] y = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Oracle.forward(Op.LEAKY_RELU, e, x[i], w[channel(last, channels, spatial, i)], 0);
        }
        return y;
    }

    static long[] inputGradient(Element e, boolean last, int channels, int spatial, long[] x, long[] dy, double[] w) {
        long[] dx = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            dx[i] = Oracle.backward(Op.LEAKY_RELU, e, x[i], dy[i], w[channel(last, channels, spatial, i)], 0);
        }
        return dx;
    }

    /**
     * The slope gradient as the contract defines it: per channel, its elements in tensor order
     * are cut into blocks (one channel: one run of everything; channels-first runs of
     * {@code S >= 4096}: pieces of 4096 of each run; shorter runs: as many runs as fit in 4096
     * once each is padded to a multiple of 32; channels-last: {@code max(1, 4096 / C)} rows per block, one element per row); each
     * run of a block is padded with +0.0 terms to a multiple of 32 and adds into eight
     * accumulators (channels-last rows: one accumulator, added row by row); the block sums are
     * added from +0.0 in groups of 64 blocks channels-last, {@code max(1, 64 / C)} channels-first,
     * the group sums from +0.0 in order, and the total rounded once.
     */
    static double[] slopeGradient(Element e, boolean last, int channels, int spatial, long[] x, long[] dy) {
        int n = x.length;
        double[] dw = new double[channels];
        boolean rows = last && channels > 1;
        int group = rows ? 64 : Math.max(1, 64 / channels);
        for (int c = 0; c < channels; c++) {
            List<Double> blocks = new ArrayList<>();
            if (rows) {
                int rowsPerBlock = Math.max(1, 4096 / channels);
                int count = n / channels;
                for (int first = 0; first < count; first += rowsPerBlock) {
                    double block = 0;
                    for (int r = first; r < Math.min(count, first + rowsPerBlock); r++) {
                        block += term(e, x[r * channels + c], dy[r * channels + c]);
                    }
                    blocks.add(block);
                }
            } else {
                long run = channels == 1 ? n : spatial;
                long runs = channels == 1 ? 1 : n / ((long) channels * spatial);
                if (run >= 4096) {
                    for (long r = 0; r < runs; r++) {
                        long start = (r * channels + c) * run;
                        for (long piece = 0; piece < run; piece += 4096) {
                            blocks.add(block(e, x, dy, new long[] {start + piece}, (int) Math.min(4096, run - piece)));
                        }
                    }
                } else if (run > 0) {
                    long perBlock = Math.max(1, 4096 / ((run + 31) / 32 * 32));
                    for (long r = 0; r < runs; r += perBlock) {
                        int count = (int) Math.min(perBlock, runs - r);
                        long[] starts = new long[count];
                        for (int k = 0; k < count; k++) {
                            starts[k] = ((r + k) * channels + c) * run;
                        }
                        blocks.add(block(e, x, dy, starts, (int) run));
                    }
                }
            }
            double total = 0;
            for (int first = 0; first < blocks.size(); first += group) {
                double sum = 0;
                for (int b = first; b < Math.min(blocks.size(), first + group); b++) {
                    sum += blocks.get(b);
                }
                total += sum;
            }
            dw[c] = round(e, total);
        }
        return dw;
    }

    /** One block: runs of {@code length} at {@code starts}, eight accumulators over chunks of 32, then the tree. */
    private static double block(Element e, long[] x, long[] dy, long[] starts, int length) {
        double[] acc = new double[8];
        for (long start : starts) {
            int padded = (length + 31) / 32 * 32;
            double[] t = new double[padded];
            for (int s = 0; s < length; s++) {
                t[s] = term(e, x[(int) (start + s)], dy[(int) (start + s)]);
            }
            for (int chunk = 0; chunk < padded; chunk += 32) {
                for (int l = 0; l < 8; l++) {
                    acc[l] += (t[chunk + l] + t[chunk + l + 8]) + (t[chunk + l + 16] + t[chunk + l + 24]);
                }
            }
        }
        return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    }

    /** {@code x > 0 ? +0.0 : x * dy}: for floats the exact product in double, for doubles the rounded one. */
    static double term(Element e, long xBits, long dyBits) {
        double x = value(e, xBits);
        double dy = value(e, dyBits);
        return x > 0 ? 0d : x * dy;
    }

    static double value(Element e, long bits) {
        return e == Element.FLOAT ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    private static double round(Element e, double total) {
        return e == Element.FLOAT ? (float) total : total;
    }
}
