package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * PReLU's slope gradient: the same bits from every engine, thread count and split (the scalar
 * reference, the vector kernels, the portable engine, parallel engines of 2, 3 and 7 threads
 * cut at different thresholds, arrays and native segments), on tensors large enough to be cut
 * into many blocks and pieces; and its error against the exact sum ({@link BigDecimal}) on random
 * terms, on terms that cancel and on terms of every magnitude, printed and bounded.
 * {@link PreluC2Test} proves the bits at every vector width.
 */
class PreluSumTest {
    private static final int MI = 1 << 20;

    /** Every engine the bits must not depend on: the threshold decides how many pieces a call is cut into. */
    static List<Engine> engines() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        List<Engine> engines = new ArrayList<>(List.of(Engine.scalar(), Engine.vector(), Engine.portable(),
                Engine.preferred()));
        for (int threads : new int[] {2, 3, 7}) {
            for (int threshold : new int[] {1, 5 * 4096 + 1, 3 * MI / 2}) {
                engines.add(Engine.of(ParallelLoops.withThreshold(VectorLoops.INSTANCE, threads, pool, threshold)));
            }
        }
        engines.add(Engine.parallel(Engine.vector(), 2));
        return engines;
    }

    @Test
    void sameBitsOnEveryEngineThreadCountAndSplit() {
        SplittableRandom random = new SplittableRandom(8);
        List<Prelu> shapes = List.of(Prelu.shared(), Prelu.channelsFirst(3, 5000), Prelu.channelsFirst(16, 49),
                Prelu.channelsLast(64), Prelu.channelsLast(3));
        for (Element e : PreluTest.ELEMENTS) {
            for (Prelu shape : shapes) {
                int n = (int) ((3 * MI + 123) / shape.groupSize());
                int length = (int) (n * shape.groupSize());
                Object x = e.newArray(length);
                Object dy = e.newArray(length);
                for (int i = 0; i < length; i++) {
                    e.setBits(x, i, e.ordinary(random));
                    e.setBits(dy, i, e.ordinary(random));
                }
                long[] expected = slopeGradient(shape.on(Engine.scalar()), e, x, dy, n, false);
                for (Engine engine : engines()) {
                    for (boolean segments : new boolean[] {false, true}) {
                        long[] got = slopeGradient(shape.on(engine), e, x, dy, n, segments);
                        for (int c = 0; c < expected.length; c++) {
                            assertEquals(expected[c], got[c], shape + " " + e + " dw[" + c + "] on " + engine
                                    + (segments ? " (segments)" : ""));
                        }
                    }
                }
            }
        }
    }

    /** The fused backward's dw, as bits; its dx on segments or arrays. */
    static long[] slopeGradient(Prelu p, Element e, Object x, Object dy, int n, boolean segments) {
        int channels = p.channels();
        Object w = e.newArray(channels);
        Object dw = e.newArray(channels);
        Object dx = e.newArray(e.length(x));
        for (int c = 0; c < channels; c++) {
            e.setBits(w, c, e.param(0.25));
        }
        if (segments) {
            try (Arena arena = Arena.ofShared()) {
                MemorySegment xs = arena.allocate((long) e.length(x) * e.size() / 8, 64);
                MemorySegment dys = arena.allocate(xs.byteSize(), 64);
                MemorySegment dxs = arena.allocate(xs.byteSize(), 64);
                e.copyInto(x, xs);
                e.copyInto(dy, dys);
                if (e == Element.FLOAT) {
                    p.backwardF32(xs, 0, dys, 0, dxs, 0, n, (float[]) w, 0, (float[]) dw, 0);
                } else {
                    p.backwardF64(xs, 0, dys, 0, dxs, 0, n, (double[]) w, 0, (double[]) dw, 0);
                }
            }
        } else if (e == Element.FLOAT) {
            p.backward((float[]) x, 0, (float[]) dy, 0, (float[]) dx, 0, n, (float[]) w, 0, (float[]) dw, 0);
        } else {
            p.backward((double[]) x, 0, (double[]) dy, 0, (double[]) dx, 0, n, (double[]) w, 0, (double[]) dw, 0);
        }
        return e.allBits(dw);
    }

    // ---- Accuracy against the exact sum. ----

    /** A data set of terms x * dy (all x <= 0, so every element contributes). */
    record Terms(String name, float[] x, float[] dy) {}

    static List<Terms> floatSets(int n) {
        SplittableRandom random = new SplittableRandom(9);
        List<Terms> sets = new ArrayList<>();
        float[] x = new float[n];
        float[] dy = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) -random.nextDouble(0, 4);
            dy[i] = (float) random.nextDouble(-1, 1);
        }
        sets.add(new Terms("random, mean near 0", x, dy));
        float[] x2 = new float[n];
        float[] dy2 = new float[n];
        for (int i = 0; i < n; i++) {
            x2[i] = (float) -random.nextDouble(0, 4);
            dy2[i] = (float) random.nextDouble(0, 1);
        }
        sets.add(new Terms("random, one sign", x2, dy2));
        float[] x3 = new float[n];
        float[] dy3 = new float[n];
        for (int i = 0; i + 1 < n; i += 2) { // pairs that cancel exactly, and small terms beside them
            float big = (float) -random.nextDouble(1e3, 1e4);
            x3[i] = big;
            dy3[i] = 1;
            x3[i + 1] = big;
            dy3[i + 1] = -1;
            if (i % 64 == 0) {
                dy3[i + 1] = -1 + Math.ulp(1f);
            }
        }
        sets.add(new Terms("cancelling pairs", x3, dy3));
        float[] x4 = new float[n];
        float[] dy4 = new float[n];
        for (int i = 0; i < n; i++) {
            x4[i] = (float) -Math.pow(10, random.nextDouble(-24, 24));
            dy4[i] = (float) (random.nextBoolean() ? 1 : -1) * (float) Math.pow(10, random.nextDouble(-8, 8));
        }
        sets.add(new Terms("magnitudes 1e-32 to 1e32", x4, dy4));
        return sets;
    }

    @Test
    void errorAgainstTheExactSum() {
        int n = Integer.getInteger("relu4j.test.sumLength", 1 << 20);
        System.out.printf("PReLU slope gradient, floats, %d terms: error of dw against the exact sum%n", n);
        System.out.printf("%-28s %14s %14s %14s %12s%n", "terms", "exact", "relu4j ulps", "float seq. ulps",
                "float pairwise ulps");
        for (Terms t : floatSets(n)) {
            BigDecimal exact = BigDecimal.ZERO;
            BigDecimal magnitudes = BigDecimal.ZERO;
            float sequential = 0;
            for (int i = 0; i < n; i++) {
                BigDecimal term = new BigDecimal((double) t.x()[i] * (double) t.dy()[i]);
                exact = exact.add(term);
                magnitudes = magnitudes.add(term.abs());
                sequential += t.x()[i] * t.dy()[i];
            }
            float[] dw = new float[1];
            Prelu.shared().on(Engine.vector()).slopeGradient(t.x(), 0, t.dy(), 0, n, dw, 0);
            double ulp = Math.ulp(exact.floatValue());
            double error = errorInUlps(dw[0], exact, ulp);
            System.out.printf("%-28s %14.7g %14.3f %14.3f %12.3f%n", t.name(), exact.doubleValue(), error,
                    errorInUlps(sequential, exact, ulp), errorInUlps(pairwise(t, 0, n), exact, ulp));
            // The contract's bound: half an ulp of rounding, plus d * 2^-53 of the magnitudes.
            double d = 133 + 64 + Math.ceilDiv(Math.ceilDiv(n, 4096), 64);
            double bound = 0.5 + magnitudes.doubleValue() * d * 0x1p-53 / ulp;
            assertTrue(error <= bound, t.name() + ": error " + error + " ulps above the bound " + bound);
        }
    }

    private static double errorInUlps(float value, BigDecimal exact, double ulp) {
        if (!Float.isFinite(value)) {
            return Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(value).subtract(exact, MathContext.DECIMAL128).abs().doubleValue() / ulp;
    }

    /** A float pairwise sum of the products: the kind of cascade PyTorch's CPU sum uses. */
    private static float pairwise(Terms t, int from, int length) {
        if (length <= 8) {
            float s = 0;
            for (int i = from; i < from + length; i++) {
                s += t.x()[i] * t.dy()[i];
            }
            return s;
        }
        int half = length / 2;
        return pairwise(t, from, half) + pairwise(t, from + half, length - half);
    }
}
