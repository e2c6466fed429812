package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PReLU's mask forms against its plain kernels on the scalar reference, bit for bit: the forward
 * with its mask writes the plain forward's y and sets a bit exactly where {@code x > 0} (the
 * format's own compare, NaN and -0 not), and the input gradient from that mask is the plain input
 * gradient's. Every layout (channels-first with runs longer and shorter than a block, of one
 * element, channels-last with rows longer and shorter than a block, one slope), every format, on
 * arrays and native segments, on every engine; the mask at offsets in and across words, its other
 * bits and the tensors outside their ranges unchanged; in place too.
 */
class PreluMaskTest {
    private static final long MASK_FILL = 0x5A5A_C3C3_0F0F_9696L;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        Prelu[] layouts = {Prelu.channelsFirst(3, 5), Prelu.channelsFirst(4, 1500), Prelu.channelsFirst(5, 1),
            Prelu.channelsLast(3), Prelu.channelsLast(100), Prelu.channelsLast(5000), Prelu.shared()};
        Engine[] engines = {Engine.scalar(), Engine.vector(), Engine.portable(),
            Engine.of(ParallelLoops.withThreshold(VectorLoops.INSTANCE, 3, java.util.concurrent.ForkJoinPool.commonPool(), 4096))};
        for (Element e : Element.values()) {
            for (Prelu layout : layouts) {
                for (Engine engine : engines) {
                    cases.add(Arguments.of(e, layout, engine));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} on {2}")
    @MethodSource("cases")
    void maskFormsGiveThePlainKernelsBits(Element e, Prelu layout, Engine engine) {
        SplittableRandom random = new SplittableRandom(layout.groupSize() * 31 + e.ordinal());
        Prelu prelu = layout.on(engine);
        Prelu reference = layout.on(Engine.scalar());
        int channels = prelu.channels();
        Object w = slopes(e, channels, random);
        for (int n : new int[] {0, 1, 2}) {
            for (int maskOffset : new int[] {0, 37}) {
                int pad = 5;
                int count = (int) (n * prelu.groupSize());
                Object x = mixed(e, pad + count + pad, random);
                Object dy = e.ordinaryArray(pad + count + pad, random);
                Object expectedY = e.copy(x);
                Object expectedDx = e.copy(dy);
                call(reference, e, false, x, pad, null, expectedY, pad, n, w, null, 0);
                call(reference, e, true, x, pad, dy, expectedDx, pad, n, w, null, 0);
                long[] mask = new long[(int) Activation.maskWords(maskOffset + count) + 2];
                java.util.Arrays.fill(mask, MASK_FILL);
                long[] expectedMask = mask.clone();
                for (int i = 0; i < count; i++) {
                    long b = maskOffset + i;
                    long bit = 1L << b;
                    expectedMask[(int) (b >>> 6)] = above(e, e.bits(x, pad + i)) ? expectedMask[(int) (b >>> 6)] | bit
                            : expectedMask[(int) (b >>> 6)] & ~bit;
                }
                String where = e + " " + prelu + " n=" + n + " mask offset " + maskOffset;
                // Arrays, out of place and in place.
                Object y = e.copy(x);
                call(prelu, e, false, x, pad, null, y, pad, n, w, mask, maskOffset);
                assertArrayEquals(e.allBits(expectedY), e.allBits(y), "forward " + where);
                assertArrayEquals(expectedMask, mask, "mask " + where);
                Object dx = e.copy(dy);
                call(prelu, e, true, null, 0, dy, dx, pad, n, w, mask, maskOffset);
                assertArrayEquals(e.allBits(expectedDx), e.allBits(dx), "input gradient " + where);
                Object inPlace = e.copy(x);
                long[] mask2 = expectedMask.clone();
                call(prelu, e, false, inPlace, pad, null, inPlace, pad, n, w, mask2, maskOffset);
                assertArrayEquals(e.allBits(expectedY), e.allBits(inPlace), "forward in place " + where);
                assertArrayEquals(expectedMask, mask2, "mask in place " + where);
                Object dyInPlace = e.copy(dy);
                call(prelu, e, true, null, 0, dyInPlace, dyInPlace, pad, n, w, expectedMask, maskOffset);
                assertArrayEquals(e.allBits(expectedDx), e.allBits(dyInPlace), "input gradient in place " + where);
                // Native segments, the mask a segment of longs too.
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment xs = segment(e, x, arena);
                    MemorySegment ys = segment(e, e.copy(x), arena);
                    MemorySegment ms = arena.allocate(8L * mask.length + 3).asSlice(3); // unaligned
                    MemorySegment.copy(MemorySegment.ofArray(expectedMask), 0, ms, 0, 8L * mask.length);
                    ms.asSlice(0, 8L * mask.length).fill((byte) 0x33);
                    long[] before = ms.asSlice(0, 8L * mask.length).toArray(ValueLayout.JAVA_LONG_UNALIGNED);
                    callSegments(prelu, e, false, xs, pad, null, ys, pad, n, w, ms, maskOffset);
                    Object yBack = e.copy(x);
                    e.copyFrom(ys, yBack);
                    assertArrayEquals(e.allBits(expectedY), e.allBits(yBack), "forward on segments " + where);
                    long[] after = ms.asSlice(0, 8L * mask.length).toArray(ValueLayout.JAVA_LONG_UNALIGNED);
                    for (int b = 0; b < 64 * mask.length; b++) {
                        boolean inRange = b >= maskOffset && b < maskOffset + count;
                        long want = inRange ? expectedMask[b >>> 6] : before[b >>> 6];
                        assertEquals(want >>> b & 1, after[b >>> 6] >>> b & 1, "segment mask bit " + b + " " + where);
                    }
                    MemorySegment dys = segment(e, dy, arena);
                    MemorySegment dxs = segment(e, e.copy(dy), arena);
                    callSegments(prelu, e, true, null, 0, dys, dxs, pad, n, w, ms, maskOffset);
                    Object dxBack = e.copy(dy);
                    e.copyFrom(dxs, dxBack);
                    assertArrayEquals(e.allBits(expectedDx), e.allBits(dxBack), "input gradient on segments " + where);
                }
            }
        }
    }

    @Test
    void aLargeCallSplitAcrossThreadsGivesTheSameBits() {
        Engine parallel = Engine.of(ParallelLoops.withThreshold(VectorLoops.INSTANCE, 3,
                java.util.concurrent.ForkJoinPool.commonPool(), 4096));
        SplittableRandom random = new SplittableRandom(5);
        for (Prelu layout : new Prelu[] {Prelu.channelsFirst(7, 3001), Prelu.channelsLast(333)}) {
            int n = 29;
            int count = (int) (n * layout.groupSize());
            float[] w = (float[]) slopes(Element.FLOAT, layout.channels(), random);
            float[] x = (float[]) mixed(Element.FLOAT, count, random);
            float[] dy = (float[]) Element.FLOAT.ordinaryArray(count, random);
            float[] y1 = new float[count];
            float[] y2 = new float[count];
            float[] dx1 = new float[count];
            float[] dx2 = new float[count];
            long[] m1 = new long[(int) Activation.maskWords(count + 11)];
            long[] m2 = new long[m1.length];
            layout.on(Engine.scalar()).forward(x, 0, y1, 0, n, w, 0, m1, 11);
            layout.on(parallel).forward(x, 0, y2, 0, n, w, 0, m2, 11);
            layout.on(Engine.scalar()).inputGradient(m1, 11, dy, 0, dx1, 0, n, w, 0);
            layout.on(parallel).inputGradient(m2, 11, dy, 0, dx2, 0, n, w, 0);
            assertArrayEquals(y1, y2, layout.toString());
            assertArrayEquals(m1, m2, layout.toString());
            assertArrayEquals(dx1, dx2, layout.toString());
        }
    }

    @Test
    void badArgumentsThrowBeforeAnythingIsWritten() {
        Prelu prelu = Prelu.channelsFirst(2, 3);
        float[] x = {1, -1, 2, -2, 3, -3};
        float[] y = new float[6];
        float[] w = {0.5f, 0.25f};
        long[] mask = {7L};
        assertThrows(NullPointerException.class, () -> prelu.forward(x, 0, y, 0, 1, w, 0, null, 0));
        assertThrows(NullPointerException.class, () -> prelu.forward(x, 0, y, 0, 1, null, 0, mask, 0));
        IndexOutOfBoundsException range = assertThrows(IndexOutOfBoundsException.class,
                () -> prelu.forward(x, 0, y, 0, 1, w, 0, mask, 60));
        assertEquals(true, range.getMessage().startsWith("mask"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> prelu.forward(x, 0, y, 0, 1, new float[] {Float.NaN, 1}, 0, mask, 0));
        assertThrows(IllegalArgumentException.class, () -> prelu.forward(x, 0, y, 0, -1, w, 0, mask, 0));
        assertThrows(IllegalArgumentException.class, () -> prelu.forward(x, 0, x, 0, 1, x, 0, mask, 0), "y overlaps w");
        assertThrows(IndexOutOfBoundsException.class, () -> prelu.inputGradient(mask, 0, x, 0, y, 1, 1, w, 0));
        assertThrows(IllegalArgumentException.class, () -> prelu.inputGradient(mask, 0, x, 0, y, 0, 1, new float[] {1, Float.POSITIVE_INFINITY}, 0));
        assertArrayEquals(new float[6], y, "y untouched");
        assertArrayEquals(new long[] {7L}, mask, "mask untouched");
    }

    /** Whether the element is above zero, by its bits (NaN, -0 and +0 are not). */
    private static boolean above(Element e, long bits) {
        long sign = 1L << (e.size() - 1);
        return (bits & sign) == 0 && bits != 0 && !e.isNaN(bits);
    }

    /** Random bits (NaNs, infinities, subnormals, zeros of both signs) and ordinary values, mixed. */
    private static Object mixed(Element e, int length, SplittableRandom random) {
        Object a = e.ordinaryArray(length, random);
        long[] specials = e.specials();
        for (int i = 0; i < length; i += 3) {
            e.setBits(a, i, i % 2 == 0 ? e.randomBits(random) : specials[random.nextInt(specials.length)]);
        }
        return a;
    }

    private static Object slopes(Element e, int channels, SplittableRandom random) {
        if (e == Element.DOUBLE) {
            double[] w = new double[channels];
            for (int i = 0; i < channels; i++) {
                w[i] = random.nextDouble(-2, 2);
            }
            return w;
        }
        float[] w = new float[channels];
        for (int i = 0; i < channels; i++) {
            w[i] = (float) random.nextDouble(-2, 2);
        }
        return w;
    }

    private static MemorySegment segment(Element e, Object array, Arena arena) {
        MemorySegment s = arena.allocate((long) e.length(array) * e.size() / 8, 64);
        e.copyInto(array, s);
        return s;
    }

    /**
     * The forward (mask and x given; with a null mask the plain forward) or the input gradient
     * (from the mask; with a null mask the plain one, from x) on arrays.
     */
    private static void call(Prelu p, Element e, boolean backward, Object x, int xo, Object dy, Object out, int oo, int n,
                             Object w, long[] mask, long mo) {
        switch (e) {
            case FLOAT -> {
                if (!backward) {
                    if (mask == null) {
                        p.forward((float[]) x, xo, (float[]) out, oo, n, (float[]) w, 0);
                    } else {
                        p.forward((float[]) x, xo, (float[]) out, oo, n, (float[]) w, 0, mask, mo);
                    }
                } else if (mask == null) {
                    p.inputGradient((float[]) x, xo, (float[]) dy, oo, (float[]) out, oo, n, (float[]) w, 0);
                } else {
                    p.inputGradient(mask, mo, (float[]) dy, oo, (float[]) out, oo, n, (float[]) w, 0);
                }
            }
            case DOUBLE -> {
                if (!backward) {
                    if (mask == null) {
                        p.forward((double[]) x, xo, (double[]) out, oo, n, (double[]) w, 0);
                    } else {
                        p.forward((double[]) x, xo, (double[]) out, oo, n, (double[]) w, 0, mask, mo);
                    }
                } else if (mask == null) {
                    p.inputGradient((double[]) x, xo, (double[]) dy, oo, (double[]) out, oo, n, (double[]) w, 0);
                } else {
                    p.inputGradient(mask, mo, (double[]) dy, oo, (double[]) out, oo, n, (double[]) w, 0);
                }
            }
            case BF16 -> {
                if (!backward) {
                    if (mask == null) {
                        p.forwardBF16((short[]) x, xo, (short[]) out, oo, n, (float[]) w, 0);
                    } else {
                        p.forwardBF16((short[]) x, xo, (short[]) out, oo, n, (float[]) w, 0, mask, mo);
                    }
                } else if (mask == null) {
                    p.inputGradientBF16((short[]) x, xo, (short[]) dy, oo, (short[]) out, oo, n, (float[]) w, 0);
                } else {
                    p.inputGradientBF16(mask, mo, (short[]) dy, oo, (short[]) out, oo, n, (float[]) w, 0);
                }
            }
            case F16 -> {
                if (!backward) {
                    if (mask == null) {
                        p.forwardF16((short[]) x, xo, (short[]) out, oo, n, (float[]) w, 0);
                    } else {
                        p.forwardF16((short[]) x, xo, (short[]) out, oo, n, (float[]) w, 0, mask, mo);
                    }
                } else if (mask == null) {
                    p.inputGradientF16((short[]) x, xo, (short[]) dy, oo, (short[]) out, oo, n, (float[]) w, 0);
                } else {
                    p.inputGradientF16(mask, mo, (short[]) dy, oo, (short[]) out, oo, n, (float[]) w, 0);
                }
            }
        }
    }

    private static void callSegments(Prelu p, Element e, boolean backward, MemorySegment x, long xo, MemorySegment dy,
                                     MemorySegment out, long oo, long n, Object w, MemorySegment mask, long mo) {
        switch (e) {
            case FLOAT -> {
                if (backward) {
                    p.inputGradientMaskedF32(mask, mo, dy, oo, out, oo, n, (float[]) w, 0);
                } else {
                    p.forwardMaskedF32(x, xo, out, oo, n, (float[]) w, 0, mask, mo);
                }
            }
            case DOUBLE -> {
                if (backward) {
                    p.inputGradientMaskedF64(mask, mo, dy, oo, out, oo, n, (double[]) w, 0);
                } else {
                    p.forwardMaskedF64(x, xo, out, oo, n, (double[]) w, 0, mask, mo);
                }
            }
            case BF16 -> {
                if (backward) {
                    p.inputGradientMaskedBF16(mask, mo, dy, oo, out, oo, n, (float[]) w, 0);
                } else {
                    p.forwardMaskedBF16(x, xo, out, oo, n, (float[]) w, 0, mask, mo);
                }
            }
            case F16 -> {
                if (backward) {
                    p.inputGradientMaskedF16(mask, mo, dy, oo, out, oo, n, (float[]) w, 0);
                } else {
                    p.forwardMaskedF16(x, xo, out, oo, n, (float[]) w, 0, mask, mo);
                }
            }
        }
    }
}
