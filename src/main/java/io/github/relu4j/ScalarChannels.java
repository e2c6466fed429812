package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The reference {@link ChannelKernels}: the contract written literally, an element at a time,
 * the sums in the order {@link ChannelKernels} fixes. Every other implementation is tested bit
 * for bit against it. Runs of one slope are the elementwise reference's Leaky ReLU
 * ({@link ScalarLoops}); otherwise arrays are viewed as segments (a few small objects per call),
 * so each kernel is written once. A 16-bit element is its float ({@link Halves}): its lanes are
 * {@link HalfLanes}', and its term the exact product of the two floats, as for {@code F32}.
 */
final class ScalarChannels implements ChannelKernels {
    static final ScalarChannels INSTANCE = new ScalarChannels();

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfShort H = ValueLayout.JAVA_SHORT_UNALIGNED;

    private ScalarChannels() {}

    private static MemorySegment view(Object array) {
        return switch (array) {
            case null -> null;
            case float[] a -> MemorySegment.ofArray(a);
            case short[] a -> MemorySegment.ofArray(a);
            default -> MemorySegment.ofArray((double[]) array);
        };
    }

    @Override
    public void rows(Format f, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset, int rows,
                     int channels, Object w, int wOffset) {
        rows(f, view(x), (long) xOffset, view(dy), (long) dyOffset, view(out), (long) outOffset, (long) rows, channels, w,
                wOffset);
    }

    @Override
    public void rows(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out,
                     long outOffset, long rows, int channels, Object w, int wOffset) {
        for (long r = 0; r < rows; r++) {
            long row = r * channels;
            for (int c = 0; c < channels; c++) {
                long i = row + c;
                if (f.half) {
                    float slope = ((float[]) w)[wOffset + c];
                    short xi = x.getAtIndex(H, xOffset + i);
                    out.setAtIndex(H, outOffset + i, dy == null ? HalfLanes.leakyRelu(f, xi, slope)
                            : HalfLanes.leakyReluGradient(f, xi, dy.getAtIndex(H, dyOffset + i), slope));
                } else if (f == Format.F32) {
                    float slope = ((float[]) w)[wOffset + c];
                    float xi = x.getAtIndex(F, xOffset + i);
                    out.setAtIndex(F, outOffset + i, dy == null ? ScalarLanes.leakyRelu(xi, slope)
                            : ScalarLanes.leakyReluGradient(xi, dy.getAtIndex(F, dyOffset + i), slope));
                } else {
                    double slope = ((double[]) w)[wOffset + c];
                    double xi = x.getAtIndex(D, xOffset + i);
                    out.setAtIndex(D, outOffset + i, dy == null ? ScalarLanes.leakyRelu(xi, slope)
                            : ScalarLanes.leakyReluGradient(xi, dy.getAtIndex(D, dyOffset + i), slope));
                }
            }
        }
    }

    @Override
    public void planes(Format f, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset, int runs,
                       int length, int firstChannel, int channels, Object w, int wOffset) {
        for (int r = 0; r < runs; r++) {
            double slope = ChannelDriver.slope(f, w, wOffset + (firstChannel + r) % channels);
            int at = r * length;
            if (dy == null) {
                ScalarLoops.INSTANCE.map1(Op.LEAKY_RELU, f, x, xOffset + at, out, outOffset + at, length, slope, 0);
            } else {
                ScalarLoops.INSTANCE.map2(Op.LEAKY_RELU, f, x, xOffset + at, dy, dyOffset + at, out, outOffset + at,
                        length, slope, 0);
            }
        }
    }

    /** Each run is Leaky ReLU at its channel's slope: the elementwise reference, {@link ScalarLoops}. */
    @Override
    public void planes(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment out,
                       long outOffset, long runs, long length, int firstChannel, int channels, Object w, int wOffset) {
        for (long r = 0; r < runs; r++) {
            double slope = ChannelDriver.slope(f, w, wOffset + (int) ((firstChannel + r) % channels));
            long at = r * length;
            if (dy == null) {
                ScalarLoops.INSTANCE.map1(Op.LEAKY_RELU, f, x, xOffset + at, out, outOffset + at, length, slope, 0);
            } else {
                ScalarLoops.INSTANCE.map2(Op.LEAKY_RELU, f, x, xOffset + at, dy, dyOffset + at, out, outOffset + at,
                        length, slope, 0);
            }
        }
    }

