package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link ChannelKernels} on whole vectors, bit for bit the reference's ({@link ScalarChannels}).
 *
 * <p>Channels-last rows take a vector of slopes per vector of a row. The sums keep the
 * reference's order whatever the vector width: with {@code W} double lanes ({@code W} = 2, 4 or
 * 8), {@code U = 8 / W} vectors hold the eight accumulators, and a chunk of 32 terms is the four
 * vectors {@code q, q + U, q + 2U, q + 3U} of {@code W} terms for accumulator vector {@code q},
 * added as the reference adds them. When {@code U > 1} the block is read once per accumulator
 * vector (each pass reads and writes only its own elements, so in-place stays exact); on the
 * 512-bit machines of {@code results/} {@code U} is 1. Float terms are products of floats widened to
 * double: exact, so the sums see the same terms as the reference. Channels-last sums give each
 * column one lane, added row after row, which no vector width changes. The 16-bit formats'
 * kernels are {@link VectorHalfChannels}'.
 */
final class VectorChannels implements ChannelKernels {
    static final VectorChannels INSTANCE = new VectorChannels();

    /** Full-width vectors for the elementwise rows. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DF = DoubleVector.SPECIES_PREFERRED;
    /** The sums' double lanes: the preferred width, but at most 8 lanes (512 bits). */
    private static final VectorSpecies<Double> D = DF.length() <= 8 ? DF : DoubleVector.SPECIES_512;
    /** Floats with as many lanes as {@link #D}: loaded, then widened to doubles. */
    private static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(32 * D.length()));
    private static final int W = D.length();
    private static final int U = 8 / W;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorChannels() {}

    /** Lanes {@code 0 .. W} of {@code v} added as a balanced tree, lane pairs first. */
    private static double laneTree(double[] v) {
        return switch (W) {
            case 2 -> v[0] + v[1];
            case 4 -> (v[0] + v[1]) + (v[2] + v[3]);
            default -> ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
        };
    }

    @Override
    public void rows(Format f, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset, int rows,
                     int channels, Object w, int wOffset) {
        switch (f) {
            case F32 -> rowsF32((float[]) x, xOffset, (float[]) dy, dyOffset, (float[]) out, outOffset, rows, channels, (float[]) w, wOffset);
            case F64 -> rowsF64((double[]) x, xOffset, (double[]) dy, dyOffset, (double[]) out, outOffset, rows, channels, (double[]) w, wOffset);
            case BF16, F16 -> VectorHalfChannels.rows(f, x, xOffset, dy, dyOffset, out, outOffset, rows, channels, (float[]) w, wOffset);
        }
    }

    @Override
    public void rows(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out,
                     long outOffset, long rows, int channels, Object w, int wOffset) {
        switch (f) {
            case F32 -> rowsF32(x, xOffset, dy, dyOffset, out, outOffset, rows, channels, (float[]) w, wOffset);
            case F64 -> rowsF64(x, xOffset, dy, dyOffset, out, outOffset, rows, channels, (double[]) w, wOffset);
            case BF16, F16 -> VectorHalfChannels.rows(f, x, xOffset, dy, dyOffset, out, outOffset, rows, channels, (float[]) w, wOffset);
        }
    }

    @Override
    public void planes(Format f, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset, int runs,
                       int length, int firstChannel, int channels, Object w, int wOffset) {
        switch (f) {
            case F32 -> planesF32((float[]) x, xOffset, (float[]) dy, dyOffset, (float[]) out, outOffset, runs, length, firstChannel, channels, (float[]) w, wOffset);
            case F64 -> planesF64((double[]) x, xOffset, (double[]) dy, dyOffset, (double[]) out, outOffset, runs, length, firstChannel, channels, (double[]) w, wOffset);
            case BF16, F16 -> VectorHalfChannels.planes(f, x, xOffset, dy, dyOffset, out, outOffset, runs, length, firstChannel, channels, (float[]) w, wOffset);
        }
    }

    @Override
    public void planes(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out,
                       long outOffset, long runs, long length, int firstChannel, int channels, Object w, int wOffset) {
        switch (f) {
            case F32 -> planesF32(x, xOffset, dy, dyOffset, out, outOffset, runs, length, firstChannel, channels, (float[]) w, wOffset);
            case F64 -> planesF64(x, xOffset, dy, dyOffset, out, outOffset, runs, length, firstChannel, channels, (double[]) w, wOffset);
            case BF16, F16 -> VectorHalfChannels.planes(f, x, xOffset, dy, dyOffset, out, outOffset, runs, length, firstChannel, channels, (float[]) w, wOffset);
        }
    }

    @Override
    public double runs(Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset, int runs,
                       int stride, int length, double slope, double[] lanes) {
        return switch (f) {
            case F32 -> runsF32((float[]) x, xOffset, (float[]) dy, dyOffset, (float[]) dx, dxOffset, runs, stride, length, (float) slope, lanes);
            case F64 -> runsF64((double[]) x, xOffset, (double[]) dy, dyOffset, (double[]) dx, dxOffset, runs, stride, length, slope, lanes);
            case BF16, F16 -> VectorHalfChannels.runs(f, x, xOffset, dy, dyOffset, dx, dxOffset, runs, stride, length, (float) slope, lanes);
        };
    }

    @Override
    public double runs(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                       long dxOffset, int runs, long stride, int length, double slope, double[] lanes) {
        return switch (f) {
            case F32 -> runsF32(x, xOffset, dy, dyOffset, dx, dxOffset, runs, stride, length, (float) slope, lanes);
            case F64 -> runsF64(x, xOffset, dy, dyOffset, dx, dxOffset, runs, stride, length, slope, lanes);
            case BF16, F16 -> VectorHalfChannels.runs(f, x, xOffset, dy, dyOffset, dx, dxOffset, runs, stride, length, (float) slope, lanes);
        };
    }

    @Override
    public void rowSums(Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset, int rows,
                        int channels, Object w, int wOffset, double[] sums, int sumsOffset) {
        switch (f) {
            case F32 -> rowSumsF32((float[]) x, xOffset, (float[]) dy, dyOffset, (float[]) dx, dxOffset, rows, channels, (float[]) w, wOffset, sums, sumsOffset);
            case F64 -> rowSumsF64((double[]) x, xOffset, (double[]) dy, dyOffset, (double[]) dx, dxOffset, rows, channels, (double[]) w, wOffset, sums, sumsOffset);
            case BF16, F16 -> VectorHalfChannels.rowSums(f, x, xOffset, dy, dyOffset, dx, dxOffset, rows, channels, (float[]) w, wOffset, sums, sumsOffset);
        }
    }

    @Override
    public void rowSums(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                        long dxOffset, int rows, int channels, Object w, int wOffset, double[] sums, int sumsOffset) {
        switch (f) {
            case F32 -> rowSumsF32(x, xOffset, dy, dyOffset, dx, dxOffset, rows, channels, (float[]) w, wOffset, sums, sumsOffset);
            case F64 -> rowSumsF64(x, xOffset, dy, dyOffset, dx, dxOffset, rows, channels, (double[]) w, wOffset, sums, sumsOffset);
            case BF16, F16 -> VectorHalfChannels.rowSums(f, x, xOffset, dy, dyOffset, dx, dxOffset, rows, channels, (float[]) w, wOffset, sums, sumsOffset);
        }
    }

    /** Row by row; when a row is whole vectors, one loop over all of them, the slopes' index wrapping. */
    static void rowsF32(float[] x, int xOffset, float[] dy, int dyOffset, float[] out, int outOffset, int rows, int channels, float[] w,
                    int wOffset) {
        int lanes = F.length();
        if (channels % lanes == 0) {
            int end = rows * channels;
            int c = 0;
            if (dy == null) {
                for (int i = 0; i < end; i += lanes) {
                    FloatVector s = FloatVector.fromArray(F, w, wOffset + c);
                    FloatVector xv = FloatVector.fromArray(F, x, xOffset + i);
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + i);
                    c = c + lanes == channels ? 0 : c + lanes;
                }
            } else {
                for (int i = 0; i < end; i += lanes) {
                    FloatVector s = FloatVector.fromArray(F, w, wOffset + c);
                    FloatVector xv = FloatVector.fromArray(F, x, xOffset + i);
                    FloatVector g = FloatVector.fromArray(F, dy, dyOffset + i);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + i);
                    c = c + lanes == channels ? 0 : c + lanes;
                }
            }
            return;
        }
        int bound = F.loopBound(channels);
        VectorMask<Float> tail = F.indexInRange(bound, channels);
        for (int r = 0; r < rows; r++) {
            int row = r * channels;
            int c = 0;
            for (; c < bound; c += lanes) {
                FloatVector s = FloatVector.fromArray(F, w, wOffset + c);
                FloatVector xv = FloatVector.fromArray(F, x, xOffset + row + c);
                if (dy == null) {
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + row + c);
                } else {
                    FloatVector g = FloatVector.fromArray(F, dy, dyOffset + row + c);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + row + c);
                }
            }
            if (c < channels) {
                FloatVector s = FloatVector.fromArray(F, w, wOffset + c, tail);
                FloatVector xv = FloatVector.fromArray(F, x, xOffset + row + c, tail);
                if (dy == null) {
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + row + c, tail);
                } else {
                    FloatVector g = FloatVector.fromArray(F, dy, dyOffset + row + c, tail);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + row + c, tail);
                }
            }
        }
    }

    static void planesF32(float[] x, int xOffset, float[] dy, int dyOffset, float[] out, int outOffset, int runs, int length, int firstChannel,
                        int channels, float[] w, int wOffset) {
        int lanes = F.length();
        int c = firstChannel % channels;
        if (length % lanes == 0) { // whole vectors: one loop, the slope changing every run
            int end = runs * length;
            int next = length;
            float slope = w[wOffset + c];
            for (int i = 0; i < end; i += lanes) {
                if (i == next) {
                    c = c + 1 == channels ? 0 : c + 1;
                    slope = w[wOffset + c];
                    next += length;
                }
                FloatVector xv = FloatVector.fromArray(F, x, xOffset + i);
                if (dy == null) {
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + i);
                } else {
                    FloatVector g = FloatVector.fromArray(F, dy, dyOffset + i);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + i);
                }
            }
            return;
        }
        int bound = F.loopBound(length);
        VectorMask<Float> tail = F.indexInRange(bound, length);
        for (int r = 0; r < runs; r++) {
            float slope = w[wOffset + c];
            int at = r * length;
            int i = 0;
            if (dy == null) {
                for (; i < bound; i += F.length()) {
                    FloatVector xv = FloatVector.fromArray(F, x, xOffset + at + i);
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + at + i);
                }
                if (i < length) {
                    FloatVector xv = FloatVector.fromArray(F, x, xOffset + at + i, tail);
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + at + i, tail);
                }
            } else {
                for (; i < bound; i += F.length()) {
                    FloatVector xv = FloatVector.fromArray(F, x, xOffset + at + i);
                    FloatVector g = FloatVector.fromArray(F, dy, dyOffset + at + i);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + at + i);
                }
                if (i < length) {
                    FloatVector xv = FloatVector.fromArray(F, x, xOffset + at + i, tail);
                    FloatVector g = FloatVector.fromArray(F, dy, dyOffset + at + i, tail);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + at + i, tail);
                }
            }
            c = c + 1 == channels ? 0 : c + 1;
        }
    }

    /**
     * The block's accumulators are one vector per pass; they go to {@code lanes} at the end, and
     * a run's last, partial chunk is summed by {@link #tailF32} into {@code lanes[8 ..]}: no vector
     * crosses a call that C2 might not inline (it would be boxed).
     */
    static double runsF32(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int runs, int stride, int length,
                        float slope, double[] lanes) {
        double total = 0d;
        double left = 0d;
        double pair = 0d;
        int whole = length & -32;
        for (int q = 0; q < U; q++) {
            DoubleVector acc = DoubleVector.zero(D);
            for (int r = 0; r < runs; r++) {
                int at = r * stride + q * W;
                for (int i = 0; i < whole; i += 32) {
                    DoubleVector t0 = termF32(x, xOffset + at + i, dy, dyOffset + at + i, dx, dxOffset + at + i, slope);
                    DoubleVector t1 = termF32(x, xOffset + at + i + 8, dy, dyOffset + at + i + 8, dx, dxOffset + at + i + 8, slope);
                    DoubleVector t2 = termF32(x, xOffset + at + i + 16, dy, dyOffset + at + i + 16, dx, dxOffset + at + i + 16, slope);
                    DoubleVector t3 = termF32(x, xOffset + at + i + 24, dy, dyOffset + at + i + 24, dx, dxOffset + at + i + 24, slope);
                    acc = acc.add(t0.add(t1).add(t2.add(t3)));
                }
                if (whole < length) {
                    tailF32(x, xOffset + at + whole, dy, dyOffset + at + whole, dx, dxOffset + at + whole, q * W + whole,
                            length, slope, lanes);
                    acc = acc.add(DoubleVector.fromArray(D, lanes, 8));
                }
            }
            // Accumulator vector q holds lanes q*W .. q*W + W - 1 of eight: a subtree of the block's tree.
            acc.intoArray(lanes, 0);
            double s = laneTree(lanes);
            if (U == 1) {
                total = s;
            } else if (U == 2) {
                if (q == 0) {
                    left = s;
                } else {
                    total = left + s;
                }
            } else if ((q & 1) == 0) {
                pair = s;
            } else if (q == 1) {
                left = pair + s;
            } else {
                total = left + (pair + s);
            }
        }
        return total;
    }

    /**
     * A run's last chunk, from its element {@code first} (this pass's first lane in the chunk)
     * of {@code length}: the lanes past the end are +0.0 and not written. Its pass's share of
     * the chunk's tree goes to {@code lanes[8 .. 8 + W)}.
     */
    private static void tailF32(float[] x, int xi, float[] dy, int dyi, float[] dx, int dxi, int first, int length, float slope,
                              double[] lanes) {
        DoubleVector t0 = termF32(x, xi, dy, dyi, dx, dxi, slope, FH.indexInRange(first, length));
        DoubleVector t1 = termF32(x, xi + 8, dy, dyi + 8, dx, dxi + 8, slope, FH.indexInRange(first + 8, length));
        DoubleVector t2 = termF32(x, xi + 16, dy, dyi + 16, dx, dxi + 16, slope, FH.indexInRange(first + 16, length));
        DoubleVector t3 = termF32(x, xi + 24, dy, dyi + 24, dx, dxi + 24, slope, FH.indexInRange(first + 24, length));
        t0.add(t1).add(t2.add(t3)).intoArray(lanes, 8);
    }

    /**
     * Row by row, each column's running sum kept in {@code sums} (loaded, added to, stored): the
     * same additions in the same order as one accumulator per column, but the tensor is read
     * once, in order, however many columns a vector holds.
     */
    static void rowSumsF32(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int rows, int channels,
                         float[] w, int wOffset, double[] sums, int sumsOffset) {
        java.util.Arrays.fill(sums, sumsOffset, sumsOffset + channels, 0d);
        int bound = channels & -W;
        VectorMask<Float> m = FH.indexInRange(bound, channels);
        VectorMask<Double> md = D.indexInRange(bound, channels);
        for (int r = 0; r < rows; r++) {
            int row = r * channels;
            int c = 0;
            for (; c < bound; c += W) {
                FloatVector slopes = w == null ? FloatVector.zero(FH) : FloatVector.fromArray(FH, w, wOffset + c);
                int i = row + c;
                DoubleVector.fromArray(D, sums, sumsOffset + c)
                        .add(termF32(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slopes))
                        .intoArray(sums, sumsOffset + c);
            }
            if (c < channels) {
                FloatVector slopes = w == null ? FloatVector.zero(FH) : FloatVector.fromArray(FH, w, wOffset + c, m);
                int i = row + c;
                DoubleVector.fromArray(D, sums, sumsOffset + c, md)
                        .add(termF32(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slopes, m))
                        .intoArray(sums, sumsOffset + c, md);
            }
        }
    }

    /** The terms of {@code W} elements (and their input gradients, if {@code dx} is given). */
    private static DoubleVector termF32(float[] x, int xi, float[] dy, int dyi, float[] dx, int dxi, float slope) {
        FloatVector xv = FloatVector.fromArray(FH, x, xi);
        FloatVector g = FloatVector.fromArray(FH, dy, dyi);
        if (dx != null) {
            g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(dx, dxi);
        }
        DoubleVector xd = (DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector gd = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
        return xd.mul(gd).blend(0d, xd.compare(VectorOperators.GT, 0d)); // exact products
    }

    /** As above for the lanes of {@code m}; the others are +0.0 and nothing is written there. */
    private static DoubleVector termF32(float[] x, int xi, float[] dy, int dyi, float[] dx, int dxi, float slope, VectorMask<Float> m) {
        FloatVector xv = FloatVector.fromArray(FH, x, xi, m);
        FloatVector g = FloatVector.fromArray(FH, dy, dyi, m);
        if (dx != null) {
            g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(dx, dxi, m);
        }
        DoubleVector xd = (DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector gd = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
        return xd.mul(gd).blend(0d, xd.compare(VectorOperators.GT, 0d));
    }

    private static DoubleVector termF32(float[] x, int xi, float[] dy, int dyi, float[] dx, int dxi, FloatVector slopes) {
        FloatVector xv = FloatVector.fromArray(FH, x, xi);
        FloatVector g = FloatVector.fromArray(FH, dy, dyi);
        if (dx != null) {
            g.mul(slopes).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(dx, dxi);
        }
        DoubleVector xd = (DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector gd = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
        return xd.mul(gd).blend(0d, xd.compare(VectorOperators.GT, 0d));
    }

    private static DoubleVector termF32(float[] x, int xi, float[] dy, int dyi, float[] dx, int dxi, FloatVector slopes, VectorMask<Float> m) {
        FloatVector xv = FloatVector.fromArray(FH, x, xi, m);
        FloatVector g = FloatVector.fromArray(FH, dy, dyi, m);
        if (dx != null) {
            g.mul(slopes).blend(g, xv.compare(VectorOperators.GT, 0f)).intoArray(dx, dxi, m);
        }
        DoubleVector xd = (DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector gd = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
        return xd.mul(gd).blend(0d, xd.compare(VectorOperators.GT, 0d));
    }

    /** Row by row; when a row is whole vectors, one loop over all of them, the slopes' index wrapping. */
    static void rowsF32(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out, long outOffset, long rows, int channels, float[] w,
                    int wOffset) {
        int lanes = F.length();
        if (channels % lanes == 0) {
            long end = rows * channels;
            int c = 0;
            if (dy == null) {
                for (long i = 0; i < end; i += lanes) {
                    FloatVector s = FloatVector.fromArray(F, w, wOffset + c);
                    FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + i) * 4L, ORDER);
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + i) * 4L, ORDER);
                    c = c + lanes == channels ? 0 : c + lanes;
                }
            } else {
                for (long i = 0; i < end; i += lanes) {
                    FloatVector s = FloatVector.fromArray(F, w, wOffset + c);
                    FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + i) * 4L, ORDER);
                    FloatVector g = FloatVector.fromMemorySegment(F, dy, (dyOffset + i) * 4L, ORDER);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + i) * 4L, ORDER);
                    c = c + lanes == channels ? 0 : c + lanes;
                }
            }
            return;
        }
        int bound = F.loopBound(channels);
        VectorMask<Float> tail = F.indexInRange(bound, channels);
        for (long r = 0; r < rows; r++) {
            long row = r * channels;
            int c = 0;
            for (; c < bound; c += lanes) {
                FloatVector s = FloatVector.fromArray(F, w, wOffset + c);
                FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + row + c) * 4L, ORDER);
                if (dy == null) {
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + row + c) * 4L, ORDER);
                } else {
                    FloatVector g = FloatVector.fromMemorySegment(F, dy, (dyOffset + row + c) * 4L, ORDER);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + row + c) * 4L, ORDER);
                }
            }
            if (c < channels) {
                FloatVector s = FloatVector.fromArray(F, w, wOffset + c, tail);
                FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + row + c) * 4L, ORDER, tail);
                if (dy == null) {
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + row + c) * 4L, ORDER, tail);
                } else {
                    FloatVector g = FloatVector.fromMemorySegment(F, dy, (dyOffset + row + c) * 4L, ORDER, tail);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + row + c) * 4L, ORDER, tail);
                }
            }
        }
    }

    static void planesF32(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out, long outOffset, long runs, long length, int firstChannel,
                        int channels, float[] w, int wOffset) {
        int lanes = F.length();
        int c = firstChannel % channels;
        if (length % lanes == 0) { // whole vectors: one loop, the slope changing every run
            long end = runs * length;
            long next = length;
            float slope = w[wOffset + c];
            for (long i = 0; i < end; i += lanes) {
                if (i == next) {
                    c = c + 1 == channels ? 0 : c + 1;
                    slope = w[wOffset + c];
                    next += length;
                }
                FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + i) * 4L, ORDER);
                if (dy == null) {
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + i) * 4L, ORDER);
                } else {
                    FloatVector g = FloatVector.fromMemorySegment(F, dy, (dyOffset + i) * 4L, ORDER);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + i) * 4L, ORDER);
                }
            }
            return;
        }
        long bound = F.loopBound(length);
        VectorMask<Float> tail = F.indexInRange(bound, length);
        for (long r = 0; r < runs; r++) {
            float slope = w[wOffset + c];
            long at = r * length;
            long i = 0;
            if (dy == null) {
                for (; i < bound; i += F.length()) {
                    FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + at + i) * 4L, ORDER);
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + at + i) * 4L, ORDER);
                }
                if (i < length) {
                    FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + at + i) * 4L, ORDER, tail);
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + at + i) * 4L, ORDER, tail);
                }
            } else {
                for (; i < bound; i += F.length()) {
                    FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + at + i) * 4L, ORDER);
                    FloatVector g = FloatVector.fromMemorySegment(F, dy, (dyOffset + at + i) * 4L, ORDER);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + at + i) * 4L, ORDER);
                }
                if (i < length) {
                    FloatVector xv = FloatVector.fromMemorySegment(F, x, (xOffset + at + i) * 4L, ORDER, tail);
                    FloatVector g = FloatVector.fromMemorySegment(F, dy, (dyOffset + at + i) * 4L, ORDER, tail);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(out, (outOffset + at + i) * 4L, ORDER, tail);
                }
            }
            c = c + 1 == channels ? 0 : c + 1;
        }
    }

    /**
     * The block's accumulators are one vector per pass; they go to {@code lanes} at the end, and
     * a run's last, partial chunk is summed by {@link #tailF32} into {@code lanes[8 ..]}: no vector
     * crosses a call that C2 might not inline (it would be boxed).
     */
    static double runsF32(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, int runs, long stride, int length,
                        float slope, double[] lanes) {
        double total = 0d;
        double left = 0d;
        double pair = 0d;
        int whole = length & -32;
        for (int q = 0; q < U; q++) {
            DoubleVector acc = DoubleVector.zero(D);
            for (int r = 0; r < runs; r++) {
                long at = r * stride + q * W;
                for (int i = 0; i < whole; i += 32) {
                    DoubleVector t0 = termF32(x, xOffset + at + i, dy, dyOffset + at + i, dx, dxOffset + at + i, slope);
                    DoubleVector t1 = termF32(x, xOffset + at + i + 8, dy, dyOffset + at + i + 8, dx, dxOffset + at + i + 8, slope);
                    DoubleVector t2 = termF32(x, xOffset + at + i + 16, dy, dyOffset + at + i + 16, dx, dxOffset + at + i + 16, slope);
                    DoubleVector t3 = termF32(x, xOffset + at + i + 24, dy, dyOffset + at + i + 24, dx, dxOffset + at + i + 24, slope);
                    acc = acc.add(t0.add(t1).add(t2.add(t3)));
                }
                if (whole < length) {
                    tailF32(x, xOffset + at + whole, dy, dyOffset + at + whole, dx, dxOffset + at + whole, q * W + whole,
                            length, slope, lanes);
                    acc = acc.add(DoubleVector.fromArray(D, lanes, 8));
                }
            }
            // Accumulator vector q holds lanes q*W .. q*W + W - 1 of eight: a subtree of the block's tree.
            acc.intoArray(lanes, 0);
            double s = laneTree(lanes);
            if (U == 1) {
                total = s;
            } else if (U == 2) {
                if (q == 0) {
                    left = s;
                } else {
                    total = left + s;
                }
            } else if ((q & 1) == 0) {
                pair = s;
            } else if (q == 1) {
                left = pair + s;
            } else {
                total = left + (pair + s);
            }
        }
        return total;
    }

    /**
     * A run's last chunk, from its element {@code first} (this pass's first lane in the chunk)
     * of {@code length}: the lanes past the end are +0.0 and not written. Its pass's share of
     * the chunk's tree goes to {@code lanes[8 .. 8 + W)}.
     */
    private static void tailF32(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, int first, int length, float slope,
                              double[] lanes) {
        DoubleVector t0 = termF32(x, xi, dy, dyi, dx, dxi, slope, FH.indexInRange(first, length));
        DoubleVector t1 = termF32(x, xi + 8, dy, dyi + 8, dx, dxi + 8, slope, FH.indexInRange(first + 8, length));
        DoubleVector t2 = termF32(x, xi + 16, dy, dyi + 16, dx, dxi + 16, slope, FH.indexInRange(first + 16, length));
        DoubleVector t3 = termF32(x, xi + 24, dy, dyi + 24, dx, dxi + 24, slope, FH.indexInRange(first + 24, length));
        t0.add(t1).add(t2.add(t3)).intoArray(lanes, 8);
    }

    /**
     * Row by row, each column's running sum kept in {@code sums} (loaded, added to, stored): the
     * same additions in the same order as one accumulator per column, but the tensor is read
     * once, in order, however many columns a vector holds.
     */
    static void rowSumsF32(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, int rows, int channels,
                         float[] w, int wOffset, double[] sums, int sumsOffset) {
        java.util.Arrays.fill(sums, sumsOffset, sumsOffset + channels, 0d);
        int bound = channels & -W;
        VectorMask<Float> m = FH.indexInRange(bound, channels);
        VectorMask<Double> md = D.indexInRange(bound, channels);
        for (int r = 0; r < rows; r++) {
            long row = (long) r * channels;
            int c = 0;
            for (; c < bound; c += W) {
                FloatVector slopes = w == null ? FloatVector.zero(FH) : FloatVector.fromArray(FH, w, wOffset + c);
                long i = row + c;
                DoubleVector.fromArray(D, sums, sumsOffset + c)
                        .add(termF32(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slopes))
                        .intoArray(sums, sumsOffset + c);
            }
            if (c < channels) {
                FloatVector slopes = w == null ? FloatVector.zero(FH) : FloatVector.fromArray(FH, w, wOffset + c, m);
                long i = row + c;
                DoubleVector.fromArray(D, sums, sumsOffset + c, md)
                        .add(termF32(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slopes, m))
                        .intoArray(sums, sumsOffset + c, md);
            }
        }
    }

    /** The terms of {@code W} elements (and their input gradients, if {@code dx} is given). */
    private static DoubleVector termF32(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, float slope) {
        FloatVector xv = FloatVector.fromMemorySegment(FH, x, (xi) * 4L, ORDER);
        FloatVector g = FloatVector.fromMemorySegment(FH, dy, (dyi) * 4L, ORDER);
        if (dx != null) {
            g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(dx, (dxi) * 4L, ORDER);
        }
        DoubleVector xd = (DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector gd = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
        return xd.mul(gd).blend(0d, xd.compare(VectorOperators.GT, 0d)); // exact products
    }

    /** As above for the lanes of {@code m}; the others are +0.0 and nothing is written there. */
    private static DoubleVector termF32(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, float slope, VectorMask<Float> m) {
        FloatVector xv = FloatVector.fromMemorySegment(FH, x, (xi) * 4L, ORDER, m);
        FloatVector g = FloatVector.fromMemorySegment(FH, dy, (dyi) * 4L, ORDER, m);
        if (dx != null) {
            g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(dx, (dxi) * 4L, ORDER, m);
        }
        DoubleVector xd = (DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector gd = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
        return xd.mul(gd).blend(0d, xd.compare(VectorOperators.GT, 0d));
    }

    private static DoubleVector termF32(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, FloatVector slopes) {
        FloatVector xv = FloatVector.fromMemorySegment(FH, x, (xi) * 4L, ORDER);
        FloatVector g = FloatVector.fromMemorySegment(FH, dy, (dyi) * 4L, ORDER);
        if (dx != null) {
            g.mul(slopes).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(dx, (dxi) * 4L, ORDER);
        }
        DoubleVector xd = (DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector gd = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
        return xd.mul(gd).blend(0d, xd.compare(VectorOperators.GT, 0d));
    }

    private static DoubleVector termF32(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, FloatVector slopes, VectorMask<Float> m) {
        FloatVector xv = FloatVector.fromMemorySegment(FH, x, (xi) * 4L, ORDER, m);
        FloatVector g = FloatVector.fromMemorySegment(FH, dy, (dyi) * 4L, ORDER, m);
        if (dx != null) {
            g.mul(slopes).blend(g, xv.compare(VectorOperators.GT, 0f)).intoMemorySegment(dx, (dxi) * 4L, ORDER, m);
        }
        DoubleVector xd = (DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector gd = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
        return xd.mul(gd).blend(0d, xd.compare(VectorOperators.GT, 0d));
    }

    /** Row by row; when a row is whole vectors, one loop over all of them, the slopes' index wrapping. */
    static void rowsF64(double[] x, int xOffset, double[] dy, int dyOffset, double[] out, int outOffset, int rows, int channels, double[] w,
                    int wOffset) {
        int lanes = DF.length();
        if (channels % lanes == 0) {
            int end = rows * channels;
            int c = 0;
            if (dy == null) {
                for (int i = 0; i < end; i += lanes) {
                    DoubleVector s = DoubleVector.fromArray(DF, w, wOffset + c);
                    DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + i);
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + i);
                    c = c + lanes == channels ? 0 : c + lanes;
                }
            } else {
                for (int i = 0; i < end; i += lanes) {
                    DoubleVector s = DoubleVector.fromArray(DF, w, wOffset + c);
                    DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + i);
                    DoubleVector g = DoubleVector.fromArray(DF, dy, dyOffset + i);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + i);
                    c = c + lanes == channels ? 0 : c + lanes;
                }
            }
            return;
        }
        int bound = DF.loopBound(channels);
        VectorMask<Double> tail = DF.indexInRange(bound, channels);
        for (int r = 0; r < rows; r++) {
            int row = r * channels;
            int c = 0;
            for (; c < bound; c += lanes) {
                DoubleVector s = DoubleVector.fromArray(DF, w, wOffset + c);
                DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + row + c);
                if (dy == null) {
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + row + c);
                } else {
                    DoubleVector g = DoubleVector.fromArray(DF, dy, dyOffset + row + c);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + row + c);
                }
            }
            if (c < channels) {
                DoubleVector s = DoubleVector.fromArray(DF, w, wOffset + c, tail);
                DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + row + c, tail);
                if (dy == null) {
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + row + c, tail);
                } else {
                    DoubleVector g = DoubleVector.fromArray(DF, dy, dyOffset + row + c, tail);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + row + c, tail);
                }
            }
        }
    }

    static void planesF64(double[] x, int xOffset, double[] dy, int dyOffset, double[] out, int outOffset, int runs, int length, int firstChannel,
                        int channels, double[] w, int wOffset) {
        int lanes = DF.length();
        int c = firstChannel % channels;
        if (length % lanes == 0) { // whole vectors: one loop, the slope changing every run
            int end = runs * length;
            int next = length;
            double slope = w[wOffset + c];
            for (int i = 0; i < end; i += lanes) {
                if (i == next) {
                    c = c + 1 == channels ? 0 : c + 1;
                    slope = w[wOffset + c];
                    next += length;
                }
                DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + i);
                if (dy == null) {
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + i);
                } else {
                    DoubleVector g = DoubleVector.fromArray(DF, dy, dyOffset + i);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + i);
                }
            }
            return;
        }
        int bound = DF.loopBound(length);
        VectorMask<Double> tail = DF.indexInRange(bound, length);
        for (int r = 0; r < runs; r++) {
            double slope = w[wOffset + c];
            int at = r * length;
            int i = 0;
            if (dy == null) {
                for (; i < bound; i += DF.length()) {
                    DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + at + i);
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + at + i);
                }
                if (i < length) {
                    DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + at + i, tail);
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + at + i, tail);
                }
            } else {
                for (; i < bound; i += DF.length()) {
                    DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + at + i);
                    DoubleVector g = DoubleVector.fromArray(DF, dy, dyOffset + at + i);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + at + i);
                }
                if (i < length) {
                    DoubleVector xv = DoubleVector.fromArray(DF, x, xOffset + at + i, tail);
                    DoubleVector g = DoubleVector.fromArray(DF, dy, dyOffset + at + i, tail);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(out, outOffset + at + i, tail);
                }
            }
            c = c + 1 == channels ? 0 : c + 1;
        }
    }

    /**
     * The block's accumulators are one vector per pass; they go to {@code lanes} at the end, and
     * a run's last, partial chunk is summed by {@link #tailF64} into {@code lanes[8 ..]}: no vector
     * crosses a call that C2 might not inline (it would be boxed).
     */
    static double runsF64(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int runs, int stride, int length,
                        double slope, double[] lanes) {
        double total = 0d;
        double left = 0d;
        double pair = 0d;
        int whole = length & -32;
        for (int q = 0; q < U; q++) {
            DoubleVector acc = DoubleVector.zero(D);
            for (int r = 0; r < runs; r++) {
                int at = r * stride + q * W;
                for (int i = 0; i < whole; i += 32) {
                    DoubleVector t0 = termF64(x, xOffset + at + i, dy, dyOffset + at + i, dx, dxOffset + at + i, slope);
                    DoubleVector t1 = termF64(x, xOffset + at + i + 8, dy, dyOffset + at + i + 8, dx, dxOffset + at + i + 8, slope);
                    DoubleVector t2 = termF64(x, xOffset + at + i + 16, dy, dyOffset + at + i + 16, dx, dxOffset + at + i + 16, slope);
                    DoubleVector t3 = termF64(x, xOffset + at + i + 24, dy, dyOffset + at + i + 24, dx, dxOffset + at + i + 24, slope);
                    acc = acc.add(t0.add(t1).add(t2.add(t3)));
                }
                if (whole < length) {
                    tailF64(x, xOffset + at + whole, dy, dyOffset + at + whole, dx, dxOffset + at + whole, q * W + whole,
                            length, slope, lanes);
                    acc = acc.add(DoubleVector.fromArray(D, lanes, 8));
                }
            }
            // Accumulator vector q holds lanes q*W .. q*W + W - 1 of eight: a subtree of the block's tree.
            acc.intoArray(lanes, 0);
            double s = laneTree(lanes);
            if (U == 1) {
                total = s;
            } else if (U == 2) {
                if (q == 0) {
                    left = s;
                } else {
                    total = left + s;
                }
            } else if ((q & 1) == 0) {
                pair = s;
            } else if (q == 1) {
                left = pair + s;
            } else {
                total = left + (pair + s);
            }
        }
        return total;
    }

    /**
     * A run's last chunk, from its element {@code first} (this pass's first lane in the chunk)
     * of {@code length}: the lanes past the end are +0.0 and not written. Its pass's share of
     * the chunk's tree goes to {@code lanes[8 .. 8 + W)}.
     */
    private static void tailF64(double[] x, int xi, double[] dy, int dyi, double[] dx, int dxi, int first, int length, double slope,
                              double[] lanes) {
        DoubleVector t0 = termF64(x, xi, dy, dyi, dx, dxi, slope, D.indexInRange(first, length));
        DoubleVector t1 = termF64(x, xi + 8, dy, dyi + 8, dx, dxi + 8, slope, D.indexInRange(first + 8, length));
        DoubleVector t2 = termF64(x, xi + 16, dy, dyi + 16, dx, dxi + 16, slope, D.indexInRange(first + 16, length));
        DoubleVector t3 = termF64(x, xi + 24, dy, dyi + 24, dx, dxi + 24, slope, D.indexInRange(first + 24, length));
        t0.add(t1).add(t2.add(t3)).intoArray(lanes, 8);
    }

    /**
     * Row by row, each column's running sum kept in {@code sums} (loaded, added to, stored): the
     * same additions in the same order as one accumulator per column, but the tensor is read
     * once, in order, however many columns a vector holds.
     */
    static void rowSumsF64(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int rows, int channels,
                         double[] w, int wOffset, double[] sums, int sumsOffset) {
        java.util.Arrays.fill(sums, sumsOffset, sumsOffset + channels, 0d);
        int bound = channels & -W;
        VectorMask<Double> m = D.indexInRange(bound, channels);
        VectorMask<Double> md = D.indexInRange(bound, channels);
        for (int r = 0; r < rows; r++) {
            int row = r * channels;
            int c = 0;
            for (; c < bound; c += W) {
                DoubleVector slopes = w == null ? DoubleVector.zero(D) : DoubleVector.fromArray(D, w, wOffset + c);
                int i = row + c;
                DoubleVector.fromArray(D, sums, sumsOffset + c)
                        .add(termF64(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slopes))
                        .intoArray(sums, sumsOffset + c);
            }
            if (c < channels) {
                DoubleVector slopes = w == null ? DoubleVector.zero(D) : DoubleVector.fromArray(D, w, wOffset + c, m);
                int i = row + c;
                DoubleVector.fromArray(D, sums, sumsOffset + c, md)
                        .add(termF64(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slopes, m))
                        .intoArray(sums, sumsOffset + c, md);
            }
        }
    }

    /** The terms of {@code W} elements (and their input gradients, if {@code dx} is given). */
    private static DoubleVector termF64(double[] x, int xi, double[] dy, int dyi, double[] dx, int dxi, double slope) {
        DoubleVector xv = DoubleVector.fromArray(D, x, xi);
        DoubleVector g = DoubleVector.fromArray(D, dy, dyi);
        if (dx != null) {
            g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(dx, dxi);
        }
        return xv.mul(g).blend(0d, xv.compare(VectorOperators.GT, 0d));
    }

    /** As above for the lanes of {@code m}; the others are +0.0 and nothing is written there. */
    private static DoubleVector termF64(double[] x, int xi, double[] dy, int dyi, double[] dx, int dxi, double slope, VectorMask<Double> m) {
        DoubleVector xv = DoubleVector.fromArray(D, x, xi, m);
        DoubleVector g = DoubleVector.fromArray(D, dy, dyi, m);
        if (dx != null) {
            g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(dx, dxi, m);
        }
        return xv.mul(g).blend(0d, xv.compare(VectorOperators.GT, 0d));
    }

    private static DoubleVector termF64(double[] x, int xi, double[] dy, int dyi, double[] dx, int dxi, DoubleVector slopes) {
        DoubleVector xv = DoubleVector.fromArray(D, x, xi);
        DoubleVector g = DoubleVector.fromArray(D, dy, dyi);
        if (dx != null) {
            g.mul(slopes).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(dx, dxi);
        }
        return xv.mul(g).blend(0d, xv.compare(VectorOperators.GT, 0d));
    }

    private static DoubleVector termF64(double[] x, int xi, double[] dy, int dyi, double[] dx, int dxi, DoubleVector slopes, VectorMask<Double> m) {
        DoubleVector xv = DoubleVector.fromArray(D, x, xi, m);
        DoubleVector g = DoubleVector.fromArray(D, dy, dyi, m);
        if (dx != null) {
            g.mul(slopes).blend(g, xv.compare(VectorOperators.GT, 0d)).intoArray(dx, dxi, m);
        }
        return xv.mul(g).blend(0d, xv.compare(VectorOperators.GT, 0d));
    }

    /** Row by row; when a row is whole vectors, one loop over all of them, the slopes' index wrapping. */
    static void rowsF64(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out, long outOffset, long rows, int channels, double[] w,
                    int wOffset) {
        int lanes = DF.length();
        if (channels % lanes == 0) {
            long end = rows * channels;
            int c = 0;
            if (dy == null) {
                for (long i = 0; i < end; i += lanes) {
                    DoubleVector s = DoubleVector.fromArray(DF, w, wOffset + c);
                    DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + i) * 8L, ORDER);
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + i) * 8L, ORDER);
                    c = c + lanes == channels ? 0 : c + lanes;
                }
            } else {
                for (long i = 0; i < end; i += lanes) {
                    DoubleVector s = DoubleVector.fromArray(DF, w, wOffset + c);
                    DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + i) * 8L, ORDER);
                    DoubleVector g = DoubleVector.fromMemorySegment(DF, dy, (dyOffset + i) * 8L, ORDER);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + i) * 8L, ORDER);
                    c = c + lanes == channels ? 0 : c + lanes;
                }
            }
            return;
        }
        int bound = DF.loopBound(channels);
        VectorMask<Double> tail = DF.indexInRange(bound, channels);
        for (long r = 0; r < rows; r++) {
            long row = r * channels;
            int c = 0;
            for (; c < bound; c += lanes) {
                DoubleVector s = DoubleVector.fromArray(DF, w, wOffset + c);
                DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + row + c) * 8L, ORDER);
                if (dy == null) {
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + row + c) * 8L, ORDER);
                } else {
                    DoubleVector g = DoubleVector.fromMemorySegment(DF, dy, (dyOffset + row + c) * 8L, ORDER);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + row + c) * 8L, ORDER);
                }
            }
            if (c < channels) {
                DoubleVector s = DoubleVector.fromArray(DF, w, wOffset + c, tail);
                DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + row + c) * 8L, ORDER, tail);
                if (dy == null) {
                    xv.mul(s).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + row + c) * 8L, ORDER, tail);
                } else {
                    DoubleVector g = DoubleVector.fromMemorySegment(DF, dy, (dyOffset + row + c) * 8L, ORDER, tail);
                    g.mul(s).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + row + c) * 8L, ORDER, tail);
                }
            }
        }
    }

    static void planesF64(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out, long outOffset, long runs, long length, int firstChannel,
                        int channels, double[] w, int wOffset) {
        int lanes = DF.length();
        int c = firstChannel % channels;
        if (length % lanes == 0) { // whole vectors: one loop, the slope changing every run
            long end = runs * length;
            long next = length;
            double slope = w[wOffset + c];
            for (long i = 0; i < end; i += lanes) {
                if (i == next) {
                    c = c + 1 == channels ? 0 : c + 1;
                    slope = w[wOffset + c];
                    next += length;
                }
                DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + i) * 8L, ORDER);
                if (dy == null) {
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + i) * 8L, ORDER);
                } else {
                    DoubleVector g = DoubleVector.fromMemorySegment(DF, dy, (dyOffset + i) * 8L, ORDER);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + i) * 8L, ORDER);
                }
            }
            return;
        }
        long bound = DF.loopBound(length);
        VectorMask<Double> tail = DF.indexInRange(bound, length);
        for (long r = 0; r < runs; r++) {
            double slope = w[wOffset + c];
            long at = r * length;
            long i = 0;
            if (dy == null) {
                for (; i < bound; i += DF.length()) {
                    DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + at + i) * 8L, ORDER);
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + at + i) * 8L, ORDER);
                }
                if (i < length) {
                    DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + at + i) * 8L, ORDER, tail);
                    xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + at + i) * 8L, ORDER, tail);
                }
            } else {
                for (; i < bound; i += DF.length()) {
                    DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + at + i) * 8L, ORDER);
                    DoubleVector g = DoubleVector.fromMemorySegment(DF, dy, (dyOffset + at + i) * 8L, ORDER);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + at + i) * 8L, ORDER);
                }
                if (i < length) {
                    DoubleVector xv = DoubleVector.fromMemorySegment(DF, x, (xOffset + at + i) * 8L, ORDER, tail);
                    DoubleVector g = DoubleVector.fromMemorySegment(DF, dy, (dyOffset + at + i) * 8L, ORDER, tail);
                    g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(out, (outOffset + at + i) * 8L, ORDER, tail);
                }
            }
            c = c + 1 == channels ? 0 : c + 1;
        }
    }

    /**
     * The block's accumulators are one vector per pass; they go to {@code lanes} at the end, and
     * a run's last, partial chunk is summed by {@link #tailF64} into {@code lanes[8 ..]}: no vector
     * crosses a call that C2 might not inline (it would be boxed).
     */
    static double runsF64(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, int runs, long stride, int length,
                        double slope, double[] lanes) {
        double total = 0d;
        double left = 0d;
        double pair = 0d;
        int whole = length & -32;
        for (int q = 0; q < U; q++) {
            DoubleVector acc = DoubleVector.zero(D);
            for (int r = 0; r < runs; r++) {
                long at = r * stride + q * W;
                for (int i = 0; i < whole; i += 32) {
                    DoubleVector t0 = termF64(x, xOffset + at + i, dy, dyOffset + at + i, dx, dxOffset + at + i, slope);
                    DoubleVector t1 = termF64(x, xOffset + at + i + 8, dy, dyOffset + at + i + 8, dx, dxOffset + at + i + 8, slope);
                    DoubleVector t2 = termF64(x, xOffset + at + i + 16, dy, dyOffset + at + i + 16, dx, dxOffset + at + i + 16, slope);
                    DoubleVector t3 = termF64(x, xOffset + at + i + 24, dy, dyOffset + at + i + 24, dx, dxOffset + at + i + 24, slope);
                    acc = acc.add(t0.add(t1).add(t2.add(t3)));
                }
                if (whole < length) {
                    tailF64(x, xOffset + at + whole, dy, dyOffset + at + whole, dx, dxOffset + at + whole, q * W + whole,
                            length, slope, lanes);
                    acc = acc.add(DoubleVector.fromArray(D, lanes, 8));
                }
            }
            // Accumulator vector q holds lanes q*W .. q*W + W - 1 of eight: a subtree of the block's tree.
            acc.intoArray(lanes, 0);
            double s = laneTree(lanes);
            if (U == 1) {
                total = s;
            } else if (U == 2) {
                if (q == 0) {
                    left = s;
                } else {
                    total = left + s;
                }
            } else if ((q & 1) == 0) {
                pair = s;
            } else if (q == 1) {
                left = pair + s;
            } else {
                total = left + (pair + s);
            }
        }
        return total;
    }

    /**
     * A run's last chunk, from its element {@code first} (this pass's first lane in the chunk)
     * of {@code length}: the lanes past the end are +0.0 and not written. Its pass's share of
     * the chunk's tree goes to {@code lanes[8 .. 8 + W)}.
     */
    private static void tailF64(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, int first, int length, double slope,
                              double[] lanes) {
        DoubleVector t0 = termF64(x, xi, dy, dyi, dx, dxi, slope, D.indexInRange(first, length));
        DoubleVector t1 = termF64(x, xi + 8, dy, dyi + 8, dx, dxi + 8, slope, D.indexInRange(first + 8, length));
        DoubleVector t2 = termF64(x, xi + 16, dy, dyi + 16, dx, dxi + 16, slope, D.indexInRange(first + 16, length));
        DoubleVector t3 = termF64(x, xi + 24, dy, dyi + 24, dx, dxi + 24, slope, D.indexInRange(first + 24, length));
        t0.add(t1).add(t2.add(t3)).intoArray(lanes, 8);
    }

    /**
     * Row by row, each column's running sum kept in {@code sums} (loaded, added to, stored): the
     * same additions in the same order as one accumulator per column, but the tensor is read
     * once, in order, however many columns a vector holds.
     */
    static void rowSumsF64(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, int rows, int channels,
                         double[] w, int wOffset, double[] sums, int sumsOffset) {
        java.util.Arrays.fill(sums, sumsOffset, sumsOffset + channels, 0d);
        int bound = channels & -W;
        VectorMask<Double> m = D.indexInRange(bound, channels);
        VectorMask<Double> md = D.indexInRange(bound, channels);
        for (int r = 0; r < rows; r++) {
            long row = (long) r * channels;
            int c = 0;
            for (; c < bound; c += W) {
                DoubleVector slopes = w == null ? DoubleVector.zero(D) : DoubleVector.fromArray(D, w, wOffset + c);
                long i = row + c;
                DoubleVector.fromArray(D, sums, sumsOffset + c)
                        .add(termF64(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slopes))
                        .intoArray(sums, sumsOffset + c);
            }
            if (c < channels) {
                DoubleVector slopes = w == null ? DoubleVector.zero(D) : DoubleVector.fromArray(D, w, wOffset + c, m);
                long i = row + c;
                DoubleVector.fromArray(D, sums, sumsOffset + c, md)
                        .add(termF64(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slopes, m))
                        .intoArray(sums, sumsOffset + c, md);
            }
        }
    }

    /** The terms of {@code W} elements (and their input gradients, if {@code dx} is given). */
    private static DoubleVector termF64(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, double slope) {
        DoubleVector xv = DoubleVector.fromMemorySegment(D, x, (xi) * 8L, ORDER);
        DoubleVector g = DoubleVector.fromMemorySegment(D, dy, (dyi) * 8L, ORDER);
        if (dx != null) {
            g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(dx, (dxi) * 8L, ORDER);
        }
        return xv.mul(g).blend(0d, xv.compare(VectorOperators.GT, 0d));
    }

    /** As above for the lanes of {@code m}; the others are +0.0 and nothing is written there. */
    private static DoubleVector termF64(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, double slope, VectorMask<Double> m) {
        DoubleVector xv = DoubleVector.fromMemorySegment(D, x, (xi) * 8L, ORDER, m);
        DoubleVector g = DoubleVector.fromMemorySegment(D, dy, (dyi) * 8L, ORDER, m);
        if (dx != null) {
            g.mul(slope).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(dx, (dxi) * 8L, ORDER, m);
        }
        return xv.mul(g).blend(0d, xv.compare(VectorOperators.GT, 0d));
    }

    private static DoubleVector termF64(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, DoubleVector slopes) {
        DoubleVector xv = DoubleVector.fromMemorySegment(D, x, (xi) * 8L, ORDER);
        DoubleVector g = DoubleVector.fromMemorySegment(D, dy, (dyi) * 8L, ORDER);
        if (dx != null) {
            g.mul(slopes).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(dx, (dxi) * 8L, ORDER);
        }
        return xv.mul(g).blend(0d, xv.compare(VectorOperators.GT, 0d));
    }

    private static DoubleVector termF64(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi, DoubleVector slopes, VectorMask<Double> m) {
        DoubleVector xv = DoubleVector.fromMemorySegment(D, x, (xi) * 8L, ORDER, m);
        DoubleVector g = DoubleVector.fromMemorySegment(D, dy, (dyi) * 8L, ORDER, m);
        if (dx != null) {
            g.mul(slopes).blend(g, xv.compare(VectorOperators.GT, 0d)).intoMemorySegment(dx, (dxi) * 8L, ORDER, m);
        }
        return xv.mul(g).blend(0d, xv.compare(VectorOperators.GT, 0d));
    }
}
