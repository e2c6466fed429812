package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The preferred engine's warm-up ({@link WarmingLoops}): calls run the reference until the vector
 * loop is compiled and then the vector loop, with the same bits throughout; the decision runs
 * once, on the warm-up thread; what cannot warm up stays on the reference.
 */
@Tag("own-jvm") // whether a kernel compiles in time depends on what the JIT did before: see pom.xml
class WarmingLoopsTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    /**
     * Warming loops that wait up to two minutes for each switch, not the library's 20 s: the tests
     * that expect a switch check the bits around it, not how fast it comes. (A CI run once saw a
     * switch not come within 20 s, after 20 minutes of other tests in the same JVM; not reproduced
     * here, so a failure now says how the warm-up ended: {@link WarmingLoops#outcome}.)
     */
    private static WarmingLoops patient() {
        return new WarmingLoops(ScalarLoops.INSTANCE, () -> VectorLoops.INSTANCE, 2 * MINUTE);
    }

    @Test
    void switchesEachAskedKernelToTheCompiledVectorLoopWithTheSameBits() throws InterruptedException {
        WarmingLoops warming = patient();
        float[] x = randomFloats((int) WarmingLoops.START_AFTER); // enough work to start at once
        float[] expected = new float[x.length];
        ScalarLoops.INSTANCE.map1(Op.LEAKY_RELU, Format.F32, x, 0, expected, 0, x.length, 0.01, 0);
        float[] y = new float[x.length];
        warming.map1(Op.LEAKY_RELU, Format.F32, x, 0, y, 0, x.length, 0.01, 0);
        assertArrayEquals(bits(expected), bits(y), "before the switch");
        assertTrue(warming.hasStarted(Op.LEAKY_RELU, Format.F32, false, false));
        assertTrue(warming.awaitSettled(3 * MINUTE), "warm-up ended");
        assertTrue(warming.isWarm(Op.LEAKY_RELU, Format.F32, false, false),
                warming.outcome(Op.LEAKY_RELU, Format.F32, false, false));
        assertFalse(warming.isWarm(Op.LEAKY_RELU, Format.F32, true, false), "a kernel nobody called is not warmed");
        assertFalse(warming.isWarm(Op.LEAKY_RELU, Format.F64, false, false), "a kernel nobody called is not warmed");
        y = new float[x.length];
        warming.map1(Op.LEAKY_RELU, Format.F32, x, 0, y, 0, x.length, 0.01, 0);
        assertArrayEquals(bits(expected), bits(y), "after the switch");
        assertEquals("vector", warming.name());
    }

    @Test
    void segmentAndBackwardKernelsWarmUpToo() throws InterruptedException {
        WarmingLoops warming = patient();
        double[] x = randomDoubles(777);
        double[] dy = randomDoubles(777);
        double[] expected = new double[x.length];
        ScalarLoops.INSTANCE.map2(Op.HARDTANH, Format.F64, x, 0, dy, 0, expected, 0, x.length, -0.5, 0.75);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, x);
            MemorySegment dys = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, dy);
            MemorySegment out = arena.allocate(8L * x.length);
            // Short calls start the warm-up too, after enough of them: (777 + 256) * 254 >= 2^18.
            for (int call = 0; call < 260; call++) {
                assertEquals(call >= 254, warming.hasStarted(Op.HARDTANH, Format.F64, true, true), "call " + call);
                out.fill((byte) 0);
                warming.map2(Op.HARDTANH, Format.F64, xs, 0L, dys, 0L, out, 0L, (long) x.length, -0.5, 0.75);
                assertArrayEquals(expected, out.toArray(ValueLayout.JAVA_DOUBLE), "call " + call);
            }
            assertTrue(warming.awaitSettled(3 * MINUTE), "warm-up ended");
            out.fill((byte) 0);
            warming.map2(Op.HARDTANH, Format.F64, xs, 0L, dys, 0L, out, 0L, (long) x.length, -0.5, 0.75);
            assertArrayEquals(expected, out.toArray(ValueLayout.JAVA_DOUBLE), "once warm");
        }
        assertTrue(warming.isWarm(Op.HARDTANH, Format.F64, true, true), warming.outcome(Op.HARDTANH, Format.F64, true, true));
    }

    /**
     * A 16-bit kernel on arrays and one on segments: the reference's bits before and after their
     * switch. (Kernels whose vector loop is far faster than the reference, so that the switch
     * does not hang on a close race: a binary16 Hardtanh backward on segments once stayed on the
     * reference here, rightly, its vector loop being no faster.)
     */
    @Test
    void sixteenBitKernelsWarmUpWithTheSameBits() throws InterruptedException {
        WarmingLoops warming = patient();
        Element b = Element.BF16;
        Element h = Element.F16;
        SplittableRandom random = new SplittableRandom(19);
        short[] x = (short[]) b.randomBitsArray((int) WarmingLoops.START_AFTER, random); // starts at once
        short[] expected = new short[x.length];
        ScalarLoops.INSTANCE.map1(Op.LEAKY_RELU, Format.BF16, x, 0, expected, 0, x.length, 0.2, 0);
        short[] xh = (short[]) h.randomBitsArray(777, random);
        short[] dyh = (short[]) h.randomBitsArray(777, random);
        short[] expectedh = new short[xh.length];
        ScalarLoops.INSTANCE.map2(Op.RELU, Format.F16, xh, 0, dyh, 0, expectedh, 0, xh.length, 0, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = arena.allocateFrom(ValueLayout.JAVA_SHORT, xh);
            MemorySegment dys = arena.allocateFrom(ValueLayout.JAVA_SHORT, dyh);
            MemorySegment out = arena.allocate(2L * xh.length);
            for (int pass = 0; pass < 2; pass++) { // before the switch, then once both are warm
                short[] y = new short[x.length];
                warming.map1(Op.LEAKY_RELU, Format.BF16, x, 0, y, 0, x.length, 0.2, 0);
                assertArrayEquals(b.allBits(expected), b.allBits(y), "bfloat16 Leaky ReLU, pass " + pass);
                for (int call = 0; call < 260; call++) { // (777 + 256) * 254 >= 2^18: starts the warm-up
                    out.fill((byte) 0);
                    warming.map2(Op.RELU, Format.F16, xs, 0L, dys, 0L, out, 0L, (long) xh.length, 0, 0);
                    assertArrayEquals(expectedh, out.toArray(ValueLayout.JAVA_SHORT), "binary16 ReLU, call " + call);
                }
                assertTrue(warming.awaitSettled(3 * MINUTE), "warm-up ended");
            }
        }
        assertTrue(warming.isWarm(Op.LEAKY_RELU, Format.BF16, false, false),
                warming.outcome(Op.LEAKY_RELU, Format.BF16, false, false));
        assertTrue(warming.isWarm(Op.RELU, Format.F16, true, true), warming.outcome(Op.RELU, Format.F16, true, true));
    }

    @Test
    void theDecisionRunsOnceOnTheWarmUpThread() throws InterruptedException {
        List<String> threads = new CopyOnWriteArrayList<>();
        WarmingLoops warming = new WarmingLoops(ScalarLoops.INSTANCE, () -> {
            threads.add(Thread.currentThread().getName());
            return ScalarLoops.INSTANCE;
        });
        assertEquals("scalar until the engine decision", warming.toString());
        warming.warmUpAll();
        assertTrue(warming.awaitSettled(MINUTE));
        assertEquals(List.of("relu4j-warm-up"), threads);
        // The decision was the reference itself: every kernel runs it, none is compiled.
        assertTrue(warming.isWarm(Op.RELU, Format.F64, true, true));
        assertEquals("scalar", warming.name());
    }

    @Test
    void aKernelThatNeverGetsFasterStaysOnTheReference() throws InterruptedException {
        Loops slow = new SlowLoops();
        WarmingLoops warming = new WarmingLoops(ScalarLoops.INSTANCE, () -> slow, TimeUnit.MILLISECONDS.toNanos(100));
        float[] x = randomFloats(300);
        float[] y = new float[x.length];
        warming.warmUpAll();
        warming.map1(Op.RELU, Format.F32, x, 0, y, 0, x.length, 0, 0);
        assertTrue(warming.awaitSettled(MINUTE));
        assertTrue(warming.hasStarted(Op.RELU, Format.F32, false, false));
        assertFalse(warming.isWarm(Op.RELU, Format.F32, false, false));
        float[] again = new float[x.length];
        warming.map1(Op.RELU, Format.F32, x, 0, again, 0, x.length, 0, 0);
        assertArrayEquals(bits(y), bits(again));
    }

    @Test
    void aDecisionThatThrowsLeavesTheReference() throws InterruptedException {
        WarmingLoops warming = new WarmingLoops(ScalarLoops.INSTANCE, () -> {
            throw new IllegalStateException("no decision");
        });
        float[] x = randomFloats(64);
        float[] y = new float[x.length];
        float[] expected = new float[x.length];
        warming.warmUpAll();
        warming.map1(Op.RELU, Format.F32, x, 0, y, 0, x.length, 0, 0);
        assertTrue(warming.awaitSettled(MINUTE));
        assertTrue(warming.hasStarted(Op.RELU, Format.F32, false, false));
        warming.map1(Op.RELU, Format.F32, x, 0, y, 0, x.length, 0, 0);
        ScalarLoops.INSTANCE.map1(Op.RELU, Format.F32, x, 0, expected, 0, x.length, 0, 0);
        assertArrayEquals(bits(expected), bits(y));
        assertFalse(warming.isWarm(Op.RELU, Format.F32, false, false));
    }

    @Test
    void thePreferredEngineWarmsUpAndSaysSo() throws InterruptedException {
        Engine preferred = Engine.preferred();
        assertTrue(WarmingLoops.of(preferred.loops()) != null, preferred.toString());
        assertTrue(preferred.warmUp().awaitWarmUp(Duration.ofMinutes(5)), preferred.toString());
        assertTrue(preferred.toString().contains("each kernel once compiled"), preferred.toString());
        assertTrue(Engine.scalar().awaitWarmUp(Duration.ZERO), "engines that do not warm up return at once");
    }

    /** Loops that are always slower than the reference: the reference, then a pause. */
    private static final class SlowLoops implements Loops {
        @Override
        public void map1(Op op, Format f, Object x, int xo, Object y, int yo, int n, double p, double q) {
            ScalarLoops.INSTANCE.map1(op, f, x, xo, y, yo, n, p, q);
            pause();
        }

        @Override
        public void map1(Op op, Format f, MemorySegment x, long xo, MemorySegment y, long yo, long n, double p,
                         double q) {
            ScalarLoops.INSTANCE.map1(op, f, x, xo, y, yo, n, p, q);
            pause();
        }

        @Override
        public void map2(Op op, Format f, Object x, int xo, Object dy, int dyo, Object dx, int dxo, int n, double p,
                         double q) {
            ScalarLoops.INSTANCE.map2(op, f, x, xo, dy, dyo, dx, dxo, n, p, q);
            pause();
        }

        @Override
        public void map2(Op op, Format f, MemorySegment x, long xo, MemorySegment dy, long dyo, MemorySegment dx,
                         long dxo, long n, double p, double q) {
            ScalarLoops.INSTANCE.map2(op, f, x, xo, dy, dyo, dx, dxo, n, p, q);
            pause();
        }

        private static void pause() {
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }

        @Override
        public String name() {
            return "slow";
        }
    }

    private static float[] randomFloats(int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(r.nextInt());
        }
        return a;
    }

    private static double[] randomDoubles(int n) {
        SplittableRandom r = new SplittableRandom(n);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        return a;
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
