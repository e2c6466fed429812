package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every argument error of the 16-bit PReLU methods, for both formats: the JDK's exception, a
 * message that names the argument, and nothing written (outputs, slope gradients and inputs keep
 * their canaries). The shape is channels-first {@code [2, 3, 4]}: 24 elements, 3 float slopes.
 */
class PreluHalfArgumentsTest {
    private static final Prelu P = Prelu.channelsFirst(3, 4);
    private static final short CANARY = 0x4228;
    private static final float DW_CANARY = 42f;

    private final short[] x = filled(24);
    private final short[] dy = filled(24);
    private final short[] out = filled(24);
    private final float[] w = {0.25f, 0.5f, 0.75f};
    private final float[] dw = {DW_CANARY, DW_CANARY, DW_CANARY};

    private static short[] filled(int n) {
        short[] a = new short[n];
        Arrays.fill(a, CANARY);
        return a;
    }

    /** {@code call} throws {@code type} with a message containing {@code name}, and wrote nothing. */
    private <T extends Throwable> void rejects(Class<T> type, String name, Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(name), "message names " + name + ": " + e.getMessage());
        assertArrayEquals(filled(24), out, "out written");
        assertArrayEquals(new float[] {DW_CANARY, DW_CANARY, DW_CANARY}, dw, "dw written");
        assertArrayEquals(filled(24), x, "x written");
        assertArrayEquals(filled(24), dy, "dy written");
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f}, w, "w written");
    }

    /** One of the offset forms on arrays. */
    private static Executable call(PreluCall call, PreluHalfOracle.Kind k, short[] x, int xo, short[] dy, int dyo,
                                   short[] out, int oo, int n, float[] w, int wo, float[] dw, int dwo) {
        return () -> PreluHalfCall.run(call, P, k, PreluHalfCall.Where.ARRAY, x, xo, dy, dyo, out, oo, n, w, wo, dw,
                dwo);
    }

    @ParameterizedTest
    @EnumSource(PreluHalfOracle.Kind.class)
    void nulls(PreluHalfOracle.Kind k) {
        rejects(NullPointerException.class, "x", call(PreluCall.FORWARD, k, null, 0, dy, 0, out, 0, 2, w, 0, dw, 0));
        rejects(NullPointerException.class, "y", call(PreluCall.FORWARD, k, x, 0, dy, 0, null, 0, 2, w, 0, dw, 0));
        rejects(NullPointerException.class, "w", call(PreluCall.FORWARD, k, x, 0, dy, 0, out, 0, 2, null, 0, dw, 0));
        rejects(NullPointerException.class, "dy", call(PreluCall.BACKWARD, k, x, 0, null, 0, out, 0, 2, w, 0, dw, 0));
        rejects(NullPointerException.class, "dx", call(PreluCall.BACKWARD, k, x, 0, dy, 0, null, 0, 2, w, 0, dw, 0));
        rejects(NullPointerException.class, "dw", call(PreluCall.BACKWARD, k, x, 0, dy, 0, out, 0, 2, w, 0, null, 0));
        rejects(NullPointerException.class, "w", call(PreluCall.INPUT_GRADIENT, k, x, 0, dy, 0, out, 0, 2, null, 0, dw, 0));
        rejects(NullPointerException.class, "dx", call(PreluCall.INPUT_GRADIENT, k, x, 0, dy, 0, null, 0, 2, w, 0, dw, 0));
        rejects(NullPointerException.class, "dw", call(PreluCall.SLOPE_GRADIENT, k, x, 0, dy, 0, out, 0, 2, w, 0, null, 0));
        rejects(NullPointerException.class, "x", () -> whole(PreluCall.FORWARD, k, null, dy, out, w, dw));
        rejects(NullPointerException.class, "dy", () -> whole(PreluCall.SLOPE_GRADIENT, k, x, null, out, w, dw));
        rejects(NullPointerException.class, "w", () -> whole(PreluCall.INPUT_GRADIENT, k, x, dy, out, null, dw));
    }

    @ParameterizedTest
    @EnumSource(PreluHalfOracle.Kind.class)
    void ranges(PreluHalfOracle.Kind k) {
        rejects(IndexOutOfBoundsException.class, "x", call(PreluCall.FORWARD, k, x, 1, dy, 0, out, 0, 2, w, 0, dw, 0));
        rejects(IndexOutOfBoundsException.class, "y", call(PreluCall.FORWARD, k, x, 0, dy, 0, out, -1, 2, w, 0, dw, 0));
        rejects(IndexOutOfBoundsException.class, "y", call(PreluCall.FORWARD, k, x, 0, dy, 0, filled(23), 0, 2, w, 0, dw, 0));
        rejects(IndexOutOfBoundsException.class, "w", call(PreluCall.FORWARD, k, x, 0, dy, 0, out, 0, 2, w, 1, dw, 0));
        rejects(IndexOutOfBoundsException.class, "dy", call(PreluCall.BACKWARD, k, x, 0, dy, 3, out, 0, 2, w, 0, dw, 0));
        rejects(IndexOutOfBoundsException.class, "dw", call(PreluCall.BACKWARD, k, x, 0, dy, 0, out, 0, 2, w, 0, dw, 2));
        rejects(IndexOutOfBoundsException.class, "dw", call(PreluCall.SLOPE_GRADIENT, k, x, 0, dy, 0, out, 0, 2, w, 0,
                new float[2], 0));
        rejects(IndexOutOfBoundsException.class, "w", call(PreluCall.INPUT_GRADIENT, k, x, 0, dy, 0, out, 0, 2,
                new float[2], 0, dw, 0));
        rejects(IndexOutOfBoundsException.class, "x", call(PreluCall.FORWARD, k, x, 0, dy, 0, out, 0, 3, w, 0, dw, 0));
        rejects(IllegalArgumentException.class, "n", call(PreluCall.FORWARD, k, x, 0, dy, 0, out, 0, -1, w, 0, dw, 0));
    }

    @ParameterizedTest
    @EnumSource(PreluHalfOracle.Kind.class)
    void overlaps(PreluHalfOracle.Kind k) {
        rejects(IllegalArgumentException.class, "partially overlaps", call(PreluCall.FORWARD, k, x, 0, dy, 0, x, 1, 1, w,
                0, dw, 0));
        rejects(IllegalArgumentException.class, "dx", call(PreluCall.BACKWARD, k, x, 0, dy, 0, dy, 6, 1, w, 0, dw, 0));
        rejects(IllegalArgumentException.class, "dx", call(PreluCall.INPUT_GRADIENT, k, x, 6, dy, 0, x, 0, 1, w, 0,
                dw, 0));
        // Slopes and their gradient are floats: they can only overlap each other.
        rejects(IllegalArgumentException.class, "dw", call(PreluCall.BACKWARD, k, x, 0, dy, 0, out, 0, 2, w, 0, w, 0));
    }

    @ParameterizedTest
    @EnumSource(PreluHalfOracle.Kind.class)
    void slopesMustBeFinite(PreluHalfOracle.Kind k) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] slopes = {0.25f, bad, 0.5f};
            for (PreluCall c : new PreluCall[] {PreluCall.FORWARD, PreluCall.BACKWARD, PreluCall.INPUT_GRADIENT}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        call(c, k, x, 0, dy, 0, out, 0, 2, slopes, 0, dw, 0));
                assertTrue(e.getMessage().contains("w[1]"), e.getMessage());
                assertArrayEquals(filled(24), out);
                assertArrayEquals(new float[] {DW_CANARY, DW_CANARY, DW_CANARY}, dw);
            }
        }
        // The slope gradient alone takes no slopes; a slope whose products overflow is finite and allowed.
        short[] positive = new short[24];
        Arrays.fill(positive, k.round(2f));
        PreluHalfCall.run(PreluCall.SLOPE_GRADIENT, P, k, PreluHalfCall.Where.ARRAY, positive, 0, dy, 0, out, 0, 2, null,
                0, dw, 0);
        assertEquals(0f, dw[0]); // x > 0: no term
        PreluHalfCall.run(PreluCall.FORWARD, P, k, PreluHalfCall.Where.ARRAY, x, 0, dy, 0, out, 0, 2,
                new float[] {3e38f, 3e38f, 3e38f}, 0, dw, 0);
    }

    @ParameterizedTest
    @EnumSource(PreluHalfOracle.Kind.class)
    void wholeForms(PreluHalfOracle.Kind k) {
        rejects(IllegalArgumentException.class, "x", () -> whole(PreluCall.FORWARD, k, filled(23), dy, filled(23), w, dw));
        rejects(IllegalArgumentException.class, "y", () -> whole(PreluCall.FORWARD, k, x, dy, filled(12), w, dw));
        rejects(IllegalArgumentException.class, "w", () -> whole(PreluCall.FORWARD, k, x, dy, out, new float[4], dw));
        rejects(IllegalArgumentException.class, "dw", () -> whole(PreluCall.BACKWARD, k, x, dy, out, w, new float[2]));
        rejects(IllegalArgumentException.class, "dx", () -> whole(PreluCall.INPUT_GRADIENT, k, x, dy, filled(12), w, dw));
        rejects(IllegalArgumentException.class, "dy", () -> whole(PreluCall.SLOPE_GRADIENT, k, x, filled(12), out, w, dw));
    }

    @ParameterizedTest
    @EnumSource(PreluHalfOracle.Kind.class)
    void segments(PreluHalfOracle.Kind k) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = arena.allocate(2 * 24);
            MemorySegment dys = arena.allocate(2 * 24);
            MemorySegment outs = arena.allocate(2 * 24);
            outs.fill((byte) 7);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreluHalfCall.onSegments(
                    PreluCall.FORWARD, P, k, xs, 0, dys, 0, outs.asReadOnly(), 0, 2, w, 0, dw, 0));
            assertTrue(e.getMessage().contains("y"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> PreluHalfCall.onSegments(PreluCall.BACKWARD, P, k, xs,
                    0, dys, 0, MemorySegment.ofArray(out).asReadOnly(), 0, 2, w, 0, dw, 0));
            assertTrue(e.getMessage().contains("dx"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> PreluHalfCall.onSegments(PreluCall.FORWARD, P, k, xs, 0,
                    dys, 0, outs, 1, 2, w, 0, dw, 0));
            assertThrows(IllegalArgumentException.class, () -> PreluHalfCall.onSegments(PreluCall.FORWARD, P, k, xs, 0,
                    dys, 0, xs.asSlice(2), 0, 1, w, 0, dw, 0));
            e = assertThrows(IllegalArgumentException.class, () -> wholeSegments(PreluCall.FORWARD, k,
                    xs.asSlice(0, 47), dys, outs, w, dw));
            assertTrue(e.getMessage().contains("x"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> wholeSegments(PreluCall.SLOPE_GRADIENT, k, xs,
                    dys.asSlice(0, 24), outs, w, dw));
            assertTrue(e.getMessage().contains("dy"), e.getMessage());
            for (long i = 0; i < outs.byteSize(); i++) {
                assertEquals(7, outs.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i));
            }
            assertArrayEquals(filled(24), out);
            assertArrayEquals(new float[] {DW_CANARY, DW_CANARY, DW_CANARY}, dw);
        }
        MemorySegment closed;
        try (Arena arena = Arena.ofConfined()) {
            closed = arena.allocate(2 * 24);
        }
        assertThrows(IllegalStateException.class, () -> wholeSegments(PreluCall.FORWARD, k, closed, closed, closed, w, dw));
        assertThrows(IllegalStateException.class, () -> wholeSegments(PreluCall.BACKWARD, k, closed, closed, closed, w, dw));
        assertArrayEquals(new float[] {DW_CANARY, DW_CANARY, DW_CANARY}, dw);
    }

    /** The whole-array forms. */
    private static void whole(PreluCall call, PreluHalfOracle.Kind k, short[] x, short[] dy, short[] out, float[] w,
                              float[] dw) {
        boolean bf16 = k == PreluHalfOracle.Kind.BF16;
        switch (call) {
            case FORWARD -> {
                if (bf16) {
                    P.forwardBF16(x, out, w);
                } else {
                    P.forwardF16(x, out, w);
                }
            }
            case BACKWARD -> {
                if (bf16) {
                    P.backwardBF16(x, dy, out, w, dw);
                } else {
                    P.backwardF16(x, dy, out, w, dw);
                }
            }
            case INPUT_GRADIENT -> {
                if (bf16) {
                    P.inputGradientBF16(x, dy, out, w);
                } else {
                    P.inputGradientF16(x, dy, out, w);
                }
            }
            case SLOPE_GRADIENT -> {
                if (bf16) {
                    P.slopeGradientBF16(x, dy, dw);
                } else {
                    P.slopeGradientF16(x, dy, dw);
                }
            }
        }
    }

    /** The whole-segment forms. */
    private static void wholeSegments(PreluCall call, PreluHalfOracle.Kind k, MemorySegment x, MemorySegment dy,
                                      MemorySegment out, float[] w, float[] dw) {
        boolean bf16 = k == PreluHalfOracle.Kind.BF16;
        switch (call) {
            case FORWARD -> {
                if (bf16) {
                    P.forwardBF16(x, out, w);
                } else {
                    P.forwardF16(x, out, w);
                }
            }
            case BACKWARD -> {
                if (bf16) {
                    P.backwardBF16(x, dy, out, w, dw);
                } else {
                    P.backwardF16(x, dy, out, w, dw);
                }
            }
            case INPUT_GRADIENT -> {
                if (bf16) {
                    P.inputGradientBF16(x, dy, out, w);
                } else {
                    P.inputGradientF16(x, dy, out, w);
                }
            }
            case SLOPE_GRADIENT -> {
                if (bf16) {
                    P.slopeGradientBF16(x, dy, dw);
                } else {
                    P.slopeGradientF16(x, dy, dw);
                }
            }
        }
    }
}