    @Override
    public double runs(Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset, int runs,
                       int stride, int length, double slope, double[] lanes) {
        return runs(f, view(x), (long) xOffset, view(dy), (long) dyOffset, view(dx), (long) dxOffset, runs, (long) stride,
                length, slope, lanes);
    }

    @Override
    public double runs(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                       long dxOffset, int runs, long stride, int length, double slope, double[] lanes) {
        double[] acc = new double[8];
        for (int r = 0; r < runs; r++) {
            long start = r * stride;
            for (int chunk = 0; chunk < length; chunk += 32) {
                for (int l = 0; l < 8; l++) {
                    double t0 = term(f, x, xOffset, dy, dyOffset, dx, dxOffset, start, chunk + l, length, slope);
                    double t1 = term(f, x, xOffset, dy, dyOffset, dx, dxOffset, start, chunk + l + 8, length, slope);
                    double t2 = term(f, x, xOffset, dy, dyOffset, dx, dxOffset, start, chunk + l + 16, length, slope);
                    double t3 = term(f, x, xOffset, dy, dyOffset, dx, dxOffset, start, chunk + l + 24, length, slope);
                    acc[l] += (t0 + t1) + (t2 + t3);
                }
            }
        }
        return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    }

    /**
     * Element {@code s} of the run at {@code start}: its term, +0.0 past the run's end; writes its
     * input gradient when {@code dx} is given.
     */
    private static double term(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                               MemorySegment dx, long dxOffset, long start, int s, int length, double slope) {
        if (s >= length) {
            return 0d;
        }
        long i = start + s;
        return f.half ? termHalf(f, x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, (float) slope)
                : f == Format.F32 ? termF32(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, (float) slope)
                : termF64(x, xOffset + i, dy, dyOffset + i, dx, dxOffset + i, slope);
    }

    /** A 16-bit element's term: its float and its gradient's, widened exactly, multiplied exactly in double. */
    private static double termHalf(Format f, MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx,
                                   long dxi, float slope) {
        short xh = x.getAtIndex(H, xi);
        short gh = dy.getAtIndex(H, dyi);
        if (dx != null) {
            dx.setAtIndex(H, dxi, HalfLanes.leakyReluGradient(f, xh, gh, slope));
        }
        float xv = Halves.toFloat(f, xh);
        return xv > 0f ? 0d : (double) xv * (double) Halves.toFloat(f, gh);
    }

    private static double termF32(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi,
                                  float slope) {
        float xv = x.getAtIndex(F, xi);
        float g = dy.getAtIndex(F, dyi);
        if (dx != null) {
            dx.setAtIndex(F, dxi, ScalarLanes.leakyReluGradient(xv, g, slope));
        }
        return xv > 0f ? 0d : (double) xv * (double) g; // exact: 24 + 24 bits fit in 53
    }

    private static double termF64(MemorySegment x, long xi, MemorySegment dy, long dyi, MemorySegment dx, long dxi,
                                  double slope) {
        double xv = x.getAtIndex(D, xi);
        double g = dy.getAtIndex(D, dyi);
        if (dx != null) {
            dx.setAtIndex(D, dxi, ScalarLanes.leakyReluGradient(xv, g, slope));
        }
        return xv > 0d ? 0d : xv * g;
    }

    @Override
    public void rowSums(Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset, int rows,
                        int channels, Object w, int wOffset, double[] sums, int sumsOffset) {
        rowSums(f, view(x), (long) xOffset, view(dy), (long) dyOffset, view(dx), (long) dxOffset, rows, channels, w,
                wOffset, sums, sumsOffset);
    }

    @Override
    public void rowSums(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                        long dxOffset, int rows, int channels, Object w, int wOffset, double[] sums, int sumsOffset) {
        for (int c = 0; c < channels; c++) {
            sums[sumsOffset + c] = 0d;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                long i = (long) r * channels + c;
                double slope = w == null ? 0 : ChannelDriver.slope(f, w, wOffset + c);
                sums[sumsOffset + c] += term(f, x, xOffset, dy, dyOffset, dx, dxOffset, i, 0, 1, slope);
            }
        }
    }
}
