package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The fused forms, from the facades to the kernels, once for every op, format and container: the
 * forward pass with its mask bits ({@link Activation}), with a bias and per-unit counts of
 * positive inputs ({@link Epilogue}), and the backward pass from a mask.
 *
 * <p>How: a call goes block by block, {@link #BLOCK} elements that stay in cache while the block
 * kernels pass over them, so memory sees one read and one write per element, as for the plain
 * kernels. A forward block runs {@link BlockKernels#fused}: for floats and doubles one generated
 * loop per op and feature set (the bias, the gate's bits, the counts and the activation per
 * vector); for the 16-bit formats the bias into {@code y}, the gate's bits and the counts from
 * that sum, and the activation's own loop, in turn; so the bits are those of the separate passes.
 * Rows go a block at a time, their bias and counts as tiles of the block's length; runs a piece
 * of a run at a time. PReLU's slopes are one per unit: a run's is its Leaky ReLU slope, and
 * channels-last rows go through PReLU's row kernels ({@link ChannelKernels#rows}). A backward
 * block reads its mask bits and runs one kernel over {@code dy}: the lane function of
 * {@link Op#gateGradient()} on inputs {@code +1} (passes) and {@code -1} (does not) made in its
 * lanes (PReLU's rows: its row kernels on those inputs).
 * Blocks after the first start on a word of the mask, so that the threads of a parallel call
 * never share one; the counts of each piece of work are kept in ints and added to the caller's
 * longs once per piece (under the counts array's lock: integer sums, so any order gives the
 * same counts). Segments of any kind are copied a block at a time into arrays.
 *
 * <p>A shape: {@code units} (features or channels) of which element {@code e} of the range
 * belongs to unit {@code (e / run) % units}: rows of features have {@code run == 1}, channels
 * {@code run == spatial}; a flat call has one unit.
 */
final class FusedDriver {
    /**
     * Elements per block: a multiple of 64 (whole mask words); a block of floats and its output
     * (32 KiB) fit in L1, of doubles in L2. Bigger blocks make fewer calls: with blocks of 1024
     * and their mask words merged one by one, the forward with a mask on floats took 9% longer
     * beyond the caches (0.97 against 0.88 ns per element in a probe).
     */
    static final int BLOCK = 4096;
    /** Blocks between two additions of a piece's int counts to the caller's longs: fewer than 2^31 elements. */
    private static final int FLUSH = 1 << 16;

    private FusedDriver() {}

    /** A call's layout: see the class comment; {@code group}: the elements of one row or sample. */
    record Shape(int units, long run, long group) {
        static final Shape FLAT = new Shape(1, Long.MAX_VALUE, 1);

        /** Row-major {@code [n, features]}: a bias and a count per feature. */
        static Shape rows(int features) {
            return features == 1 ? FLAT : new Shape(features, 1, features);
        }

        /** {@code [n, channels, spatial]}: a bias and a count per channel. */
        static Shape channels(int channels, int spatial) {
            return channels == 1 ? new Shape(1, Long.MAX_VALUE, spatial)
                    : spatial == 1 ? rows(channels) : new Shape(channels, spatial, (long) channels * spatial);
        }

        /** The elements of {@code n} rows or samples ({@link IllegalArgumentException} if negative or too many). */
        long elements(long n) {
            return ChannelDriver.elements(n, group);
        }
    }

    // ---- Entry points: checks (all before any write), then the blocks. ----

    /**
     * {@code y = act(x + bias)} over {@code n} rows or samples of {@code shape}; {@code bias},
     * {@code mask} and {@code counts} may be null (and are, but {@code mask}, for the flat forms).
     * Tensors and the mask are arrays or segments alike; {@code length}: the elements, from
     * {@link Shape#elements} (checked there), or the flat forms' own.
     */
    static void forward(Loops loops, Op op, Format f, Shape shape, Object x, long xOffset, Object bias,
                        int biasOffset, Object y, long yOffset, Object mask, long maskOffset, long[] counts,
                        int countsOffset, long length, double p, double q) {
        tensors(f, x, xOffset, "x", y, yOffset, "y", length);
        if (bias != null) {
            Checks.range("bias", biasOffset, shape.units, ChannelDriver.slopes(f).length(bias));
        }
        if (mask != null) {
            mask(f, mask, maskOffset, length, true, x, xOffset, "x", y, yOffset, "y");
        }
        if (counts != null) {
            Checks.range("counts", countsOffset, shape.units, counts.length);
        }
        op.checkParams(f, p, q);
        if (bias != null) { // a parameter, checked as PReLU's slopes are
            for (int u = 0; u < shape.units; u++) {
                double v = ChannelDriver.slope(f, bias, biasOffset + u);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("bias[" + (biasOffset + u) + "] must be finite, was " + v);
                }
            }
        }
        if (length == 0) {
            return;
        }
        reachable(y, yOffset * f.bytes, mask, maskOffset);
        run(loops, FusedScratch.get().call.set(op, f, shape, x, xOffset, bias, biasOffset, null, 0, y, yOffset, mask,
                maskOffset, counts, countsOffset, length, p, q));
    }

    /** {@code dx = bit ? dy : the op's dx where the gradient does not pass}, from the mask of the forward pass. */
    static void backward(Loops loops, Op op, Format f, Object mask, long maskOffset, Object dy, long dyOffset,
                         Object dx, long dxOffset, long length, double p, double q) {
        Objects.requireNonNull(mask, "mask");
        tensors(f, dy, dyOffset, "dy", dx, dxOffset, "dx", length);
        mask(f, mask, maskOffset, length, false, dy, dyOffset, "dy", dx, dxOffset, "dx");
        op.checkParams(f, p, q);
        if (length == 0) {
            return;
        }
        reachable(dx, dxOffset * f.bytes, null, 0);
        run(loops, FusedScratch.get().call.set(op, f, Shape.FLAT, null, 0, null, 0, dy, dyOffset, dx, dxOffset, mask,
                maskOffset, null, 0, length, p, q));
    }

    /**
     * PReLU's forward with its mask: {@code y = x > 0 ? x : w[u] * x} over {@code length}
     * elements of {@code shape} (channels-first, channels-last, or one slope), and bit {@code i}
     * of the mask where {@code x > 0}: Leaky ReLU's gate, whatever the slope.
     */
    static void preluForward(Loops loops, Format f, Shape shape, Object x, long xOffset, Object y, long yOffset,
                             Object mask, long maskOffset, long length, Object w, int wOffset) {
        tensors(f, x, xOffset, "x", y, yOffset, "y", length);
        Objects.requireNonNull(mask, "mask");
        mask(f, mask, maskOffset, length, true, x, xOffset, "x", y, yOffset, "y");
        Objects.requireNonNull(w, "w");
        ChannelDriver.disjoint(y, yOffset, length, "y", w, wOffset, shape.units, "w");
        ChannelDriver.slopes(f, w, wOffset, shape.units);
        if (length == 0) {
            return;
        }
        reachable(y, yOffset * f.bytes, mask, maskOffset);
        run(loops, FusedScratch.get().call.set(Op.LEAKY_RELU, f, shape, x, xOffset, null, 0, null, 0, y, yOffset, mask,
                maskOffset, null, 0, length, 0, 0).slopes(w, wOffset));
    }

    /** PReLU's input gradient from the mask: {@code dx = bit ? dy : w[u] * dy}. */
    static void preluBackward(Loops loops, Format f, Shape shape, Object mask, long maskOffset, Object dy,
                              long dyOffset, Object dx, long dxOffset, long length, Object w, int wOffset) {
        Objects.requireNonNull(mask, "mask");
        tensors(f, dy, dyOffset, "dy", dx, dxOffset, "dx", length);
        mask(f, mask, maskOffset, length, false, dy, dyOffset, "dy", dx, dxOffset, "dx");
        Objects.requireNonNull(w, "w");
        ChannelDriver.disjoint(dx, dxOffset, length, "dx", w, wOffset, shape.units, "w");
        ChannelDriver.slopes(f, w, wOffset, shape.units);
        if (length == 0) {
            return;
        }
        reachable(dx, dxOffset * f.bytes, null, 0);
        run(loops, FusedScratch.get().call.set(Op.LEAKY_RELU, f, shape, null, 0, null, 0, dy, dyOffset, dx, dxOffset,
                mask, maskOffset, null, 0, length, 0, 0).slopes(w, wOffset));
    }

    /** An input and its output, as {@link Checks} checks the plain kernels' (the output may be the input). */
    private static void tensors(Format f, Object in, long inOffset, String inName, Object out, long outOffset,
                                String outName, long length) {
        Objects.requireNonNull(in, inName);
        Objects.requireNonNull(out, outName);
        if (in instanceof MemorySegment is && out instanceof MemorySegment os) {
            Checks.range(inName, inOffset, length, is.byteSize() / f.bytes);
            Checks.range(outName, outOffset, length, os.byteSize() / f.bytes);
            Checks.writable(os, outName);
            Checks.noPartialOverlap(os, outOffset, outName, is, inOffset, inName, length, f.bytes);
        } else {
            Checks.range(inName, inOffset, length, f.length(in));
            Checks.range(outName, outOffset, length, f.length(out));
            Checks.noPartialOverlap(out, (int) outOffset, outName, in, (int) inOffset, inName, (int) length);
        }
    }

    /** The mask's bit range; a segment mask written must be writable, and no segment mask may share a byte with the tensors. */
    private static void mask(Format f, Object mask, long maskOffset, long length, boolean written, Object a,
                             long aOffset, String aName, Object b, long bOffset, String bName) {
        Checks.range("mask", maskOffset, length, MaskWords.bits(mask));
        if (mask instanceof MemorySegment m) {
            if (written) {
                Checks.writable(m, "mask");
            }
            long from = maskOffset / Long.SIZE * Long.BYTES;
            long bytes = MaskWords.words(maskOffset + length) * Long.BYTES - from;
            apart(m, from, bytes, (MemorySegment) a, aOffset * f.bytes, length * f.bytes, aName);
            apart(m, from, bytes, (MemorySegment) b, bOffset * f.bytes, length * f.bytes, bName);
        }
    }

    private static void apart(MemorySegment m, long mFrom, long mBytes, MemorySegment t, long tFrom, long tBytes,
                              String name) {
        long m0 = m.address() + mFrom;
        long t0 = t.address() + tFrom;
        if (mBytes > 0 && tBytes > 0 && m0 < t0 + tBytes && t0 < m0 + mBytes && m.asOverlappingSlice(t).isPresent()) {
            throw new IllegalArgumentException("mask words [" + mFrom / Long.BYTES + ", " + (mFrom + mBytes) / Long.BYTES
                    + ") overlap " + name + " at the same addresses");
        }
    }

    /**
     * Reads a byte of each output segment in range (the tensor's first element, the mask's first
     * word), so that a closed one, or one of another thread, fails with the JDK's exception before
     * any block writes the other: a block writes {@code y} and the mask one after the other.
     */
    private static void reachable(Object out, long outByte, Object mask, long maskOffset) {
        if (out instanceof MemorySegment s) {
            s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, outByte);
        }
        if (mask instanceof MemorySegment m) {
            m.get(java.lang.foreign.ValueLayout.JAVA_BYTE, maskOffset / Long.SIZE * Long.BYTES);
        }
    }

    // ---- The blocks. ----

    /**
     * One checked call. {@code x}: the forward input (null backward); {@code dy}: the backward's
     * (null forward). Mutable, one per calling thread ({@link FusedScratch#call}), set at the
     * start of a call and read by its pieces on every thread until it returns: no allocation a
     * call (C2 could not scalar-replace a record passed to the block loop).
     */
    static final class Call {
        Op op;
        Format f;
        Shape shape;
        Object x;
        long xOffset;
        Object bias;
        int biasOffset;
        Object dy;
        long dyOffset;
        Object out;
        long outOffset;
        Object mask;
        long maskOffset;
        long[] counts;
        int countsOffset;
        long length;
        double p;
        double q;
        /** PReLU's slopes (an array of {@link ChannelDriver#slopes(Format)}), one per unit; else null. */
        Object slopes;
        int slopesOffset;

        Call set(Op op, Format f, Shape shape, Object x, long xOffset, Object bias, int biasOffset, Object dy,
                 long dyOffset, Object out, long outOffset, Object mask, long maskOffset, long[] counts,
                 int countsOffset, long length, double p, double q) {
            this.op = op;
            this.f = f;
            this.shape = shape;
            this.x = x;
            this.xOffset = xOffset;
            this.bias = bias;
            this.biasOffset = biasOffset;
            this.dy = dy;
            this.dyOffset = dyOffset;
            this.out = out;
            this.outOffset = outOffset;
            this.mask = mask;
            this.maskOffset = maskOffset;
            this.counts = counts;
            this.countsOffset = countsOffset;
            this.length = length;
            this.p = p;
            this.q = q;
            this.slopes = null;
            return this;
        }

        /** This call with a slope per unit: PReLU's (its op is Leaky ReLU). */
        Call slopes(Object w, int wOffset) {
            this.slopes = w;
            this.slopesOffset = wOffset;
            return this;
        }

        /** Unit {@code u}'s Leaky ReLU slope: PReLU's {@code w}, else the op's parameter. */
        double p(int u) {
            return slopes == null ? p : ChannelDriver.slope(f, slopes, slopesOffset + u);
        }

        /** Drops the call's arrays and segments, so that the thread does not keep them alive. */
        void clear() {
            x = bias = dy = out = mask = slopes = null;
            counts = null;
        }

        /** Where block 0 starts in its mask word: the later blocks start on one. */
        int lead() {
            return mask == null ? 0 : (int) (maskOffset & 63);
        }

        long blocks() {
            return Math.ceilDiv(length + lead(), BLOCK);
        }

        /** The first element of block {@code k}, or the length for {@code k == blocks()}. */
        long start(long k) {
            return Math.min(length, Math.max(0, k * BLOCK - lead()));
        }

        boolean segments() {
            return out instanceof MemorySegment;
        }
    }

    private static void run(Loops loops, Call call) {
        try {
            Loops serial = ParallelLoops.serial(loops);
            BlockKernels kernels = serial.blocks(call.length);
            // PReLU's rows have a slope per element: its channel kernels do those pieces.
            ChannelKernels channels = call.slopes != null && call.shape.run == 1 ? serial.channels(call.length) : null;
            if (loops instanceof ParallelLoops p && call.length >= p.threshold() && anyThread(call)) {
                p.splitUnits(call.blocks(), BLOCK,
                        (from, count) -> blocks(serial, kernels, channels, call, from, from + count));
            } else {
                blocks(serial, kernels, channels, call, 0, call.blocks());
            }
        } finally {
            call.clear();
        }
    }

    private static boolean anyThread(Call call) {
        return ok(call.x) && ok(call.dy) && ok(call.out) && ok(call.mask);
    }

    private static boolean ok(Object t) {
        return !(t instanceof MemorySegment s) || ParallelLoops.anyThread(s, s);
    }

    /**
     * Blocks {@code [first, end)} of a call, on this thread. Rows of units ({@code run == 1}) go
     * a block at a time: the bias and the counts are then "tiles", one element per element of a
     * block from any unit on ({@code tile[k]} for unit {@code k % units}), so that the kernel
     * reads and adds them in step with the elements. Runs go a piece of a run at a time, with the
     * run's bias and its count of positives.
     */
    private static void blocks(Loops loops, BlockKernels kernels, ChannelKernels channels, Call call, long first,
                               long end) {
        FusedScratch scratch = FusedScratch.get();
        Shape shape = call.shape;
        boolean rows = shape.run == 1;
        int tileLength = shape.units + BLOCK;
        Object biasTile = null;
        if (rows && call.bias != null) {
            biasTile = scratch.biasTile(ChannelDriver.slopes(call.f), tileLength);
            for (int k = 0; k < tileLength; k += shape.units) {
                System.arraycopy(call.bias, call.biasOffset, biasTile, k, Math.min(shape.units, tileLength - k));
            }
        }
        int[] counts = call.counts == null ? null : scratch.counts(rows ? tileLength : shape.units);
        for (long k = first; k < end; k++) {
            long a = call.start(k);
            int n = (int) (call.start(k + 1) - a);
            if (call.dy == null) {
                forwardBlock(loops, kernels, channels, call, scratch, biasTile, counts, a, n);
            } else {
                backwardBlock(kernels, channels, call, scratch, a, n);
            }
            if (counts != null && ((k - first + 1) % FLUSH == 0 || k + 1 == end)) {
                int used = rows ? tileLength : shape.units;
                // A tile folds onto its first units in ints (loops C2 vectorises, no division per
                // element), which are then added to the caller's longs.
                for (int base = shape.units; base < used; base += shape.units) {
                    int m = Math.min(shape.units, used - base);
                    for (int u = 0; u < m; u++) {
                        counts[u] += counts[base + u];
                    }
                }
                synchronized (call.counts) {
                    for (int u = 0; u < shape.units; u++) {
                        call.counts[call.countsOffset + u] += counts[u];
                    }
                }
                java.util.Arrays.fill(counts, 0, used, 0);
            }
        }
    }

    private static void forwardBlock(Loops loops, BlockKernels kernels, ChannelKernels channels, Call call,
                                     FusedScratch scratch, Object biasTile, int[] counts, long a, int n) {
        Format f = call.f;
        Object src;
        int at;
        Object dst;
        int to;
        if (call.segments()) {
            src = dst = scratch.staged(f);
            at = to = 0;
            MemorySegment.copy((MemorySegment) call.x, f.layout, (call.xOffset + a) * f.bytes, src, 0, n);
        } else {
            src = call.x;
            at = (int) (call.xOffset + a);
            dst = call.out;
            to = (int) (call.outOffset + a);
        }
        long[] words = call.mask == null ? null : scratch.words;
        Shape shape = call.shape;
        if (channels != null) { // PReLU's rows: the gate (before the activation in place), then row pieces
            boolean inPlace = src == dst && at == to;
            if (!inPlace) {
                preluRows(channels, call, a, n, src, at, null, 0, dst, to);
            }
            kernels.gate(call.op, f, src, at, n, 0, 0, words);
            if (inPlace) {
                preluRows(channels, call, a, n, src, at, null, 0, dst, to);
            }
        } else if (shape.run == 1) {
            int u = (int) (a % shape.units);
            kernels.fused(loops, call.op, f, src, at, dst, to, n, call.p, call.q, biasTile, u, 0, biasTile == null ? 0 : 1,
                    words, counts, u, false);
        } else {
            boolean one = shape.units == 1 && shape.run == Long.MAX_VALUE; // one run: no division a block
            for (int done = 0; done < n; ) {
                long e = a + done;
                int u = one ? 0 : (int) (e / shape.run % shape.units);
                int len = one ? n : (int) Math.min(shape.run - e % shape.run, n - done);
                long[] pieceWords = words == null || len == n ? words : scratch.pieceWords;
                double bias = call.bias == null ? 0 : ChannelDriver.slope(f, call.bias, call.biasOffset + u);
                int above = kernels.fused(loops, call.op, f, src, at + done, dst, to + done, len, call.p(u), call.q, null, 0,
                        bias, call.bias == null ? 0 : 2, pieceWords, null, 0, counts != null);
                if (counts != null) {
                    counts[u] += above;
                }
                if (pieceWords != words) {
                    MaskWords.write(words, done, pieceWords, len);
                }
                done += len;
            }
        }
        if (words != null) {
            MaskWords.write(call.mask, call.maskOffset + a, words, n);
        }
        if (call.segments()) {
            MemorySegment.copy(dst, 0, (MemorySegment) call.out, f.layout, (call.outOffset + a) * f.bytes, n);
        }
    }

    private static void backwardBlock(BlockKernels kernels, ChannelKernels channels, Call call, FusedScratch scratch,
                                      long a, int n) {
        Format f = call.f;
        Object dy = call.dy;
        int from = (int) (call.dyOffset + a);
        Object dx = call.out;
        int to = (int) (call.outOffset + a);
        if (call.segments()) {
            dy = dx = scratch.staged(f);
            from = to = 0;
            MemorySegment.copy((MemorySegment) call.dy, f.layout, (call.dyOffset + a) * f.bytes, dy, 0, n);
        }
        Shape shape = call.shape;
        if (channels != null) { // PReLU's rows: the inputs the mask stands for, through its channel kernels
            MaskWords.read(call.mask, call.maskOffset + a, scratch.words, n);
            Object inputs = scratch.inputs(f);
            kernels.inputs(f, scratch.words, n, inputs);
            preluRows(channels, call, a, n, inputs, 0, dy, from, dx, to);
        } else {
            boolean one = shape.units == 1 && shape.run == Long.MAX_VALUE;
            for (int done = 0; done < n; ) {
                long e = a + done;
                int u = one ? 0 : (int) (e / shape.run % shape.units);
                int len = one ? n : (int) Math.min(shape.run - e % shape.run, n - done);
                MaskWords.read(call.mask, call.maskOffset + e, scratch.words, len);
                kernels.gradient(call.op, f, scratch.words, dy, from + done, dx, to + done, len, call.p(u),
                        scratch.inputs(f));
                done += len;
            }
        }
        if (call.segments()) {
            MemorySegment.copy(dx, 0, (MemorySegment) call.out, f.layout, (call.outOffset + a) * f.bytes, n);
        }
    }

    /**
     * PReLU channels-last over elements {@code [a, a + n)} of the call: each piece of a row is a
     * row of its own, of the channels it holds, with their slopes (forward with {@code dy} null).
     */
    private static void preluRows(ChannelKernels channels, Call call, long a, int n, Object x, int xAt, Object dy,
                                  int dyAt, Object out, int outAt) {
        int units = call.shape.units;
        for (int done = 0; done < n; ) {
            int u = (int) ((a + done) % units);
            int len = Math.min(units - u, n - done);
            channels.rows(call.f, x, xAt + done, dy, dyAt + done, out, outAt + done, 1, len, call.slopes,
                    call.slopesOffset + u);
            done += len;
        }
    }
}
