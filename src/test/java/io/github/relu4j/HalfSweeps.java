package io.github.relu4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Sweeps of the 16-bit kernels over every encoding, checked against the contract ({@link Oracle},
 * which hands these formats to {@link HalfOracle}): forward over all 65,536 inputs, and backward
 * over all 65,536 dy for each x asked. For {@link ExhaustiveHalfTest} and, on C2's code at every
 * vector width, {@link C2HalfSweepTest}.
 *
 * <p>Every range sits between {@link #PAD} canaries that must survive, and every output is
 * pre-filled with the expected bits flipped in their lowest bit, so that an element a kernel
 * fails to write cannot pass. The 65,536 elements go through calls of {@link #CALL} elements, so
 * every call ends in a masked tail and, on native memory, starts at another offset from a vector
 * boundary (every length of the aligning head).
 *
 * <p>A backward kernel's answer at a fixed {@code x} is, for every {@code dy}, {@code dy} itself,
 * {@code +0}, or {@code dy * alpha} rounded ({@link HalfOracle.Gradient}): so a row of all 65,536
 * {@code dy} at one {@code x} is compared with one of three precomputed rows, and the 2^32 pairs
 * cost no oracle call per pair.
 */
final class HalfSweeps {
    private HalfSweeps() {}

    static final int ENCODINGS = 1 << 16;
    /** Canaries on either side of every range: more than the widest vector of shorts (2048 bits). */
    static final int PAD = 160;
    static final int LENGTH = PAD + ENCODINGS + PAD;
    /** Elements per call: odd, so that calls end in tails and start at every offset from alignment. */
    static final int CALL = 4093;
    static final List<Element> FORMATS = List.of(Element.BF16, Element.F16);

    /** Where a kernel runs: an engine, on arrays or on native segments (64-byte aligned, or one byte off). */
    enum Where {
        SCALAR, SCALAR_NATIVE, VECTOR, VECTOR_NATIVE, VECTOR_NATIVE_UNALIGNED, PORTABLE, PORTABLE_NATIVE;

        Engine engine() {
            return switch (this) {
                case SCALAR, SCALAR_NATIVE -> Engine.scalar();
                case VECTOR, VECTOR_NATIVE, VECTOR_NATIVE_UNALIGNED -> Engine.vector();
                case PORTABLE, PORTABLE_NATIVE -> Engine.portable();
            };
        }

        boolean onSegments() {
            return this == SCALAR_NATIVE || this == VECTOR_NATIVE || this == VECTOR_NATIVE_UNALIGNED
                    || this == PORTABLE_NATIVE;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    /** One thread's native buffers (x, dy, out), each aligned and one byte off. */
    static final class Buffers {
        private final MemorySegment[] aligned = new MemorySegment[3];
        private final MemorySegment[] unaligned = new MemorySegment[3];

        Buffers(Arena arena) {
            for (int i = 0; i < 3; i++) {
                aligned[i] = arena.allocate(2L * LENGTH, 64);
                unaligned[i] = arena.allocate(2L * LENGTH + 1, 64).asSlice(1);
            }
        }

        /**
         * Runs {@code a} (on {@code where}'s engine) on the {@link #ENCODINGS} elements from
         * {@link #PAD} of {@code x}, {@code dy} (null forward) and {@code out}, which holds the
         * pre-filled output and receives the result, canaries included.
         */
        void run(Where where, Activation a, Element e, boolean backward, short[] x, short[] dy, short[] out) {
            if (!where.onSegments()) {
                for (int from = 0; from < ENCODINGS; from += CALL) {
                    int at = PAD + from;
                    e.call(a, backward, x, at, dy, at, out, at, Math.min(CALL, ENCODINGS - from));
                }
                return;
            }
            MemorySegment[] s = where == Where.VECTOR_NATIVE_UNALIGNED ? unaligned : aligned;
            MemorySegment.copy(x, 0, s[0], ValueLayout.JAVA_SHORT_UNALIGNED, 0, LENGTH);
            if (dy != null) {
                MemorySegment.copy(dy, 0, s[1], ValueLayout.JAVA_SHORT_UNALIGNED, 0, LENGTH);
            }
            MemorySegment.copy(out, 0, s[2], ValueLayout.JAVA_SHORT_UNALIGNED, 0, LENGTH);
            for (int from = 0; from < ENCODINGS; from += CALL) {
                long at = PAD + from;
                e.call(a, backward, s[0], at, s[1], at, s[2], at, Math.min(CALL, ENCODINGS - from));
            }
            MemorySegment.copy(s[2], ValueLayout.JAVA_SHORT_UNALIGNED, 0, out, 0, LENGTH);
        }
    }

    /** {@code values} between canaries: an array of {@link #LENGTH}. */
    static short[] padded(Element e, long[] values) {
        short[] row = new short[LENGTH];
        Arrays.fill(row, (short) e.canary);
        for (int i = 0; i < ENCODINGS; i++) {
            row[PAD + i] = (short) values[i];
        }
        return row;
    }

    /** The row with every element flipped in its lowest bit, canaries kept: the pre-fill. */
    static short[] flipped(short[] expected) {
        short[] row = expected.clone();
        for (int i = PAD; i < PAD + ENCODINGS; i++) {
            row[i] ^= 1;
        }
        return row;
    }

    /** Every encoding as an x: all 65,536. */
    static int[] everyX() {
        int[] xs = new int[ENCODINGS];
        Arrays.setAll(xs, i -> i);
        return xs;
    }

    /** Every {@code stride}-th encoding from {@code first}, and every special value of both formats, in order. */
    static int[] someX(int first, int stride) {
        java.util.TreeSet<Integer> xs = new java.util.TreeSet<>();
        for (int x = first; x < ENCODINGS; x += stride) {
            xs.add(x);
        }
        for (Element e : FORMATS) {
            for (long special : e.specials()) {
                xs.add((int) special);
            }
        }
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every encoding, in order. */
    static long[] everyEncoding() {
        long[] all = new long[ENCODINGS];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /**
     * Forward over every encoding, for each format, op and parameter pair of {@link Oracle#params(Op, Element)},
     * on each of {@code wheres}. Returns the number of elements checked.
     */
    static long forwardEveryEncoding(List<Where> wheres) {
        long checked = 0;
        long[] encodings = everyEncoding();
        long[] results = new long[ENCODINGS];
        try (Arena arena = Arena.ofConfined()) {
            Buffers buffers = new Buffers(arena);
            for (Element e : FORMATS) {
                short[] x = padded(e, encodings);
                for (Op op : Op.values()) {
                    for (double[] pq : Oracle.params(op, e)) {
                        Oracle.forward(op, e, pq[0], pq[1], encodings, results, ENCODINGS);
                        short[] expected = padded(e, results);
                        short[] prefill = flipped(expected);
                        for (Where where : wheres) {
                            Activation a = Activation.of(op, pq[0], pq[1]).on(where.engine());
                            short[] out = prefill.clone();
                            buffers.run(where, a, e, false, x, null, out);
                            String problem = compare(expected, out, () -> Activation.of(op, pq[0], pq[1]) + " forward ("
                                    + e.name().toLowerCase() + ") on " + where, i -> "x=" + hex(i));
                            if (problem != null) {
                                throw new AssertionError(problem);
                            }
                            checked += ENCODINGS;
                        }
                    }
                }
            }
        }
        return checked;
    }

    /**
     * One backward kernel with its three possible rows: for each x, every dy in order through it,
     * compared with the row {@link HalfOracle#gradient} names.
     */
    record Backward(Element e, Op op, double p, double q, Where where, short[][] expected, short[][] prefill) {

        static Backward of(Element e, Op op, double p, double q, Where where) {
            long[] dy = everyEncoding();
            long[][] rows = new long[HalfOracle.Gradient.values().length][];
            rows[HalfOracle.Gradient.DY.ordinal()] = dy;
            rows[HalfOracle.Gradient.ZERO.ordinal()] = new long[ENCODINGS];
            long[] products = new long[ENCODINGS];
            if (op == Op.LEAKY_RELU) {
                for (int i = 0; i < ENCODINGS; i++) {
                    products[i] = Oracle.product(e, dy[i], p);
                }
            }
            rows[HalfOracle.Gradient.PRODUCT.ordinal()] = products;
            short[][] expected = new short[rows.length][];
            short[][] prefill = new short[rows.length][];
            for (int k = 0; k < rows.length; k++) {
                expected[k] = padded(e, rows[k]);
                prefill[k] = flipped(expected[k]);
            }
            return new Backward(e, op, p, q, where, expected, prefill);
        }

        /**
         * Checks x = {@code xs[from .. to)}, each against every dy, with one thread's rows and
         * buffers; returns the pairs checked or throws.
         */
        long check(int[] xs, int from, int to, Rows rows) {
            Activation a = Activation.of(op, p, q).on(where.engine());
            for (int i = from; i < to; i++) {
                int x = xs[i];
                int kind = HalfOracle.gradient(op, e, x, p, q).ordinal();
                Arrays.fill(rows.x, PAD, PAD + ENCODINGS, (short) x);
                System.arraycopy(prefill[kind], 0, rows.out, 0, LENGTH);
                rows.buffers.run(where, a, e, true, rows.x, rows.dy, rows.out);
                String problem = compare(expected[kind], rows.out, () -> this + ", x=" + hex(x),
                        d -> "dy=" + hex(d));
                if (problem != null) {
                    throw new AssertionError(problem);
                }
            }
            return (long) (to - from) * ENCODINGS;
        }

        @Override
        public String toString() {
            return Activation.of(op, p, q) + " backward (" + e.name().toLowerCase() + ") on " + where;
        }
    }

    /** One thread's rows: x (refilled per x), every dy, the output; and its native buffers. */
    static final class Rows {
        final short[] x = new short[LENGTH];
        final short[] dy;
        final short[] out = new short[LENGTH];
        final Buffers buffers;

        Rows(Arena arena) {
            dy = new short[LENGTH];
            for (int i = 0; i < ENCODINGS; i++) {
                dy[PAD + i] = (short) i;
            }
            buffers = new Buffers(arena);
        }
    }

    /**
     * Every backward sweep at every x of {@code xs} against every dy, on every core: the x are cut
     * into chunks, each thread checking its chunks under every sweep. Returns how it went.
     */
    static OnEveryCore.Run backward(String what, List<Backward> sweeps, int[] xs) throws InterruptedException {
        int perChunk = 64;
        int chunks = Math.ceilDiv(xs.length, perChunk);
        OnEveryCore.Run run = OnEveryCore.check(what, chunks, arena -> {
            Rows rows = new Rows(arena);
            return c -> {
                long checked = 0;
                int from = c * perChunk;
                int to = Math.min(xs.length, from + perChunk);
                for (Backward sweep : sweeps) {
                    checked += sweep.check(xs, from, to, rows);
                }
                return checked;
            };
        });
        long expected = (long) xs.length * ENCODINGS * sweeps.size();
        if (run.checked() != expected) {
            throw new AssertionError(what + ": checked " + run.checked() + " pairs, not " + expected);
        }
        return run;
    }

    /** Every backward kernel at every parameter pair of {@link Oracle#params(Op, Element)}, both formats, on {@code where}. */
    static List<Backward> everyBackward(Where where) {
        List<Backward> sweeps = new ArrayList<>();
        for (Element e : FORMATS) {
            for (Op op : Op.values()) {
                for (double[] pq : Oracle.params(op, e)) {
                    sweeps.add(Backward.of(e, op, pq[0], pq[1], where));
                }
            }
        }
        return sweeps;
    }

    /** The first difference between the rows as a message, or null: canaries, unwritten and wrong elements. */
    private static String compare(short[] expected, short[] actual, Supplier<String> what, IntFunction<String> swept) {
        int index = Arrays.mismatch(expected, actual);
        if (index < 0) {
            return null;
        }
        int i = index - PAD;
        int got = Short.toUnsignedInt(actual[index]);
        int want = Short.toUnsignedInt(expected[index]);
        if (i < 0 || i >= ENCODINGS) {
            return what.get() + ": wrote outside its range (slot " + i + "): " + hex(got);
        }
        return what.get() + ", " + swept.apply(i) + ": expected " + hex(want) + " but was " + hex(got)
                + (got == (want ^ 1) ? " (never written)" : "");
    }

    static String hex(int bits) {
        return String.format("0x%04x", bits);
    }
}
