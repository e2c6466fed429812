package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorChannels}' kernels on the 16-bit formats, bit for bit the reference's
 * ({@link ScalarChannels}): the {@code F32} vector kernels on the elements widened to float.
 *
 * <p>A call is cut into pieces of whole runs or rows (at most {@link #CHUNK} elements; a slope
 * gradient's block as it comes, at most 4096). Each piece is copied into per-thread buffers
 * ({@link ChannelScratch}), widened to float (exactly), computed by the {@code F32} kernel on
 * arrays ({@code planesF32}, {@code rowsF32}, {@code runsF32}, {@code rowSumsF32}), and its
 * output rounded back to the format where it was computed, or given the selected input's own
 * bits where it was selected (so a passed NaN keeps its signalling bit), then copied out. So
 * forward and input gradient are {@code round16(round32(float(x) * w[c]))}, Leaky ReLU's 16-bit
 * bits, and the slope gradient is the {@code F32} kernel's sum of the widened tensors, in its
 * order at every vector width by construction rather than by a second copy of that order.
 * Slope-gradient blocks are padded with +0.0 to whole chunks of the sums (each run to a multiple
 * of 32, each row to a multiple of 8 columns): the padding's terms are +0.0, as the contract pads
 * them, and the {@code F32} sums never take their masked tails.
 *
 * <p>Why staged rather than converted in the kernels' own loops: C2 stops inlining our methods
 * once a compilation has made 18,000 nodes (it still inlines the Vector API's, later), and the
 * Vector API emulation of the conversions is large (as parsed: a binary16 rounding loop 16,300
 * nodes, a widening 9,700; bfloat16 9,400 and 2,000). A loop holding a widening, a product and
 * a rounding, or a second copy of them for a masked tail, crossed that line, left a
 * {@link VectorHalves} call not inlined and boxed every vector (seen: 1.1 MB and 2 ns an element
 * per 64 Ki call). Here each conversion is a loop of its own over whole vectors of the buffers
 * (no masked tail: the copies take the exact lengths, from arrays and segments alike, so the
 * containers need no code of their own), and calls nothing but the Vector API, so it stays
 * whole wherever C2 inlines it.
 */
final class VectorHalfChannels {
    private static final VectorSpecies<Short> H = VectorHalves.HALF;
    /** Floats and ints with the lanes of {@link #H}. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    /** The most elements forward and input gradient stage at a time: 2 Ki, 24 KiB of buffers. */
    static final int CHUNK = 2048;

    private VectorHalfChannels() {}

    // ---- The kernels, for both formats and containers (x, dy, out: short[] or a native segment). ----

    /** {@link ChannelKernels#rows}: whole rows at a time, or a long row in pieces of columns. */
    static void rows(Format f, Object x, long xOffset, Object dy, long dyOffset, Object out, long outOffset,
                     long rows, int channels, float[] w, int wOffset) {
        ChannelScratch scratch = ChannelScratch.get();
        short[] h = scratch.shorts(3 * CHUNK);
        float[] v = scratch.floats(3 * CHUNK);
        if (channels > CHUNK) {
            for (long r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c += CHUNK) {
                    int m = Math.min(CHUNK, channels - c);
                    long e = r * channels + c;
                    stage(f, x, xOffset + e, dy, dyOffset + e, m, CHUNK, h, v);
                    VectorChannels.rowsF32(v, 0, dy == null ? null : v, CHUNK, v, 2 * CHUNK, 1, m, w, wOffset + c);
                    unstage(f, dy != null, out, outOffset + e, m, CHUNK, h, v);
                }
            }
            return;
        }
        long per = CHUNK / channels;
        for (long r = 0; r < rows; r += per) {
            int count = (int) Math.min(per, rows - r);
            int m = count * channels;
            long e = r * channels;
            stage(f, x, xOffset + e, dy, dyOffset + e, m, CHUNK, h, v);
            VectorChannels.rowsF32(v, 0, dy == null ? null : v, CHUNK, v, 2 * CHUNK, count, channels, w, wOffset);
            unstage(f, dy != null, out, outOffset + e, m, CHUNK, h, v);
        }
    }

    /** {@link ChannelKernels#planes}: whole runs at a time, or a long run in pieces. */
    static void planes(Format f, Object x, long xOffset, Object dy, long dyOffset, Object out, long outOffset,
                       long runs, long length, int firstChannel, int channels, float[] w, int wOffset) {
        ChannelScratch scratch = ChannelScratch.get();
        short[] h = scratch.shorts(3 * CHUNK);
        float[] v = scratch.floats(3 * CHUNK);
        if (length > CHUNK) {
            for (long r = 0; r < runs; r++) {
                int c = (int) ((firstChannel + r) % channels);
                for (long s = 0; s < length; s += CHUNK) {
                    int m = (int) Math.min(CHUNK, length - s);
                    long e = r * length + s;
                    stage(f, x, xOffset + e, dy, dyOffset + e, m, CHUNK, h, v);
                    VectorChannels.planesF32(v, 0, dy == null ? null : v, CHUNK, v, 2 * CHUNK, 1, m, c, channels, w,
                            wOffset);
                    unstage(f, dy != null, out, outOffset + e, m, CHUNK, h, v);
                }
            }
            return;
        }
        long per = CHUNK / length;
        for (long r = 0; r < runs; r += per) {
            int count = (int) Math.min(per, runs - r);
            int m = (int) (count * length);
            long e = r * length;
            stage(f, x, xOffset + e, dy, dyOffset + e, m, CHUNK, h, v);
            VectorChannels.planesF32(v, 0, dy == null ? null : v, CHUNK, v, 2 * CHUNK, count, (int) length,
                    (int) ((firstChannel + r) % channels), channels, w, wOffset);
            unstage(f, dy != null, out, outOffset + e, m, CHUNK, h, v);
        }
    }

    /**
     * {@link ChannelKernels#runs}: the block's runs staged one after another, each padded with
     * +0.0 to a multiple of 32, summed by {@code runsF32} (which writes the float input gradient
     * too), the input gradient rounded and copied out run by run.
     */
    static double runs(Format f, Object x, long xOffset, Object dy, long dyOffset, Object dx, long dxOffset, int runs,
                       long stride, int length, float slope, double[] lanes) {
        int padded = (length + 31) & -32;
        int cap = whole(runs * padded);
        ChannelScratch scratch = ChannelScratch.get();
        short[] h = scratch.shorts(3 * cap);
        float[] v = scratch.floats(3 * cap);
        for (int r = 0; r < runs; r++) {
            int at = r * padded;
            load(x, xOffset + r * stride, h, at, length);
            load(dy, dyOffset + r * stride, h, cap + at, length);
            Arrays.fill(h, at + length, at + padded, (short) 0);
            Arrays.fill(h, cap + at + length, cap + at + padded, (short) 0);
        }
        widen(f, h, v, 2 * cap);
        double sum = VectorChannels.runsF32(v, 0, v, cap, dx == null ? null : v, 2 * cap, runs, padded, padded, slope,
                lanes);
        if (dx != null) {
            round(f, v, 2 * cap, h, cap, h, 0, h, 2 * cap, cap);
            for (int r = 0; r < runs; r++) {
                store(h, 2 * cap + r * padded, dx, dxOffset + r * stride, length);
            }
        }
        return sum;
    }

    /**
     * {@link ChannelKernels#rowSums}: the block's rows staged, each padded with +0.0 to a multiple
     * of 8 columns (whole vectors of the sums' lanes at every width), summed by
     * {@code rowSumsF32}; one long row in pieces of columns, whose sums do not depend on each
     * other.
     */
    static void rowSums(Format f, Object x, long xOffset, Object dy, long dyOffset, Object dx, long dxOffset,
                        int rows, int channels, float[] w, int wOffset, double[] sums, int sumsOffset) {
        if (rows == 1 && channels > CHUNK) {
            for (int c = 0; c < channels; c += CHUNK) {
                rowSums(f, x, xOffset + c, dy, dyOffset + c, dx, dxOffset + c, 1, Math.min(CHUNK, channels - c), w,
                        wOffset + c, sums, sumsOffset + c);
            }
            return;
        }
        int width = (channels + 7) & -8;
        int n = rows * width;
        int cap = whole(n);
        ChannelScratch scratch = ChannelScratch.get();
        short[] h = scratch.shorts(3 * cap);
        float[] v = scratch.floats(3 * cap + width);
        if (width == channels) {
            load(x, xOffset, h, 0, n);
            load(dy, dyOffset, h, cap, n);
        } else {
            Arrays.fill(h, 0, n, (short) 0);
            Arrays.fill(h, cap, cap + n, (short) 0);
            for (int r = 0; r < rows; r++) {
                load(x, xOffset + (long) r * channels, h, r * width, channels);
                load(dy, dyOffset + (long) r * channels, h, cap + r * width, channels);
            }
        }
        widen(f, h, v, 2 * cap);
        float[] slopes = w;
        int slopesAt = wOffset;
        double[] columns = sums;
        int columnsAt = sumsOffset;
        if (width != channels) { // the padding columns' slopes (read for dx) and sums: in the buffers
            if (dx != null) {
                slopes = v;
                slopesAt = 3 * cap;
                System.arraycopy(w, wOffset, v, slopesAt, channels);
                Arrays.fill(v, slopesAt + channels, slopesAt + width, 0f);
            }
            columns = scratch.columns(width);
            columnsAt = 0;
        }
        VectorChannels.rowSumsF32(v, 0, v, cap, dx == null ? null : v, 2 * cap, rows, width,
                dx == null ? null : slopes, slopesAt, columns, columnsAt);
        if (columns != sums) {
            System.arraycopy(columns, 0, sums, sumsOffset, channels);
        }
        if (dx != null) {
            round(f, v, 2 * cap, h, cap, h, 0, h, 2 * cap, cap);
            if (width == channels) {
                store(h, 2 * cap, dx, dxOffset, n);
            } else {
                for (int r = 0; r < rows; r++) {
                    store(h, 2 * cap + r * width, dx, dxOffset + (long) r * channels, channels);
                }
            }
        }
    }

    // ---- Staging: copies of exact lengths, conversions over whole vectors. ----

    /** {@code n} rounded up to whole vectors of {@link #H}. */
    private static int whole(int n) {
        return (n + H.length() - 1) & -H.length();
    }

    /**
     * {@code x} (and {@code dy}, if given) of {@code m} elements into the shorts at 0 (and
     * {@code cap}), widened into the floats at the same places: one pass over both.
     */
    private static void stage(Format f, Object x, long xOffset, Object dy, long dyOffset, int m, int cap, short[] h,
                              float[] v) {
        load(x, xOffset, h, 0, m);
        if (dy != null) {
            load(dy, dyOffset, h, cap, m);
        }
        widen(f, h, v, dy == null ? whole(m) : cap + whole(m));
    }

    /**
     * The float results at {@code 2 * cap} rounded into the shorts there, the selected input's
     * bits kept ({@code x} forward, {@code dy} for a gradient), then copied out.
     */
    private static void unstage(Format f, boolean gradient, Object out, long outOffset, int m, int cap, short[] h,
                                float[] v) {
        round(f, v, 2 * cap, h, gradient ? cap : 0, h, 0, h, 2 * cap, whole(m));
        store(h, 2 * cap, out, outOffset, m);
    }

    private static void load(Object t, long offset, short[] to, int at, int n) {
        if (t instanceof short[] a) {
            System.arraycopy(a, (int) offset, to, at, n);
        } else {
            MemorySegment.copy((MemorySegment) t, SHORT, offset * Short.BYTES, to, at, n);
        }
    }

    private static void store(short[] from, int at, Object t, long offset, int n) {
        if (t instanceof short[] a) {
            System.arraycopy(from, at, a, (int) offset, n);
        } else {
            MemorySegment.copy(from, at, (MemorySegment) t, SHORT, offset * Short.BYTES, n);
        }
    }

    /** {@code h[0, n)} widened into {@code v[0, n)}. */
    private static void widen(Format f, short[] h, float[] v, int n) {
        if (f == Format.BF16) {
            widenBF16(h, v, n);
        } else {
            widenF16(h, v, n);
        }
    }

    /** {@code out = x > 0 ? keep : round(v)}, element by element, {@code x} and {@code keep} as encodings. */
    private static void round(Format f, float[] v, int from, short[] keep, int keepAt, short[] x, int xAt,
                              short[] out, int to, int n) {
        if (f == Format.BF16) {
            roundBF16(v, from, keep, keepAt, x, xAt, out, to, n);
        } else {
            roundF16(v, from, keep, keepAt, x, xAt, out, to, n);
        }
    }

    // The conversions: VectorHalves' algorithms (the same bits: the tests sweep every encoding),
    // written out in the loops rather than called. Past its first 18,000 nodes a compilation
    // still inlines the Vector API's own methods (later, @ForceInline) but no longer ours; a
    // VectorHalves method left as a call there boxes its vectors, and C2 may well inline one of
    // these loops into a caller that has made that many. So these loops call nothing but the
    // Vector API, and each is one conversion over whole vectors (n: a multiple of the lanes).

    static void widenBF16(short[] h, float[] v, int n) {
        for (int i = 0; i < n; i += H.length()) {
            ((IntVector) ShortVector.fromArray(H, h, i).convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(v, i);
        }
    }

    static void widenF16(short[] h, float[] v, int n) {
        for (int i = 0; i < n; i += H.length()) {
            IntVector bits = (IntVector) ShortVector.fromArray(H, h, i).convertShape(VectorOperators.S2I, I, 0);
            IntVector o = bits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13); // exponent and significand
            IntVector exponent = o.and(0x7C00 << 13);
            o = o.add((127 - 15) << 23); // rebias
            o = o.add((128 - 16) << 23, exponent.compare(VectorOperators.EQ, 0x7C00 << 13)); // Inf, NaN: to 255
            VectorMask<Integer> small = exponent.compare(VectorOperators.EQ, 0); // zero, subnormal
            // A subnormal's significand over exponent 2^-14, minus 2^-14: exact.
            o.add(1 << 23, small).reinterpretAsFloats().sub(Float.intBitsToFloat(113 << 23), small.cast(F))
                    .reinterpretAsInts().or(bits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats()
                    .intoArray(v, i);
        }
    }

    static void roundBF16(float[] v, int from, short[] keep, int keepAt, short[] x, int xAt, short[] out, int to,
                          int n) {
        for (int i = 0; i < n; i += H.length()) {
            FloatVector f = FloatVector.fromArray(F, v, from + i);
            IntVector b = f.reinterpretAsInts();
            IntVector upper = b.lanewise(VectorOperators.LSHR, 16);
            IntVector rounded = b.add(upper.and(1).add(0x7FFF)).lanewise(VectorOperators.LSHR, 16)
                    .blend(upper.or(0x0040), f.test(VectorOperators.IS_NAN).cast(I)); // a NaN: quieted
            ShortVector xv = ShortVector.fromArray(H, x, xAt + i);
            // x above zero (the encoding, +tiny..+Inf, mapped below the NaNs by the wrap-around add)
            VectorMask<Short> positive = xv.add((short) 0x7FFF).compare(VectorOperators.LT, (short) (0x7F80 - 0x8000));
            ((ShortVector) rounded.convertShape(VectorOperators.I2S, H, 0))
                    .blend(ShortVector.fromArray(H, keep, keepAt + i), positive).intoArray(out, to + i);
        }
    }

    static void roundF16(float[] v, int from, short[] keep, int keepAt, short[] x, int xAt, short[] out, int to,
                         int n) {
        for (int i = 0; i < n; i += H.length()) {
            FloatVector f = FloatVector.fromArray(F, v, from + i);
            IntVector b = f.reinterpretAsInts();
            IntVector a = b.and(0x7FFFFFFF);
            // Normal results: rebias, add half an ulp less one plus the ulp's parity, drop 13 bits.
            IntVector r = a.add(((15 - 127) << 23) + 0x0FFF).add(a.lanewise(VectorOperators.LSHR, 13).and(1))
                    .lanewise(VectorOperators.LSHR, 13);
            // Subnormal results and zero: adding 0.5 puts the significand's bits at the bottom, rounded by the add.
            r = r.blend(a.reinterpretAsFloats().add(0.5f).reinterpretAsInts().sub(Float.floatToRawIntBits(0.5f)),
                    a.compare(VectorOperators.LT, 113 << 23));
            r = r.blend(0x7C00, a.compare(VectorOperators.GE, (127 + 16) << 23)); // 2^16 and above: Inf
            r = r.blend(a.lanewise(VectorOperators.LSHR, 13).and(0x03FF).or(0x7E00),
                    f.test(VectorOperators.IS_NAN).cast(I)); // a NaN: quieted, top payload bits
            r = r.or(b.lanewise(VectorOperators.LSHR, 16).and(0x8000));
            ShortVector xv = ShortVector.fromArray(H, x, xAt + i);
            VectorMask<Short> positive = xv.add((short) 0x7FFF).compare(VectorOperators.LT, (short) (0x7C00 - 0x8000));
            ((ShortVector) r.convertShape(VectorOperators.I2S, H, 0))
                    .blend(ShortVector.fromArray(H, keep, keepAt + i), positive).intoArray(out, to + i);
        }
    }
}
