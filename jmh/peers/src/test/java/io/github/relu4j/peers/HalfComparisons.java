package io.github.relu4j.peers;

import ai.djl.pytorch.engine.PtNDArray;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's results against relu4j's, element by element on the raw encodings, tallied per case
 * (kernel, direction, PyTorch's path, relu4j's engine and storage): how many elements were
 * compared, how many differed, and the first few that did, with their inputs and both results.
 */
final class HalfComparisons {
    /** What counts as agreement. */
    enum Rule {
        /** The same 16 bits. */
        SAME_BITS,
        /**
         * Where relu4j's result is a NaN, PyTorch's is one too, any NaN; elsewhere the same bits.
         * For inputs with a NaN, whose bits PyTorch does not keep.
         */
        SAME_NAN_OR_BITS
    }

    /**
     * A difference documented in the contract, on NaN inputs: where {@link #covers} holds,
     * PyTorch's result is counted apart rather than as a mismatch.
     *
     * @param why what PyTorch does there
     */
    record Known(String why, Covers covers) {}

    /** Whether a known difference covers PyTorch's {@code torch} where relu4j gives {@code relu4j}. */
    @FunctionalInterface
    interface Covers {
        boolean test(short x, short dy, short torch, short relu4j);
    }

    private static final int EXAMPLES = 8;
    private final HalfFormat format;
    private final Rule rule;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    private static final class Tally {
        long compared;
        long differing;
        long known;
        String why;
        final List<String> examples = new ArrayList<>();
    }

    HalfComparisons(HalfFormat format, Rule rule) {
        this.format = format;
        this.rule = rule;
    }

    /**
     * Compares {@code length} elements.
     *
     * @param what   the case
     * @param torch  PyTorch's result, in the format's carrier
     * @param relu4j relu4j's result, 16-bit encodings
     * @param x      the forward input
     * @param dy     the output's gradient, or null for a forward kernel
     * @param known  a difference to count apart, or null
     */
    void compare(String what, PtNDArray torch, MemorySegment relu4j, MemorySegment x, MemorySegment dy, long length,
            Known known) {
        MemorySegment t = MemorySegment.ofBuffer(torch.toByteBuffer(true));
        if (t.byteSize() != length * format.carrierBytes()) {
            throw new AssertionError(what + ": PyTorch returned " + t.byteSize() + " bytes for " + length + " elements");
        }
        Tally tally = tallies.computeIfAbsent(what, k -> new Tally());
        tally.compared += length;
        for (long i = format.mismatch(t, relu4j, 0, length); i >= 0; i = format.mismatch(t, relu4j, i + 1, length)) {
            short p = format.fromCarrier(t, i);
            short r = relu4j.getAtIndex(ValueLayout.JAVA_SHORT, i);
            if (rule == Rule.SAME_NAN_OR_BITS && format.isNaN(r) && format.isNaN(p)) {
                continue;
            }
            short xi = x.getAtIndex(ValueLayout.JAVA_SHORT, i);
            short dyi = dy == null ? 0 : dy.getAtIndex(ValueLayout.JAVA_SHORT, i);
            if (known != null && known.covers().test(xi, dyi, p, r)) {
                tally.known++;
                tally.why = known.why();
                continue;
            }
            tally.differing++;
            if (tally.examples.size() < EXAMPLES) {
                tally.examples.add("x=" + hex(xi) + (dy == null ? "" : " dy=" + hex(dyi)) + ": PyTorch " + hex(p)
                        + ", relu4j " + hex(r));
            }
        }
    }

    /** One line per case: elements compared and differing, and examples of the differences. */
    String report() {
        StringBuilder s = new StringBuilder();
        tallies.forEach((what, t) -> {
            s.append(format).append(' ').append(what).append(": ").append(t.compared).append(" compared, ")
                    .append(t.differing).append(" differ");
            if (t.known > 0) {
                s.append(", ").append(t.known).append(" known: ").append(t.why);
            }
            s.append('\n');
            t.examples.forEach(e -> s.append("    ").append(e).append('\n'));
        });
        return s.toString();
    }

    boolean allAgree() {
        return tallies.values().stream().allMatch(t -> t.differing == 0);
    }

    static String hex(short bits) {
        return String.format("0x%04x", bits & 0xffff);
    }
}
