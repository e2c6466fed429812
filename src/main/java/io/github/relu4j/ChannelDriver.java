package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * PReLU from the facade to the kernels, once for every format and container: checks every
 * argument before anything is written, routes segments, cuts a call into runs, rows and blocks,
 * splits them across threads, and folds the slope gradient's block sums.
 *
 * <p>Tensors arrive as {@code Object}: an array of the format, or a native segment (heap and
 * mapped segments are copied into arrays for the call, {@link Staged}); offsets and counts are
 * longs (arrays' fit in an int once checked). Slopes and slope gradients are arrays of
 * {@link #slopes(Format)}: the tensor's format, or float for the 16-bit formats, which keep
 * their parameters and gradients in float as mixed-precision training does. The shape: {@code n} groups of {@code group}
 * elements, a group being one sample {@code [C, S]} channels-first or one row {@code [C]}
 * channels-last. With one channel, both layouts are one run of all the elements.
 *
 * <p>Forward and input gradient: with one slope, Leaky ReLU ({@link Loops#map1},
 * {@link Loops#map2}); channels-first, {@link ChannelKernels#planes} over runs of {@code S};
 * channels-last, {@link ChannelKernels#rows}; split by whole runs or rows. Slope gradient: the
 * elements of each channel are cut into blocks (at most {@link #BLOCK} elements; whole runs of one
 * channel when {@code S < BLOCK}, as many as fit in {@code BLOCK} once each is padded to a
 * multiple of 32; else a piece of one run), whose sums ({@link ChannelKernels#runs},
 * {@link ChannelKernels#rowSums}) are added in double in groups of {@link #GROUP} (per channel:
 * of {@code GROUP / C}) consecutive blocks, and the group sums in order, then rounded once to the
 * slopes' format (a 16-bit tensor's terms are those of its elements widened to float, so its
 * {@code dw} has the bits of the float kernel on the widened tensors). A unit of work is one block of every channel. Blocks and groups, not threads, fix the
 * order: a thread computes whole groups, whose sums wait in an array until every group is done,
 * so any number of threads gives the same bits.
 */
final class ChannelDriver {
    /** Elements per block of the slope gradient (at most; the contract states it). */
    static final int BLOCK = 4096;

    private ChannelDriver() {}

    // ---- Checks, in the order of Checks: nulls, ranges, read-only, overlaps, then the slopes. ----

    /** The elements of {@code n} groups; n must not be negative, nor the product overflow. */
    static long elements(long n, long group) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (group != 0 && n > Long.MAX_VALUE / group) {
            throw new IllegalArgumentException("n (" + n + ") groups of " + group + " elements overflow a long");
        }
        return n * group;
    }

    /** A tensor argument: not null, its range within it, writable if an output. */
    private static void tensor(Format f, String name, Object t, long offset, long count, boolean output) {
        Objects.requireNonNull(t, name);
        if (t instanceof MemorySegment s) {
            Checks.range(name, offset, count, s.byteSize() / f.bytes);
            if (output) {
                Checks.writable(s, name);
            }
        } else {
            Checks.range(name, offset, count, f.length(t));
        }
    }

    /** Output {@code out} may be input {@code in} itself, at the same place, but may not overlap it otherwise. */
    private static void partial(Format f, Object out, long outOffset, String outName, Object in, long inOffset,
                                String inName, long count) {
        if (out instanceof MemorySegment o && in instanceof MemorySegment i) {
            Checks.noPartialOverlap(o, outOffset, outName, i, inOffset, inName, count, f.bytes);
        } else if (!(out instanceof MemorySegment) && !(in instanceof MemorySegment)) {
            Checks.noPartialOverlap(out, (int) outOffset, outName, in, (int) inOffset, inName, (int) count);
        }
    }

    /** Arrays {@code a} and {@code b}, when they are one array, must not share an element in their ranges. */
    static void disjoint(Object a, long aOffset, long aCount, String aName, Object b, long bOffset,
                                 long bCount, String bName) {
        if (a == b && aOffset < bOffset + bCount && bOffset < aOffset + aCount && aCount > 0 && bCount > 0) {
            throw new IllegalArgumentException(aName + "[" + aOffset + ", " + (aOffset + aCount) + ") overlaps "
                    + bName + "[" + bOffset + ", " + (bOffset + bCount) + ") in the same array");
        }
    }

    /** Slopes: present, in range, finite (as floats for every format but F64). */
    static void slopes(Format f, Object w, int wOffset, int channels) {
        Objects.requireNonNull(w, "w");
        Checks.range("w", wOffset, channels, slopes(f).length(w));
        for (int c = 0; c < channels; c++) {
            double v = slope(f, w, wOffset + c);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("w[" + (wOffset + c) + "] must be finite, was " + v);
            }
        }
    }

    private static void slopeGradients(Format f, Object dw, int dwOffset, int channels) {
        Objects.requireNonNull(dw, "dw");
        Checks.range("dw", dwOffset, channels, slopes(f).length(dw));
    }

    /**
     * The format of the slopes and the slope gradient for tensors of {@code f}: {@code f}, or
     * {@link Format#F32} for the 16-bit formats (parameters in float, as their kernels compute).
     */
    static Format slopes(Format f) {
        return f.half ? Format.F32 : f;
    }

    /** Slope {@code i} of {@code w}, an array of {@link #slopes(Format)}. */
    static double slope(Format f, Object w, int i) {
        return f.single ? ((float[]) w)[i] : ((double[]) w)[i];
    }

    // ---- Entry points. ----

    /** {@code y = x > 0 ? x : w[c] * x}. */
    static void forward(Loops loops, Format f, boolean last, int channels, int spatial, Object x, long xOffset,
                        Object y, long yOffset, long n, Object w, int wOffset) {
        long count = elements(n, group(last, channels, spatial));
        tensor(f, "x", x, xOffset, count, false);
        tensor(f, "y", y, yOffset, count, true);
        Objects.requireNonNull(w, "w");
        Checks.range("w", wOffset, channels, slopes(f).length(w));
        partial(f, y, yOffset, "y", x, xOffset, "x", count);
        disjoint(y, yOffset, count, "y", w, wOffset, channels, "w");
        slopes(f, w, wOffset, channels);
        if (staged(x, y)) {
            Staged s = new Staged(f, count, x, xOffset, y, yOffset, null, 0);
            forward(loops, f, last, channels, spatial, s.x, 0, s.out, 0, n, w, wOffset);
            s.copyOut(y, yOffset);
            return;
        }
        elementwise(loops, f, last, channels, spatial, x, xOffset, null, 0, y, yOffset, n, count, w, wOffset);
    }

    /** {@code dx = x > 0 ? dy : w[c] * dy}, and with {@code dw != null} also the slope gradient. */
    static void backward(Loops loops, Format f, boolean last, int channels, int spatial, Object x, long xOffset,
                         Object dy, long dyOffset, Object dx, long dxOffset, long n, Object w, int wOffset,
                         Object dw, int dwOffset) {
        long count = elements(n, group(last, channels, spatial));
        tensor(f, "x", x, xOffset, count, false);
        tensor(f, "dy", dy, dyOffset, count, false);
        if (dx != null || dw == null) {
            tensor(f, "dx", dx, dxOffset, count, true);
        }
        if (dx != null || w != null) {
            Objects.requireNonNull(w, "w");
            Checks.range("w", wOffset, channels, slopes(f).length(w));
        }
        if (dw != null) {
            slopeGradients(f, dw, dwOffset, channels);
        }
        if (dx != null) {
            partial(f, dx, dxOffset, "dx", x, xOffset, "x", count);
            partial(f, dx, dxOffset, "dx", dy, dyOffset, "dy", count);
            disjoint(dx, dxOffset, count, "dx", w, wOffset, channels, "w");
            disjoint(dx, dxOffset, count, "dx", dw, dwOffset, channels, "dw");
        }
        if (dw != null) {
            disjoint(dw, dwOffset, channels, "dw", x, xOffset, count, "x");
            disjoint(dw, dwOffset, channels, "dw", dy, dyOffset, count, "dy");
            disjoint(dw, dwOffset, channels, "dw", w, wOffset, channels, "w");
        }
        if (w != null) {
            slopes(f, w, wOffset, channels);
        }
        if (staged(x, dy) || (dx != null && staged(dx, dx))) {
            Staged s = new Staged(f, count, x, xOffset, dx, dxOffset, dy, dyOffset);
            backward(loops, f, last, channels, spatial, s.x, 0, s.dy, 0, dx == null ? null : s.out, 0, n, w,
                    wOffset, dw, dwOffset);
            if (dx != null) {
                s.copyOut(dx, dxOffset);
            }
            return;
        }
        if (dw == null) {
            elementwise(loops, f, last, channels, spatial, x, xOffset, dy, dyOffset, dx, dxOffset, n, count, w,
                    wOffset);
        } else {
            slopeGradient(loops, f, last, channels, spatial, x, xOffset, dy, dyOffset, dx, dxOffset, n, count, w,
                    wOffset, dw, dwOffset);
        }
    }

    private static long group(boolean last, int channels, int spatial) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, was " + channels);
        }
        return last ? channels : (long) channels * spatial;
    }

    // ---- Segments that the kernels do not take: heap (other than a view of the format's array) and mapped. ----

    /** Whether these tensors must be staged: a segment among them that is not native, or is mapped (see {@link Dispatch}). */
    private static boolean staged(Object a, Object b) {
        return stages(a) || stages(b);
    }

    private static boolean stages(Object t) {
        return t instanceof MemorySegment s && (!s.isNative() || (s.isMapped() && !Dispatch.MAPPED_DIRECT));
    }

    /**
     * Copies of segment tensors in arrays of the format, for one call: the simple way for the
     * segments the kernels do not take (the elementwise kernels stage them a chunk at a time,
     * {@link HeapSegments}; PReLU's blocks would have to line up with the chunks). Allocates the
     * call's tensors once more, so at most {@link Integer#MAX_VALUE} - 8 elements.
     */
    private static final class Staged {
        final Object x;
        final Object dy;
        final Object out;
        private final Format f;
        private final int count;

        Staged(Format f, long count, Object x, long xOffset, Object out, long outOffset, Object dy, long dyOffset) {
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(count + " elements in heap or mapped segments: at most "
                        + (Integer.MAX_VALUE - 8) + " (or set " + Dispatch.MAPPED_PROPERTY + "=direct for mapped ones)");
            }
            this.f = f;
            this.count = (int) count;
            this.x = copyIn(x, xOffset);
            this.dy = dy == null ? null : dy == x && dyOffset == xOffset ? this.x : copyIn(dy, dyOffset);
            this.out = out == null ? null : out == x && outOffset == xOffset ? this.x
                    : out == dy && outOffset == dyOffset ? this.dy : f.newArray(this.count);
        }

        private Object copyIn(Object t, long offset) {
            Object a = f.newArray(count);
            MemorySegment.copy((MemorySegment) t, f.layout, offset * f.bytes, view(a), f.layout, 0, count);
            return a;
        }

        void copyOut(Object t, long offset) {
            MemorySegment.copy(view(out), f.layout, 0, (MemorySegment) t, f.layout, offset * f.bytes, count);
        }

        private static MemorySegment view(Object array) {
            return switch (array) {
                case float[] a -> MemorySegment.ofArray(a);
                case short[] a -> MemorySegment.ofArray(a);
                default -> MemorySegment.ofArray((double[]) array);
            };
        }
    }

    // ---- Forward and input gradient. ----

    private static void elementwise(Loops loops, Format f, boolean last, int channels, int spatial, Object x,
                                    long xOffset, Object dy, long dyOffset, Object out, long outOffset, long n,
                                    long count, Object w, int wOffset) {
        if (count == 0) {
            return;
        }
        if (channels == 1) { // one slope: Leaky ReLU, split by the loops themselves
            leaky(loops, f, x, xOffset, dy, dyOffset, out, outOffset, count, slope(f, w, wOffset));
            return;
        }
        ChannelKernels kernels = ParallelLoops.serial(loops).channels(count);
        long units = last ? n : n * channels;
        long unit = last ? channels : spatial;
        if (split(loops, count, x, dy, out) instanceof ParallelLoops p) {
            p.splitUnits(units, unit, (from, length) -> elementwiseUnits(kernels, f, last, channels, spatial, x,
                    xOffset, dy, dyOffset, out, outOffset, from, length, w, wOffset));
        } else {
            elementwiseUnits(kernels, f, last, channels, spatial, x, xOffset, dy, dyOffset, out, outOffset, 0, units,
                    w, wOffset);
        }
    }

    /** The parallel loops to split a call of {@code count} elements with, or null: below the threshold, or confined segments. */
    private static ParallelLoops split(Loops loops, long count, Object a, Object b, Object c) {
        return loops instanceof ParallelLoops p && count >= p.threshold() && ok(a) && ok(b) && ok(c) ? p : null;
    }

    /** Runs {@code [from, from + length)} (channels-first) or rows (channels-last). */
    private static void elementwiseUnits(ChannelKernels kernels, Format f, boolean last, int channels, int spatial,
                                         Object x, long xOffset, Object dy, long dyOffset, Object out, long outOffset,
                                         long from, long length, Object w, int wOffset) {
        long at = from * (last ? channels : spatial);
        if (x instanceof MemorySegment xs) {
            if (last) {
                kernels.rows(f, xs, xOffset + at, (MemorySegment) dy, dyOffset + at, (MemorySegment) out,
                        outOffset + at, length, channels, w, wOffset);
            } else {
                kernels.planes(f, xs, xOffset + at, (MemorySegment) dy, dyOffset + at, (MemorySegment) out,
                        outOffset + at, length, spatial, (int) (from % channels), channels, w, wOffset);
            }
        } else if (last) {
            kernels.rows(f, x, (int) (xOffset + at), dy, (int) (dyOffset + at), out, (int) (outOffset + at),
                    (int) length, channels, w, wOffset);
        } else {
            kernels.planes(f, x, (int) (xOffset + at), dy, (int) (dyOffset + at), out, (int) (outOffset + at),
                    (int) length, spatial, (int) (from % channels), channels, w, wOffset);
        }
    }

    /** Leaky ReLU forward ({@code dy == null}) or backward at one slope. */
    private static void leaky(Loops loops, Format f, Object x, long xOffset, Object dy, long dyOffset, Object out,
                              long outOffset, long count, double slope) {
        if (x instanceof MemorySegment xs) {
            if (dy == null) {
                loops.map1(Op.LEAKY_RELU, f, xs, xOffset, (MemorySegment) out, outOffset, count, slope, 0);
            } else {
                loops.map2(Op.LEAKY_RELU, f, xs, xOffset, (MemorySegment) dy, dyOffset, (MemorySegment) out,
                        outOffset, count, slope, 0);
            }
        } else if (dy == null) {
            loops.map1(Op.LEAKY_RELU, f, x, (int) xOffset, out, (int) outOffset, (int) count, slope, 0);
        } else {
            loops.map2(Op.LEAKY_RELU, f, x, (int) xOffset, dy, (int) dyOffset, out, (int) outOffset, (int) count,
                    slope, 0);
        }
    }

    // ---- Slope gradient. ----

    /**
     * Units of work, each one block of every channel: channels-first with one channel or runs of
     * at least {@link #BLOCK}, unit {@code u} is piece {@code u % pieces} of run {@code u / pieces};
     * shorter runs, {@code grouped} runs; channels-last, {@code grouped} rows. Consecutive units
     * form groups of {@code group}: a channel's block sums are added within each group, and the
     * group sums in order, so that a parallel call keeps one sum per group and channel, not per
     * block. {@code group} makes a group about {@code 64 * BLOCK} elements.
     */
    private static void slopeGradient(Loops loops, Format f, boolean last, int channels, int spatial, Object x,
                                      long xOffset, Object dy, long dyOffset, Object dx, long dxOffset, long n,
                                      long count, Object w, int wOffset, Object dw, int dwOffset) {
        boolean rows = last && channels > 1;
        long runs = channels == 1 ? 1 : n;
        long run = channels == 1 ? count : rows ? 1 : spatial;
        long pieces = !rows && run >= BLOCK ? Math.ceilDiv(run, BLOCK) : 1;
        // A block of short runs holds at most BLOCK terms once each run is padded to whole chunks of 32.
        long grouped = rows ? Math.max(1, BLOCK / channels)
                : run >= BLOCK || run == 0 ? 1 : Math.max(1, BLOCK / (Math.ceilDiv(run, 32) * 32));
        long units = count == 0 ? 0 : pieces > 1 ? runs * pieces : Math.ceilDiv(runs, grouped);
        long group = rows ? GROUP : Math.max(1, GROUP / channels);
        long groups = Math.ceilDiv(units, group);
        ChannelKernels kernels = ParallelLoops.serial(loops).channels(count);
        ChannelScratch scratch = ChannelScratch.get();
        double[] sums;
        if (groups > 1 && split(loops, count, x, dy, dx) instanceof ParallelLoops p) {
            // Every group's sums, then the fold: any split gives the bits of one thread.
            double[] groupSums = scratch.call(Math.toIntExact(groups * channels));
            p.splitUnits(groups, Math.ceilDiv(count, groups), (from, length) -> {
                for (long g = from; g < from + length; g++) {
                    group(kernels, f, rows, channels, runs, run, pieces, grouped, units, group, g, x, xOffset, dy,
                            dyOffset, dx, dxOffset, w, wOffset, groupSums, (int) (g * channels));
                }
            });
            sums = scratch.piece(channels);
            java.util.Arrays.fill(sums, 0, channels, 0d);
            for (long g = 0; g < groups; g++) {
                for (int c = 0; c < channels; c++) {
                    sums[c] += groupSums[(int) (g * channels) + c];
                }
            }
        } else {
            sums = scratch.piece(4 * channels);
            java.util.Arrays.fill(sums, 0, channels, 0d);
            for (long g = 0; g < groups; g++) {
                group(kernels, f, rows, channels, runs, run, pieces, grouped, units, group, g, x, xOffset, dy, dyOffset,
                        dx, dxOffset, w, wOffset, sums, channels);
                for (int c = 0; c < channels; c++) {
                    sums[c] += sums[channels + c];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            if (f.single) { // F32, and the 16-bit formats, whose dw is float too
                ((float[]) dw)[dwOffset + c] = (float) sums[c];
            } else {
                ((double[]) dw)[dwOffset + c] = sums[c];
            }
        }
    }

    /** Units per group, channels-last; channels-first it is this divided by the channels (at least 1). */
    static final int GROUP = 64;

    /**
     * Group {@code g}'s sum of every channel into {@code out[at + c]}: its units' block sums added
     * in order from +0.0 (with {@code dx}, their input gradients written too). Works in the
     * calling thread's {@link ChannelScratch#piece} beyond {@code 2 * channels}, so {@code out}
     * may be that scratch's first {@code 2 * channels}.
     */
    private static void group(ChannelKernels kernels, Format f, boolean rows, int channels, long runs, long run,
                              long pieces, long grouped, long units, long group, long g, Object x, long xOffset,
                              Object dy, long dyOffset, Object dx, long dxOffset, Object w, int wOffset, double[] out,
                              int at) {
        ChannelScratch scratch = ChannelScratch.get();
        double[] work = scratch.piece(4 * channels); // the caller's array when out is this scratch: same size
        int blocks = 2 * channels;
        java.util.Arrays.fill(out, at, at + channels, 0d);
        for (long u = g * group; u < Math.min(units, (g + 1) * group); u++) {
            unit(kernels, f, rows, channels, runs, run, pieces, grouped, x, xOffset, dy, dyOffset, dx, dxOffset, w,
                    wOffset, u, work, blocks, scratch.lanes);
            for (int c = 0; c < channels; c++) {
                out[at + c] += work[blocks + c];
            }
        }
    }

    /** Unit {@code u}'s block sum of every channel into {@code out[at + c]}; its input gradient too if {@code dx} is given. */
    private static void unit(ChannelKernels kernels, Format f, boolean rows, int channels, long runs, long run,
                             long pieces, long grouped, Object x, long xOffset, Object dy, long dyOffset, Object dx,
                             long dxOffset, Object w, int wOffset, long u, double[] out, int at, double[] lanes) {
        if (rows) {
            long first = u * grouped;
            int count = (int) Math.min(grouped, runs - first);
            long e = first * channels;
            if (x instanceof MemorySegment xs) {
                kernels.rowSums(f, xs, xOffset + e, (MemorySegment) dy, dyOffset + e, (MemorySegment) dx,
                        dxOffset + e, count, channels, w, wOffset, out, at);
            } else {
                kernels.rowSums(f, x, (int) (xOffset + e), dy, (int) (dyOffset + e), dx, (int) (dxOffset + e),
                        count, channels, w, wOffset, out, at);
            }
            return;
        }
        long firstRun;
        long within;
        int count;
        int length;
        if (pieces > 1) {
            firstRun = u / pieces;
            within = u % pieces * BLOCK;
            count = 1;
            length = (int) Math.min(BLOCK, run - within);
        } else {
            firstRun = u * grouped;
            within = 0;
            count = (int) Math.min(grouped, runs - firstRun);
            length = (int) run;
        }
        long stride = channels * run;
        for (int c = 0; c < channels; c++) {
            long e = (firstRun * channels + c) * run + within;
            double slope = w == null ? 0 : slope(f, w, wOffset + c);
            if (x instanceof MemorySegment xs) {
                out[at + c] = kernels.runs(f, xs, xOffset + e, (MemorySegment) dy, dyOffset + e, (MemorySegment) dx,
                        dxOffset + e, count, stride, length, slope, lanes);
            } else {
                out[at + c] = kernels.runs(f, x, (int) (xOffset + e), dy, (int) (dyOffset + e), dx,
                        (int) (dxOffset + e), count, (int) stride, length, slope, lanes);
            }
        }
    }

    /** Whether a segment tensor may be used from any thread (arrays always, and absent ones). */
    private static boolean ok(Object t) {
        return !(t instanceof MemorySegment s) || ParallelLoops.anyThread(s, s);
    }
}
