package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Epilogue}: {@code y = act(x + bias)} against the two passes done apart (the test's own
 * bias add, {@link Epilogues#sum}, then the reference's plain forward), the mask against the gate
 * of the sums ({@link GateOracle}), the counts against a count of the positive sums, added to
 * what the counts held; rows and channels, one feature or channel, spatial 1 and 0, no rows; with
 * and without bias, mask and counts; every op, format, engine ({@link FusedEngines}, the parallel
 * one splitting the larger shapes) and container ({@link FusedStorage}); outputs between canaries,
 * the mask in random words, in place.
 */
class EpilogueTest {
    private static final int PAD = 5;
    private static final float[] BIASES = {0f, -0f, 0.5f, -1.25f, 1e-40f, 0.1f, -3f, 7f, 1e30f, -2f, 1f};

    /** A shape: its epilogue's layout, elements per row or sample, and the unit of element e. */
    record Shape(boolean rows, int units, int spatial) {
        Epilogue on(Activation a) {
            return rows ? Epilogue.rows(a, units) : Epilogue.channels(a, units, spatial);
        }

        int group() {
            return rows ? units : units * spatial;
        }

        int unit(int e) {
            return rows ? e % units : e / spatial % units;
        }

        @Override
        public String toString() {
            return rows ? "rows(" + units + ")" : "channels(" + units + ", " + spatial + ")";
        }
    }

    /** Shapes with the samples each runs: small ones, and ones of several blocks that the parallel engine splits. */
    static final List<Object[]> SHAPES = List.of(
            new Object[] {new Shape(true, 1, 0), new int[] {0, 1, 7, 1500}},
            new Object[] {new Shape(true, 3, 0), new int[] {0, 1, 5, 700}},
            new Object[] {new Shape(true, 64, 0), new int[] {1, 3, 70}},
            new Object[] {new Shape(true, 1000, 0), new int[] {2, 5}},
            new Object[] {new Shape(false, 1, 5), new int[] {0, 3}},
            new Object[] {new Shape(false, 1, 3000), new int[] {2}},
            new Object[] {new Shape(false, 3, 1), new int[] {1, 9}},
            new Object[] {new Shape(false, 3, 0), new int[] {0, 4}},
            new Object[] {new Shape(false, 4, 49), new int[] {1, 3}},
            new Object[] {new Shape(false, 3, 1500), new int[] {2}});

    static List<Object[]> cases() {
        return MaskTest.cases();
    }

    @ParameterizedTest(name = "{0}({1}, {2}) {3}")
    @MethodSource("cases")
    void againstTheSeparatePasses(Op op, double p, double q, Element e) {
        MaskData d = MaskData.of(op, p, q, e);
        SplittableRandom random = new SplittableRandom(21);
        int call = 0;
        for (Engine engine : FusedEngines.all()) {
            for (FusedStorage s : FusedStorage.values()) {
                for (Object[] sn : SHAPES) {
                    Shape shape = (Shape) sn[0];
                    for (int n : (int[]) sn[1]) {
                        // arrays: every combination of bias, mask and counts; segments: one in turn
                        for (int with = 0; with < 8; with++) {
                            boolean small = shape.group() * n <= 2000; // large shapes: all three, and one other in turn
                            if (s == FusedStorage.ARRAY && (small || with == 7) || with == call % 8) {
                                check(d, engine, s, shape, n, (with & 1) != 0, (with & 2) != 0, (with & 4) != 0,
                                        8 + call % 500, random);
                            }
                        }
                        call++;
                    }
                }
            }
        }
    }

    /** y over x (same array, same offset): the out-of-place bits. */
    @ParameterizedTest(name = "{0}({1}, {2}) {3}")
    @MethodSource("cases")
    void inPlace(Op op, double p, double q, Element e) {
        MaskData d = MaskData.of(op, p, q, e);
        Element el = d.e();
        for (Engine engine : FusedEngines.all()) {
            for (FusedStorage s : FusedStorage.values()) {
                Shape shape = new Shape(false, 3, 700);
                int n = 2;
                Object x = d.slice(d.x(), 100, 2, 2 + shape.group() * n + PAD);
                Object bias = Epilogues.bias(el, Arrays.copyOfRange(BIASES, 0, 4));
                Object expected = expectedY(d, shape, x, 2, bias, 1, shape.group() * n);
                long[] mask = new long[(int) Activation.maskWords(shape.group() * n)];
                Epilogue ep = shape.on(d.activation().on(engine));
                if (s == FusedStorage.ARRAY) {
                    Epilogues.forward(ep, el, x, 2, bias, 1, x, 2, mask, 0, null, 0, n);
                } else {
                    s.run(el, x, x, mask, true, (in, out, m) -> Epilogues.forward(ep, el, in, 2, bias, 1, out, 2, m, 0,
                            null, 0, n));
                }
                assertArrayEquals(el.allBits(expected), el.allBits(x), engine + " " + s + " " + d + " in place");
            }
        }
    }

    /**
     * Two calls adding to the same counts (from non-zero values): each count is what it held plus
     * the positive sums of both calls, on every engine, the parallel one splitting the calls.
     */
    @ParameterizedTest(name = "{0}({1}, {2}) {3}")
    @MethodSource("cases")
    void countsAccumulateAcrossCalls(Op op, double p, double q, Element e) {
        MaskData d = MaskData.of(op, p, q, e);
        Shape shape = new Shape(false, 5, 1000);
        int n = 3;
        int length = shape.group() * n;
        Object x1 = d.slice(d.x(), 10, 0, length);
        Object x2 = d.slice(d.x(), 20_000, 0, length);
        Object bias = Epilogues.bias(e, Arrays.copyOfRange(BIASES, 3, 8));
        long[] expected = {7, 100, 0, 1L << 40, 3, 9};
        for (Object x : List.of(x1, x2)) {
            for (int i = 0; i < length; i++) {
                if (GateOracle.positive(e, Epilogues.sum(e, e.bits(x, i), bias, shape.unit(i)))) {
                    expected[1 + shape.unit(i)]++;
                }
            }
        }
        for (Engine engine : FusedEngines.all()) {
            long[] counts = {7, 100, 0, 1L << 40, 3, 9};
            Epilogue ep = shape.on(d.activation().on(engine));
            for (Object x : List.of(x1, x2)) {
                Epilogues.forward(ep, e, x, 0, bias, 0, e.newArray(length), 0, null, 0, counts, 1, n);
            }
            assertArrayEquals(expected, counts, engine + " " + d + " counts after two calls");
        }
    }

    /** The sums' reference bits: the test's bias add, then the reference's plain forward. */
    private static Object expectedY(MaskData d, Shape shape, Object x, int xo, Object bias, int bo, int length) {
        Element e = d.e();
        Object sums = e.newArray(length);
        for (int i = 0; i < length; i++) {
            long bits = e.bits(x, xo + i);
            e.setBits(sums, i, bias == null ? bits : Epilogues.sum(e, bits, shiftedBias(e, bias, bo), shape.unit(i)));
        }
        Object y = e.copy(x);
        e.call(d.activation().on(Engine.scalar()), false, sums, 0, null, 0, y, xo, length);
        return y;
    }

    private static Object shiftedBias(Element e, Object bias, int bo) {
        return e == Element.DOUBLE ? Arrays.copyOfRange((double[]) bias, bo, ((double[]) bias).length)
                : Arrays.copyOfRange((float[]) bias, bo, ((float[]) bias).length);
    }

    /** One call, checked: y, the mask's bits, the counts, and that x and bias are unchanged. */
    private static void check(MaskData d, Engine engine, FusedStorage s, Shape shape, int n, boolean withBias,
                              boolean withMask, boolean withCounts, int base, SplittableRandom random) {
        Element e = d.e();
        int length = shape.group() * n;
        int xo = 2;
        int yo = 1;
        int bo = 1;
        int co = 2;
        long mo = 61;
        Object x = d.slice(d.x(), base, xo, xo + length + PAD);
        long[] xBefore = e.allBits(x);
        float[] values = new float[bo + shape.units() + 1];
        for (int u = 0; u < values.length; u++) {
            values[u] = BIASES[(u + base) % BIASES.length];
        }
        Object bias = withBias ? Epilogues.bias(e, values) : null;
        Object biasBefore = withBias ? (e == Element.DOUBLE ? ((double[]) bias).clone() : ((float[]) bias).clone()) : null;
        long[] sums = new long[length];
        long[] expectedCounts = new long[co + shape.units() + 1];
        for (int u = 0; u < expectedCounts.length; u++) {
            expectedCounts[u] = 1000L * u + 3;
        }
        long[] counts = withCounts ? expectedCounts.clone() : null;
        for (int i = 0; i < length; i++) {
            long bits = e.bits(x, xo + i);
            sums[i] = withBias ? Epilogues.sum(e, bits, shiftedBias(e, bias, bo), shape.unit(i)) : bits;
            if (GateOracle.positive(e, sums[i])) {
                expectedCounts[co + shape.unit(i)]++;
            }
        }
        Object sumArray = e.fromBits(sums);
        Object expectedY = e.filled(yo + length + PAD, e.canary);
        e.call(d.activation().on(Engine.scalar()), false, sumArray, 0, null, 0, expectedY, yo, length);
        Object y = e.filled(yo + length + PAD, e.canary);
        long[] mask = withMask ? random.longs(Activation.maskWords(mo + length) + 1).toArray() : null;
        long[] pattern = withMask ? mask.clone() : null;
        Epilogue ep = shape.on(d.activation().on(engine));
        if (s == FusedStorage.ARRAY) {
            Epilogues.forward(ep, e, x, xo, bias, bo, y, yo, mask, mo, counts, co, n);
        } else {
            s.run(e, x, y, mask, true, (in, out, m) -> Epilogues.forward(ep, e, in, xo, bias, bo, out, yo, m, mo, counts,
                    co, n));
        }
        String what = engine + " " + s + " " + d + " " + shape + " n=" + n + (withBias ? " bias" : "")
                + (withMask ? " mask" : "") + (withCounts ? " counts" : "");
        VectorAgreementTest.assertRange(e, expectedY, y, yo, length, what + " y");
        if (withMask) {
            for (long b = 0; b < 64L * mask.length; b++) {
                boolean inside = b >= mo && b < mo + length;
                boolean want = inside ? GateOracle.passes(d.op(), e, sums[(int) (b - mo)], d.p(), d.q())
                        : Masked.bit(pattern, b);
                if (want != Masked.bit(mask, b)) {
                    throw new AssertionError(what + ": mask bit " + b + (inside ? " (element " + (b - mo) + ", sum "
                            + e.hex(sums[(int) (b - mo)]) + ")" : " (outside the range)") + " is " + !want);
                }
            }
        }
        if (withCounts) {
            assertArrayEquals(expectedCounts, counts, what + ": counts");
        }
        assertArrayEquals(xBefore, e.allBits(x), what + ": x changed");
        if (withBias) {
            assertEquals(Arrays.toString(e == Element.DOUBLE ? (double[]) biasBefore : null)
                    + Arrays.toString(e == Element.DOUBLE ? null : (float[]) biasBefore),
                    Arrays.toString(e == Element.DOUBLE ? (double[]) bias : null)
                    + Arrays.toString(e == Element.DOUBLE ? null : (float[]) bias), what + ": bias changed");
        }
    }
}
