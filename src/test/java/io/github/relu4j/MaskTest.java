package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Activation}'s mask forms, every op at every test parameter pair in every format, on
 * every engine ({@link FusedEngines}) and container ({@link FusedStorage}): the forward pass
 * writes the plain forward's bits and, at bit {@code maskOffset + i}, the gate of element
 * {@code i} ({@link GateOracle}); the backward pass from that mask writes the plain backward's
 * bits. Every length from 0 to 300 and 1023, 1024, 1025, 4097, 70,000, at mask offsets 0, 1,
 * 63, 64 and 100; outputs between canaries, the mask's words pre-filled with random bits that
 * must survive outside the range, inputs (and the mask, backward) unchanged; in place; whole
 * forms.
 */
class MaskTest {
    static final int[] MASK_OFFSETS = {0, 1, 63, 64, 100};
    static final int[] LARGE = {1023, 1024, 1025, 4097, 70_000};
    static final int SMALL = 300;
    /** Slots after every output range, to catch stray writes. */
    static final int PAD = 5;

    /** Every op, at every test parameter pair of each format ({@link Oracle#params(Op, Element)}). */
    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (Op op : Op.values()) {
            for (Element e : Element.values()) {
                for (double[] pq : Oracle.params(op, e)) {
                    cases.add(new Object[] {op, pq[0], pq[1], e});
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}({1}, {2}) {3}")
    @MethodSource("cases")
    void everyLengthMaskOffsetEngineAndStorage(Op op, double p, double q, Element e) {
        MaskData d = MaskData.of(op, p, q, e);
        SplittableRandom random = new SplittableRandom(11);
        for (Engine engine : FusedEngines.all()) {
            for (FusedStorage s : FusedStorage.values()) {
                for (int n = 0; n <= SMALL; n++) {
                    // arrays at every mask offset; segments at one offset per length, in turn
                    for (int k = 0; k < MASK_OFFSETS.length; k++) {
                        if (s == FusedStorage.ARRAY || k == (n + s.ordinal()) % MASK_OFFSETS.length) {
                            check(d, engine, s, 8 + n * 37 % 1000, 1 + k, 3 - k % 3, MASK_OFFSETS[k], n, random);
                        }
                    }
                }
                for (int j = 0; j < LARGE.length; j++) { // each storage meets each offset once
                    int k = (j + s.ordinal()) % MASK_OFFSETS.length;
                    check(d, engine, s, 8 + k * 101, 2, k, MASK_OFFSETS[k], LARGE[j], random);
                }
            }
        }
    }

    /** y on top of x and dx on top of dy, at the same offsets: the out-of-place bits. */
    @ParameterizedTest(name = "{0}({1}, {2}) {3}")
    @MethodSource("cases")
    void inPlace(Op op, double p, double q, Element e) {
        MaskData d = MaskData.of(op, p, q, e);
        SplittableRandom random = new SplittableRandom(12);
        for (Engine engine : FusedEngines.all()) {
            for (FusedStorage s : FusedStorage.values()) {
                for (int n : new int[] {0, 1, 63, 64, 65, 300, 1025, 4097}) {
                    for (int mo : new int[] {0, 63}) {
                        inPlace(d, engine, s, 8 + n % 50, 3, mo, n, random);
                    }
                }
            }
        }
    }

    /** The whole-array and whole-segment forms: from element 0 and bit 0, over the whole tensor. */
    @ParameterizedTest(name = "{0}({1}, {2}) {3}")
    @MethodSource("cases")
    void wholeForms(Op op, double p, double q, Element e) {
        MaskData d = MaskData.of(op, p, q, e);
        SplittableRandom random = new SplittableRandom(13);
        for (Engine engine : FusedEngines.all()) {
            Activation a = d.activation().on(engine);
            for (FusedStorage s : FusedStorage.values()) {
                for (int n : new int[] {0, 1, 64, 65, 1000, 1025, 4097}) {
                    int base = 8 + n % 77;
                    Object x = d.slice(d.x(), base, 0, n);
                    Object dy = d.slice(d.dy(), base, 0, n);
                    Object y = e.filled(n, e.canary);
                    Object dx = e.filled(n, e.canary);
                    long[] mask = random.longs(Activation.maskWords(n) + 1).toArray(); // one word more than needed
                    long[] pattern = mask.clone();
                    if (s == FusedStorage.ARRAY) {
                        Masked.forwardWhole(a, e, x, y, mask);
                    } else {
                        s.run(e, x, y, mask, true, (in, out, m) -> Masked.forwardWhole(a, e, in, out, m));
                    }
                    String what = engine + " " + s + " " + d + " whole n=" + n;
                    assertOutput(d, y, d.y(), base, 0, n, what + " y");
                    assertMask(d, mask, pattern, base, 0, n, what);
                    long[] read = mask.clone();
                    if (s == FusedStorage.ARRAY) {
                        Masked.backwardWhole(a, e, mask, dy, dx);
                    } else {
                        s.run(e, dy, dx, mask, false, (in, out, m) -> Masked.backwardWhole(a, e, m, in, out));
                    }
                    assertOutput(d, dx, d.dx(), base, 0, n, what + " dx");
                    assertArrayEquals(read, mask, what + ": backward changed the mask");
                }
            }
        }
    }

    /**
     * One forward call into canaries and a mask of random words, checked; then the backward call
     * from that mask, checked. Element {@code base + i} of the data is at {@code xo + i} of x and
     * of dy; y and dx are written from {@code yo}; the mask from bit {@code mo}.
     */
    static void check(MaskData d, Engine engine, FusedStorage s, int base, int xo, int yo, long mo, int n,
                      SplittableRandom random) {
        Element e = d.e();
        Activation a = d.activation().on(engine);
        Object x = d.slice(d.x(), base, xo, xo + n + PAD);
        Object dy = d.slice(d.dy(), base, xo, xo + n + PAD);
        long[] xBefore = e.allBits(x);
        long[] dyBefore = e.allBits(dy);
        Object y = e.filled(yo + n + PAD, e.canary);
        long[] mask = random.longs(Activation.maskWords(mo + n) + 1).toArray();
        long[] pattern = mask.clone();
        if (s == FusedStorage.ARRAY) {
            Masked.forward(a, e, x, xo, y, yo, mask, mo, n);
        } else {
            s.run(e, x, y, mask, true, (in, out, m) -> Masked.forward(a, e, in, xo, out, yo, m, mo, n));
        }
        String what = engine + " " + s + " " + d + " n=" + n + " maskOffset=" + mo + " offsets=(" + xo + ", " + yo + ")";
        assertOutput(d, y, d.y(), base, yo, n, what + " forward y");
        assertMask(d, mask, pattern, base, mo, n, what);
        assertArrayEquals(xBefore, e.allBits(x), what + ": x changed");

        long[] read = mask.clone();
        Object dx = e.filled(yo + n + PAD, e.canary);
        if (s == FusedStorage.ARRAY) {
            Masked.backward(a, e, mask, mo, dy, xo, dx, yo, n);
        } else {
            s.run(e, dy, dx, mask, false, (in, out, m) -> Masked.backward(a, e, m, mo, in, xo, out, yo, n));
        }
        assertOutput(d, dx, d.dx(), base, yo, n, what + " backward dx");
        assertArrayEquals(read, mask, what + ": backward changed the mask");
        assertArrayEquals(dyBefore, e.allBits(dy), what + ": dy changed");
    }

    /** {@link #check} with y = x and dx = dy (same array, same offset). */
    static void inPlace(MaskData d, Engine engine, FusedStorage s, int base, int offset, long mo, int n,
                        SplittableRandom random) {
        Element e = d.e();
        Activation a = d.activation().on(engine);
        Object x = d.slice(d.x(), base, offset, offset + n + PAD);
        Object before = e.copy(x);
        long[] mask = random.longs(Activation.maskWords(mo + n) + 1).toArray();
        long[] pattern = mask.clone();
        if (s == FusedStorage.ARRAY) {
            Masked.forward(a, e, x, offset, x, offset, mask, mo, n);
        } else {
            s.run(e, x, x, mask, true, (in, out, m) -> Masked.forward(a, e, in, offset, out, offset, m, mo, n));
        }
        String what = engine + " " + s + " " + d + " in place n=" + n + " maskOffset=" + mo;
        assertInPlace(d, before, x, d.y(), base, offset, n, what + " forward");
        assertMask(d, mask, pattern, base, mo, n, what);

        Object dy = d.slice(d.dy(), base, offset, offset + n + PAD);
        Object dyBefore = e.copy(dy);
        if (s == FusedStorage.ARRAY) {
            Masked.backward(a, e, mask, mo, dy, offset, dy, offset, n);
        } else {
            s.run(e, dy, dy, mask, false, (in, out, m) -> Masked.backward(a, e, m, mo, in, offset, out, offset, n));
        }
        assertInPlace(d, dyBefore, dy, d.dx(), base, offset, n, what + " backward");
    }

    /** Inside [offset, offset + n): the expected bits of element base + i; outside: the canary. */
    static void assertOutput(MaskData d, Object actual, Object expected, int base, int offset, int n, String what) {
        Element e = d.e();
        for (int i = 0; i < e.length(actual); i++) {
            boolean inside = i >= offset && i < offset + n;
            long want = inside ? e.bits(expected, base + i - offset) : e.canary;
            long got = e.bits(actual, i);
            if (want != got) {
                throw new AssertionError(what + " at index " + i + (inside ? " (x = " + e.hex(e.bits(d.x(), base + i - offset))
                        + ")" : " (outside the range)") + ": expected " + e.hex(want) + " but was " + e.hex(got));
            }
        }
    }

    private static void assertInPlace(MaskData d, Object before, Object actual, Object expected, int base, int offset,
                                      int n, String what) {
        Element e = d.e();
        for (int i = 0; i < e.length(actual); i++) {
            boolean inside = i >= offset && i < offset + n;
            long want = inside ? e.bits(expected, base + i - offset) : e.bits(before, i);
            if (want != e.bits(actual, i)) {
                throw new AssertionError(what + " at index " + i + (inside ? "" : " (outside the range)")
                        + ": expected " + e.hex(want) + " but was " + e.hex(e.bits(actual, i)));
            }
        }
    }

    /** Bits [mo, mo + n): the gates of elements base ..; every other bit as in {@code pattern}. */
    static void assertMask(MaskData d, long[] mask, long[] pattern, int base, long mo, int n, String what) {
        for (long b = 0; b < 64L * mask.length; b++) {
            boolean inside = b >= mo && b < mo + n;
            boolean want = inside ? d.gate()[(int) (base + b - mo)] : Masked.bit(pattern, b);
            if (Masked.bit(mask, b) != want) {
                Element e = d.e();
                throw new AssertionError(what + ": mask bit " + b + (inside ? " (element " + (b - mo) + ", x = "
                        + e.hex(e.bits(d.x(), (int) (base + b - mo))) + ")" : " (outside the range)") + " is "
                        + !want + ", expected " + want);
            }
        }
    }
}
